import { ActionIcon, Alert, Button, Group, List, Paper, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodeframeDetail } from '../../../../shared/contracts/coding-api';
import type { EngagementView } from '../../../../shared/contracts/engagements';
import type { SurveyDetail } from '../../../../shared/contracts/market-research-api';
import type { Issue } from '../../../../shared/errors';
import { isApiError, isVersionConflict } from '../../../api/errors';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useTranslator } from '../../../hooks/useTranslator';
import { issueMessage } from '../../../lib/errorText';
import { Section } from '../../engagements/components/Section';
import { codingApi, codingKeys } from '../api';
import { useCodeframeChanged } from '../hooks';
import {
  type CodeField,
  type CodeframeForm,
  codeChanges,
  codingIssueKeys,
  editableCodes,
  emptyCode,
  type LocalProblem,
  localProblems,
  placeCodeframeIssues,
  toCodes,
  toCreateRequest,
  toSaveVersionRequest,
} from './form';

/** The survey version's open-text questions, the ones a codeframe can code. */
export const openQuestions = (survey: SurveyDetail) => survey.version.codebook.questions.filter((q) => q.type === 'open');

/**
 * The codes of a codeframe as a form: a new codeframe (its open-text question and codes) or the
 * next version of one (starting from the latest codes, naming the version it builds on). Local
 * problems show once a save is tried; the server's issues go on the fields they name.
 */
