import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngagementView } from '../../../shared/contracts/engagements';
import type { Codebook } from '../../../shared/contracts/market-research';
import type { SurveyDetail, SurveyPreview } from '../../../shared/contracts/market-research-api';
import { isVersionConflict } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextarea } from '../../components/LimitedText';
import { Loading } from '../../components/Loading';
import { useFieldIssues, useTranslator } from '../../hooks/useTranslator';
import { Section } from '../engagements/components/Section';
import { surveyKeys, surveysApi } from './api';
import { CodebookEditor } from './CodebookEditor';
import { type EditableCodebook, editableCodebook, localProblems, sampleValues, toCodebook } from './codebook';
import { useSurveyFormat } from './format';
import { useSurveyChanged } from './hooks';
import { placeSurveyIssues, shortList } from './issues';

const NOTE_MAX = 2000;

/**
 * The codebook of the version shown, as a table; for whoever the server lets edit, "edit codebook"
 * opens the editor on it and saves the correction as the next version (naming the version it builds on;
 * a version saved meanwhile is a conflict to reload, not an overwrite).
 */
export function CodebookPanel({
  engagement,
  survey,
  onSaved,
}: {
  engagement: EngagementView;
  survey: SurveyDetail;
  onSaved: (version: number) => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const codebook = survey.version.codebook;
  return (
    <Stack gap="md">
      {editing ? (
        <EditCodebook
          engagement={engagement}
          survey={survey}
          onClose={() => setEditing(false)}
          onSaved={(v) => {
            setEditing(false);
            onSaved(v);
          }}
        />
      ) : (
        <Section
          title={t('surveys.codebook.viewTitle', { version: survey.version.version })}
          actions={
            survey.canEdit && (
              <Button size="xs" variant="light" leftSection={<IconEdit size={14} />} onClick={() => setEditing(true)}>
                {t('surveys.edit.button')}
              </Button>
            )
          }
        >
          <CodebookTable codebook={codebook} />
          <Text size="sm">
            {t('surveys.codebook.weightColumn')}: {codebook.weightColumn ?? t('surveys.codebook.weightColumnNone')}
          </Text>
        </Section>
      )}
    </Stack>
  );
}

/** The codebook, read-only. */
export function CodebookTable({ codebook }: { codebook: Codebook }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table verticalSpacing="xs" striped aria-label={t('surveys.codebook.table')} data-testid="codebook-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('surveys.codebook.key')}</Table.Th>
            <Table.Th>{t('surveys.codebook.text')}</Table.Th>
            <Table.Th>{t('surveys.codebook.type')}</Table.Th>
            <Table.Th>{t('surveys.codebook.columns')}</Table.Th>
            <Table.Th>{t('surveys.codebook.labels')}</Table.Th>
            <Table.Th>{t('surveys.codebook.missing')}</Table.Th>
            <Table.Th>{t('surveys.codebook.scale')}</Table.Th>
            <Table.Th>{t('surveys.codebook.grid')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {codebook.questions.map((q) => (
            <Table.Tr key={q.key} data-testid="codebook-question" data-key={q.key} data-type={q.type}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {q.key}
                </Text>
              </Table.Td>
              <Table.Td maw={320}>
                <Text size="xs">{q.text || t('common.none')}</Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" tt="none" size="sm">
                  {t(`surveys.questionType.${q.type}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{q.columns.join(', ')}</Text>
                {q.type === 'multiple' && (
                  <Text size="xs" c="dimmed">
                    {t(`surveys.multipleFormat.${q.multipleFormat}`)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td maw={280}>
                <Text size="xs">
                  {q.values.length === 0 ? t('common.none') : q.values.map((v) => `${v.value} = ${v.label}`).join(' / ')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{q.missing.join(', ') || t('common.none')}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs">
                  {q.type === 'likert'
                    ? t(q.reverse ? 'surveys.codebook.scaleReversed' : 'surveys.codebook.scaleRange', {
                        min: q.scale?.min ?? 1,
                        max: q.scale?.max ?? 5,
                      })
                    : q.type === 'nps'
                      ? t('surveys.codebook.npsScale')
                      : t('common.none')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{q.grid ?? t('common.none')}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function EditCodebook({
  engagement,
  survey,
  onClose,
  onSaved,
}: {
  engagement: EngagementView;
  survey: SurveyDetail;
  onClose: () => void;
  onSaved: (version: number) => void;
}) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const fmt = useSurveyFormat();
  const queryClient = useQueryClient();
  const changed = useSurveyChanged(engagement.id);
  // The version the edit builds on: the latest as this page knows it; the server refuses a stale one.
  const [baseVersion] = useState(survey.latestVersion);
  const [codebook, setCodebook] = useState<EditableCodebook>(() => editableCodebook(survey.version.codebook));
  const [note, setNote] = useState('');
  const v = survey.version;

  // The file's columns and first rows, so that removed columns can come back and labels start from the data.
  const file = useMutation({
    mutationFn: () =>
      surveysApi.preview(engagement.id, {
        documentId: v.documentId,
        documentVersion: v.documentVersion,
        ...(v.sheet ? { sheet: v.sheet } : {}),
      }),
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: read once when the editor opens
  useEffect(() => {
    file.mutate();
  }, []);
  const preview: SurveyPreview | undefined = file.data;
  const header = preview?.header ?? [
    ...new Set([...codebook.questions.flatMap((q) => q.columns), ...(codebook.weightColumn ? [codebook.weightColumn] : [])]),
  ];
  const known = useCallback((column: string) => (preview ? sampleValues(preview, column) : []), [preview]);
  const edit = useCallback((change: (prev: EditableCodebook) => EditableCodebook) => setCodebook(change), []);

  const save = useMutation({
    mutationFn: () =>
      surveysApi.saveVersion(engagement.id, survey.id, { baseVersion, codebook: toCodebook(codebook), ...(note.trim() && { note }) }),
    onSuccess: async (detail) => {
      notifications.show({ color: 'teal', message: t('surveys.edit.saved', { version: detail.latestVersion }) });
      await changed(detail);
      onSaved(detail.latestVersion);
    },
  });
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: surveyKeys.all(engagement.id, survey.id) });
    onClose();
  };
  const issues = placeSurveyIssues(save.error, tr, { questionKeys: codebook.questions.map((q) => q.key), share: (x) => fmt.share(x) });
  const fields = useFieldIssues(save.error, ['note']);
  const problems = localProblems(codebook);
  const ready = codebook.questions.length > 0 && problems.size === 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ready && !save.isPending) save.mutate();
  };

  return (
    <form onSubmit={submit}>
      <Stack gap="md">
        <Section title={t('surveys.edit.title', { version: survey.latestVersion + 1 })}>
          <Text size="sm" c="dimmed">
            {v.version === survey.latestVersion
              ? t('surveys.edit.intro', { version: v.version })
              : t('surveys.edit.fromOlder', { version: v.version, latest: survey.latestVersion })}
          </Text>
          {file.isPending && <Loading />}
          {file.isError && (
            <Alert color="yellow" variant="light">
              {t('surveys.edit.fileUnread')}
            </Alert>
          )}
          <CodebookEditor
            value={codebook}
            onChange={edit}
            header={header}
            known={known}
            issues={issues.byQuestion}
            disabled={save.isPending}
          />
        </Section>
        <Section title={t('surveys.edit.saveTitle')}>
          <LimitedTextarea
            label={t('surveys.edit.note')}
            placeholder={t('surveys.edit.notePlaceholder')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            limit={NOTE_MAX}
            autosize
            minRows={2}
            error={fields.byField.note}
            maw={560}
          />
          {problems.size > 0 && (
            <Alert color="yellow" variant="light">
              {t('surveys.codebook.fixProblems', { count: problems.size })}
            </Alert>
          )}
          {isVersionConflict(save.error) ? (
            <Alert color="orange" variant="light" title={t('surveys.edit.conflictTitle')} role="alert" data-testid="codebook-conflict">
              <Stack gap="xs">
                <Text size="sm">{t('surveys.edit.conflictBody', { base: baseVersion })}</Text>
                <Button size="xs" variant="light" color="orange" w="fit-content" leftSection={<IconRefresh size={14} />} onClick={reload}>
                  {t('surveys.edit.reload')}
                </Button>
              </Stack>
            </Alert>
          ) : save.error ? (
            <ErrorAlert error={save.error} extra={shortList(issues.all, (count) => t('surveys.issue.more', { count }))} />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!ready}>
              {t('surveys.edit.save', { version: baseVersion + 1 })}
            </Button>
          </Group>
        </Section>
      </Stack>
    </form>
  );
}
