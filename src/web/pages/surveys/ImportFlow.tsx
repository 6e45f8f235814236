import { Alert, Anchor, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconEye, IconFileUpload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '../../../shared/contracts/documents';
import type { EngagementView } from '../../../shared/contracts/engagements';
import type { SurveyPreview, SurveySource } from '../../../shared/contracts/market-research-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextarea, LimitedTextInput } from '../../components/LimitedText';
import { Loading } from '../../components/Loading';
import { useFieldIssues, useTranslator } from '../../hooks/useTranslator';
import { useDocumentLibrary } from '../documents/hooks';
import { UploadModal } from '../documents/UploadModal';
import { Section } from '../engagements/components/Section';
import { surveysApi } from './api';
import { CodebookEditor } from './CodebookEditor';
import { type EditableCodebook, editableCodebook, localProblems, sampleValues, toCodebook } from './codebook';
import { useSurveyFormat } from './format';
import { useSurveyChanged } from './hooks';
import { placeSurveyIssues, shortList } from './issues';
import { PreviewPanel } from './PreviewPanel';

const NAME_MAX = 200;
const NOTE_MAX = 2000;
const SHEET_MAX = 100;

/** The vault's files kpo reads responses from: CSV or .xlsx (their latest version). */
export function responseFiles(documents: readonly DocumentView[]): DocumentView[] {
  return documents.filter((d) => {
    const latest = d.versions.find((v) => v.version === d.latestVersion) ?? d.versions.at(-1);
    return latest?.kind === 'csv' || latest?.kind === 'xlsx';
  });
}

const withoutExtension = (name: string) => name.replace(/\.(csv|xlsx)$/i, '');

/**
 * Importing survey data (the provider's team): choose a response file in the vault (or upload one,
 * with its classification), read it (the encoding kpo found, the respondents, the first rows), correct
 * the codebook kpo proposes, and save it as the dataset's version 1. A file the codebook does not fit
 * is refused with every problem listed by line and column, on the question it concerns.
 */
export function ImportFlow({
  engagement,
  onCancel,
  onCreated,
}: {
  engagement: EngagementView;
  onCancel: () => void;
  onCreated: (surveyId: string) => void;
}) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const fmt = useSurveyFormat();
  const library = useDocumentLibrary(engagement.id);
  const changed = useSurveyChanged(engagement.id);
  const [documentId, setDocumentId] = useState<string | null>(null);
  const [sheet, setSheet] = useState('');
  const [uploading, setUploading] = useState(false);
  const [read, setRead] = useState<{ preview: SurveyPreview; source: SurveySource } | null>(null);
  const [codebook, setCodebook] = useState<EditableCodebook | null>(null);
  const [name, setName] = useState('');
  const [note, setNote] = useState('');

  const files = useMemo(() => responseFiles(library.data?.documents ?? []), [library.data]);
  const chosen = files.find((d) => d.id === documentId) ?? null;
  const chosenKind = chosen?.versions.find((v) => v.version === chosen.latestVersion)?.kind;

  const preview = useMutation({
    mutationFn: (source: SurveySource) => surveysApi.preview(engagement.id, source),
    onSuccess: (p, source) => {
      setRead({ preview: p, source: { ...source, documentVersion: p.documentVersion, ...(p.sheet ? { sheet: p.sheet } : {}) } });
      setCodebook(editableCodebook(p.codebook));
      setName((n) => n || withoutExtension(p.fileName).slice(0, NAME_MAX));
      create.reset();
    },
  });
  const create = useMutation({
    mutationFn: (input: { source: SurveySource; codebook: EditableCodebook; name: string; note: string }) =>
      surveysApi.create(engagement.id, {
        ...input.source,
        name: input.name.trim(),
        codebook: toCodebook(input.codebook),
        ...(input.note.trim() && { note: input.note }),
      }),
    onSuccess: async (detail) => {
      notifications.show({
        color: 'teal',
        message: t('surveys.import.created', { name: detail.name, respondents: fmt.count(detail.version.respondents, false) }),
      });
      await changed(detail);
      onCreated(detail.id);
    },
  });

  const readFile = () => {
    if (!documentId) return;
    setRead(null);
    setCodebook(null);
    preview.mutate({ documentId, ...(sheet.trim() && { sheet: sheet.trim() }) });
  };
  const choose = (id: string | null) => {
    setDocumentId(id);
    setRead(null);
    setCodebook(null);
    preview.reset();
    create.reset();
  };

  const known = useCallback((column: string) => (read ? sampleValues(read.preview, column) : []), [read]);
  const editCodebook = useCallback(
    (change: (prev: EditableCodebook) => EditableCodebook) => setCodebook((prev) => (prev ? change(prev) : prev)),
    [],
  );
  const questionKeys = codebook?.questions.map((q) => q.key) ?? [];
  const previewIssues = placeSurveyIssues(preview.error, tr, { share: (v) => fmt.share(v) });
  const createIssues = placeSurveyIssues(create.error, tr, { questionKeys, share: (v) => fmt.share(v) });
  const fields = useFieldIssues(create.error, ['name', 'note']);
  const problems = codebook ? localProblems(codebook) : new Map();
  const ready = read !== null && codebook !== null && codebook.questions.length > 0 && problems.size === 0 && name.trim() !== '';

  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!ready || create.isPending) return;
    create.mutate({ source: read.source, codebook, name, note });
  };

  return (
    <Stack gap="md" data-testid="survey-import">
      <Group justify="space-between">
        <Anchor component="button" type="button" size="sm" onClick={onCancel}>
          <Group gap={4}>
            <IconArrowLeft size={14} />
            {t('surveys.import.back')}
          </Group>
        </Anchor>
      </Group>
      <Title order={2} size="h4">
        {t('surveys.import.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('surveys.import.intro')}
      </Text>

      <Section title={t('surveys.import.sourceTitle')}>
        {library.isPending ? (
          <Loading />
        ) : library.isError ? (
          <ErrorAlert error={library.error} onRetry={() => void library.refetch()} />
        ) : (
          <Stack gap="sm">
            <Group align="flex-end" gap="sm">
              <Select
                label={t('surveys.import.document')}
                description={t('surveys.import.documentHint')}
                placeholder={files.length === 0 ? t('surveys.import.noFiles') : t('surveys.import.documentPlaceholder')}
                data={files.map((d) => ({
                  value: d.id,
                  label: t('surveys.import.documentOption', { name: d.name, version: d.latestVersion }),
                }))}
                value={documentId}
                onChange={choose}
                searchable
                w={420}
                disabled={files.length === 0}
              />
              {chosenKind === 'xlsx' && (
                <TextInput
                  label={t('surveys.import.sheet')}
                  description={t('surveys.import.sheetHint')}
                  value={sheet}
                  onChange={(e) => setSheet(e.currentTarget.value.slice(0, SHEET_MAX))}
                  w={200}
                />
              )}
              <Button leftSection={<IconEye size={16} />} onClick={readFile} disabled={!documentId} loading={preview.isPending}>
                {t('surveys.import.read')}
              </Button>
              {library.data.mayUpload && (
                <Button variant="default" leftSection={<IconFileUpload size={16} />} onClick={() => setUploading(true)}>
                  {t('surveys.import.upload')}
                </Button>
              )}
            </Group>
            {preview.error ? (
              <ErrorAlert error={preview.error} extra={shortList(previewIssues.all, (count) => t('surveys.issue.more', { count }))} />
            ) : null}
            {read && <PreviewPanel preview={read.preview} />}
          </Stack>
        )}
      </Section>

      {read && codebook && (
        <form onSubmit={save}>
          <Stack gap="md">
            <Section title={t('surveys.codebook.title')}>
              <Text size="sm" c="dimmed">
                {t('surveys.codebook.intro')}
              </Text>
              <CodebookEditor
                value={codebook}
                onChange={editCodebook}
                header={read.preview.header}
                known={known}
                issues={createIssues.byQuestion}
                disabled={create.isPending}
              />
            </Section>
            <Section title={t('surveys.import.saveTitle')}>
              <LimitedTextInput
                label={t('surveys.import.name')}
                description={t('surveys.import.nameHint')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                limit={NAME_MAX}
                required
                error={fields.byField.name}
                maw={560}
              />
              <LimitedTextarea
                label={t('surveys.import.note')}
                placeholder={t('surveys.import.notePlaceholder')}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                limit={NOTE_MAX}
                autosize
                minRows={2}
                error={fields.byField.note}
                maw={560}
              />
              {codebook.questions.length === 0 && (
                <Alert color="yellow" variant="light">
                  {t('surveys.codebook.noQuestions')}
                </Alert>
              )}
              {problems.size > 0 && (
                <Alert color="yellow" variant="light" data-testid="codebook-problems">
                  {t('surveys.codebook.fixProblems', { count: problems.size })}
                </Alert>
              )}
              {create.error ? (
                <ErrorAlert error={create.error} extra={shortList(createIssues.all, (count) => t('surveys.issue.more', { count }))} />
              ) : null}
              <Group justify="flex-end">
                <Button variant="default" onClick={onCancel} disabled={create.isPending}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={create.isPending} disabled={!ready}>
                  {t('surveys.import.save')}
                </Button>
              </Group>
            </Section>
          </Stack>
        </form>
      )}

      {library.data && (
        <UploadModal
          opened={uploading}
          onClose={() => setUploading(false)}
          engagement={engagement}
          library={library.data}
          versionOf={undefined}
          onUploaded={(doc) => choose(doc.id)}
        />
      )}
    </Stack>
  );
}