export function CodeframeEditor({
  engagement,
  survey,
  latest,
  onClose,
  onSaved,
}: {
  engagement: EngagementView;
  survey: SurveyDetail;
  /** The codeframe's latest version, for a new version; absent to create a codeframe. */
  latest?: CodeframeDetail;
  onClose: () => void;
  onSaved: (saved: CodeframeDetail) => void;
}) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const queryClient = useQueryClient();
  const changed = useCodeframeChanged(engagement.id, survey.id);
  const creating = latest === undefined;
  const questions = openQuestions(survey);
  // The version the edit builds on, fixed when the editor opens: the server refuses a stale one.
  const [baseVersion] = useState(latest?.latestVersion ?? 0);
  const [form, setForm] = useState<CodeframeForm>(() => {
    if (latest) return { question: latest.question, codes: editableCodes(latest.codes) };
    const first = emptyCode([]);
    return { question: questions.length === 1 ? (questions[0]?.key ?? '') : '', codes: [first] };
  });
  const [tried, setTried] = useState(false);

  const save = useMutation({
    mutationFn: () =>
      latest
        ? codingApi.saveVersion(engagement.id, survey.id, latest.id, toSaveVersionRequest(baseVersion, form.codes))
        : codingApi.create(engagement.id, survey.id, toCreateRequest(form, survey.version.version)),
    onSuccess: async (detail) => {
      notifications.show({
        color: 'teal',
        message: creating ? t('coding.edit.created') : t('coding.edit.saved', { version: detail.latestVersion }),
      });
      await changed(detail);
      onSaved(detail);
    },
  });
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: codingKeys.all(engagement.id, survey.id) });
    onClose();
  };

  const word = (issue: Issue) => issueMessage(issue, tr, codingIssueKeys(issue));
  const server = placeCodeframeIssues(isApiError(save.error) ? save.error.issues : [], word);
  const problems = localProblems(form, creating);
  const local = (p: LocalProblem | undefined) => (tried && p ? t(`coding.problem.${p}`) : undefined);
  const fieldError = (i: number, field: CodeField) =>
    local(problems.byCode.get(i)?.[field]) ?? server.byCode.get(i)?.[field]?.join(' ') ?? undefined;

  const edit = (change: (prev: CodeframeForm) => CodeframeForm) => {
    setForm(change);
    // What the server said was about the form as sent: editing starts a fresh round.
    if (save.isError && !isVersionConflict(save.error)) save.reset();
  };
  const setCode = (i: number, patch: Partial<CodeframeForm['codes'][number]>) =>
    edit((prev) => ({ ...prev, codes: prev.codes.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problems.count === 0 && !save.isPending) save.mutate();
  };
  const disabled = save.isPending;

  return (
    <form onSubmit={submit} data-testid="codeframe-editor" data-mode={creating ? 'create' : 'version'}>
      <Section title={creating ? t('coding.edit.createTitle') : t('coding.edit.versionTitle', { version: baseVersion + 1 })}>
        <Text size="sm" c="dimmed">
          {creating ? t('coding.edit.createIntro') : t('coding.edit.versionIntro', { base: baseVersion, next: baseVersion + 1 })}
        </Text>
        {creating ? (
          <Select
            label={t('coding.edit.question')}
            placeholder={t('coding.edit.questionPlaceholder')}
            data={questions.map((q) => ({ value: q.key, label: q.text ? `${q.key} ${q.text}` : q.key }))}
            value={form.question || null}
            onChange={(v) => edit((prev) => ({ ...prev, question: v ?? '' }))}
            error={local(problems.question) ?? (server.question.join(' ') || undefined)}
            disabled={disabled}
            required
            maw={720}
          />
        ) : (
          <Text size="sm" fw={600}>
            {t('coding.questionValue', { key: latest.question, label: latest.questionLabel })}
          </Text>
        )}
        {/* What each field takes, said once for every code below. */}
        <List size="xs" c="dimmed" spacing={2}>
          <List.Item>{t('coding.edit.fieldHint', { field: t('coding.edit.key'), description: t('coding.edit.keyDescription') })}</List.Item>
          <List.Item>
            {t('coding.edit.fieldHint', { field: t('coding.edit.keywords'), description: t('coding.edit.keywordsDescription') })}
          </List.Item>
          <List.Item>
            {t('coding.edit.fieldHint', { field: t('coding.edit.exclude'), description: t('coding.edit.excludeDescription') })}
          </List.Item>
        </List>
        {form.codes.map((c, i) => (
          <Paper key={c.id} withBorder p="sm" data-testid="code-editor" data-index={i}>
            <Stack gap="xs">
              <Group justify="space-between">
                <Text size="sm" fw={600}>
                  {t('coding.edit.code', { n: i + 1 })}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('coding.edit.removeCode', { n: i + 1 })}
                  onClick={() => edit((prev) => ({ ...prev, codes: prev.codes.filter((_, j) => j !== i) }))}
                  disabled={disabled}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
              <Group align="flex-start" gap="sm" grow preventGrowOverflow={false}>
                <TextInput
                  label={t('coding.edit.key')}
                  value={c.key}
                  maw={220}
                  onChange={(e) => setCode(i, { key: e.currentTarget.value })}
                  error={fieldError(i, 'key')}
                  maxLength={40}
                  disabled={disabled}
                  required
                />
                <TextInput
                  label={t('coding.edit.label')}
                  value={c.label}
                  onChange={(e) => setCode(i, { label: e.currentTarget.value })}
                  error={fieldError(i, 'label')}
                  maxLength={200}
                  disabled={disabled}
                  required
                />
              </Group>
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
                <TagsInput
                  label={t('coding.edit.keywords')}
                  value={c.keywords}
                  onChange={(v) => setCode(i, { keywords: v })}
                  error={fieldError(i, 'keywords')}
                  maxTags={50}
                  splitChars={[',', '、']}
                  acceptValueOnBlur
                  clearable
                  disabled={disabled}
                  required
                />
                <TagsInput
                  label={t('coding.edit.exclude')}
                  value={c.exclude}
                  onChange={(v) => setCode(i, { exclude: v })}
                  error={fieldError(i, 'exclude')}
                  maxTags={50}
                  splitChars={[',', '、']}
                  acceptValueOnBlur
                  clearable
                  disabled={disabled}
                />
              </SimpleGrid>
            </Stack>
          </Paper>
        ))}
        {(server.codes.length > 0 || (tried && problems.noCodes)) && (
          <Text size="sm" c="red" role="alert">
            {server.codes.join(' ') || t('coding.issue.no_codes')}
          </Text>
        )}
        <Button
          variant="light"
          leftSection={<IconPlus size={14} />}
          w="fit-content"
          onClick={() => edit((prev) => ({ ...prev, codes: [...prev.codes, emptyCode(prev.codes)] }))}
          disabled={disabled || form.codes.length >= 100}
        >
          {t('coding.edit.addCode')}
        </Button>
        {latest && <ChangeSummary before={latest.codes} after={toCodes(form.codes)} />}
        {tried && problems.count > 0 && (
          <Alert color="yellow" variant="light" data-testid="codeframe-problems">
            {t('coding.edit.fixProblems', { count: problems.count })}
          </Alert>
        )}
        {isVersionConflict(save.error) ? (
          <Alert color="orange" variant="light" title={t('coding.edit.conflictTitle')} role="alert" data-testid="codeframe-conflict">
            <Stack gap="xs">
              <Text size="sm">{t('coding.edit.conflictBody', { base: baseVersion })}</Text>
              <Button size="xs" variant="light" color="orange" w="fit-content" leftSection={<IconRefresh size={14} />} onClick={reload}>
                {t('coding.edit.reload')}
              </Button>
            </Stack>
          </Alert>
        ) : save.error ? (
          <ErrorAlert error={save.error} extra={server.unplaced} />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={disabled}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {creating ? t('coding.edit.createSubmit') : t('coding.edit.save', { version: baseVersion + 1 })}
          </Button>
        </Group>
      </Section>
    </form>
  );
}

/** What the new version changes, by key: added, removed (a renamed key is both) and changed codes. */
function ChangeSummary({ before, after }: { before: CodeframeDetail['codes']; after: CodeframeDetail['codes'] }) {
  const { t } = useTranslation();
  const diff = codeChanges(before, after);
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) return null;
  const list = (keys: string[]) => (keys.length === 0 ? '—' : keys.join(', '));
  return (
    <Text size="sm" data-testid="codeframe-changes">
      {t('coding.edit.changes', { added: list(diff.added), removed: list(diff.removed), changed: list(diff.changed) })}
    </Text>
  );
}
