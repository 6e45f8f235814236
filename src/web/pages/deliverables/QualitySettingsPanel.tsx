import { ActionIcon, Alert, Badge, Button, Checkbox, Group, NumberInput, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REVIEWERS_MAX, type SectionRole, sectionRoles } from '../../../shared/contracts/deliverables';
import { isApiError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useTranslator } from '../../hooks/useTranslator';
import { indexIssues, unplacedIssues } from '../../lib/engagements/issues';
import { Section } from '../engagements/components/Section';
import { deliverableKeys, deliverablesApi, type QualitySettings } from './api';
import { useRoleLabel } from './badges';
import { useQualitySettings } from './hooks';

interface TermRow {
  uid: string;
  term: string;
  variants: string[];
}
let counter = 0;
const rowsOf = (s: QualitySettings): TermRow[] =>
  s.glossary.map((g) => ({ uid: `term-${++counter}`, term: g.term, variants: [...g.variants] }));

/** The engagement's quality settings: the lead edits them (saved against their version), everyone else reads them. */
export function QualitySettingsPanel({ engagementId, editable }: { engagementId: string; editable: boolean }) {
  const { t } = useTranslation();
  const settings = useQualitySettings(engagementId);
  return (
    <Section title={t('deliverables.settings.title')}>
      <Text size="xs" c="dimmed">
        {t('deliverables.settings.intro')}
      </Text>
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : editable ? (
        <SettingsForm engagementId={engagementId} settings={settings.data} />
      ) : (
        <SettingsSummary settings={settings.data} />
      )}
    </Section>
  );
}

function SettingsSummary({ settings }: { settings: QualitySettings }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  return (
    <Stack gap="xs" data-testid="quality-summary">
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          {t('deliverables.settings.reviewers')}
        </Text>
        <Text size="sm">{settings.reviewersPerSubmission}</Text>
      </Group>
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          {t('deliverables.settings.blind')}
        </Text>
        <Text size="sm">{settings.blind ? t('deliverables.settings.yes') : t('deliverables.settings.no')}</Text>
      </Group>
      <Group gap={4}>
        <Text size="sm" c="dimmed">
          {t('deliverables.settings.requiredSections')}
        </Text>
        {settings.requiredSections.map((r) => (
          <Badge key={r} variant="outline" color="grape" tt="none">
            {roleLabel(r)}
          </Badge>
        ))}
      </Group>
      <Text size="sm" fw={600}>
        {t('deliverables.settings.glossary')}
      </Text>
      {settings.glossary.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('deliverables.settings.noGlossary')}
        </Text>
      ) : (
        settings.glossary.map((g) => (
          <Group key={g.term} gap={4}>
            <Badge variant="light" tt="none">
              {g.term}
            </Badge>
            {g.variants.map((v) => (
              <Badge key={v} variant="outline" color="gray" tt="none" td="line-through">
                {v}
              </Badge>
            ))}
          </Group>
        ))
      )}
    </Stack>
  );
}

function SettingsForm({ engagementId, settings }: { engagementId: string; settings: QualitySettings }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const roleLabel = useRoleLabel();
  const queryClient = useQueryClient();
  const [reviewers, setReviewers] = useState<number | string>(settings.reviewersPerSubmission);
  const [blind, setBlind] = useState(settings.blind);
  const [required, setRequired] = useState<string[]>(settings.requiredSections);
  const [terms, setTerms] = useState<TermRow[]>(() => rowsOf(settings));
  useEffect(() => {
    setReviewers(settings.reviewersPerSubmission);
    setBlind(settings.blind);
    setRequired(settings.requiredSections);
    setTerms(rowsOf(settings));
  }, [settings]);

  const save = useMutation({
    mutationFn: () =>
      deliverablesApi.saveSettings(engagementId, {
        version: settings.version,
        reviewersPerSubmission: typeof reviewers === 'number' ? reviewers : Number(reviewers),
        blind,
        requiredSections: sectionRoles.filter((r) => required.includes(r)),
        glossary: terms.map((row) => ({ term: row.term.trim(), variants: row.variants })),
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(deliverableKeys.quality(engagementId), saved);
      notifications.show({ color: 'teal', message: t('deliverables.settings.saved') });
    },
  });
  const issues = useMemo(() => indexIssues(save.error, [], tr), [save.error, tr]);
  const conflict = isApiError(save.error) && save.error.reason === 'version_conflict';
  const shown = new Set(
    [...issues.keys()].filter((k) => /^(reviewersPerSubmission|blind|requiredSections|glossary\.\d+\.(term|variants))/.test(k)),
  );
  const termIssue = (i: number, field: 'term' | 'variants') =>
    [...issues.entries()].find(([k]) => k.startsWith(`glossary.${i}.${field}`))?.[1];

  const reload = async () => {
    save.reset();
    await queryClient.invalidateQueries({ queryKey: deliverableKeys.quality(engagementId) });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const setTerm = (uid: string, change: Partial<TermRow>) => setTerms(terms.map((r) => (r.uid === uid ? { ...r, ...change } : r)));

  return (
    <form onSubmit={submit} data-testid="quality-settings">
      <Stack gap="sm">
        <Group align="start">
          <NumberInput
            label={t('deliverables.settings.reviewers')}
            value={reviewers}
            onChange={setReviewers}
            min={1}
            max={REVIEWERS_MAX}
            allowDecimal={false}
            error={issues.get('reviewersPerSubmission')}
            w={220}
          />
          <Switch
            mt={30}
            label={t('deliverables.settings.blind')}
            description={t('deliverables.settings.blindHint')}
            checked={blind}
            onChange={(e) => setBlind(e.currentTarget.checked)}
          />
        </Group>
        <Checkbox.Group
          label={t('deliverables.settings.requiredSections')}
          value={required}
          onChange={setRequired}
          error={issues.get('requiredSections')}
        >
          <Group mt="xs" gap="md">
            {sectionRoles.map((r: SectionRole) => (
              <Checkbox key={r} value={r} label={roleLabel(r)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('deliverables.settings.glossary')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('deliverables.settings.glossaryIntro')}
          </Text>
          {terms.map((row, i) => (
            <Group key={row.uid} align="start" wrap="nowrap" data-testid="glossary-row">
              <TextInput
                label={t('deliverables.settings.term')}
                aria-label={t('deliverables.settings.termRow', { n: i + 1 })}
                value={row.term}
                onChange={(e) => setTerm(row.uid, { term: e.currentTarget.value })}
                error={termIssue(i, 'term')}
                maxLength={100}
                w={220}
              />
              <TagsInput
                label={t('deliverables.settings.variants')}
                description={t('deliverables.settings.variantsHint')}
                value={row.variants}
                onChange={(variants) => setTerm(row.uid, { variants })}
                error={termIssue(i, 'variants')}
                maxTags={20}
                style={{ flex: 1 }}
              />
              <ActionIcon
                mt={26}
                variant="subtle"
                color="red"
                aria-label={t('deliverables.settings.removeTerm', { n: i + 1 })}
                onClick={() => setTerms(terms.filter((r) => r.uid !== row.uid))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="light"
            size="xs"
            w="fit-content"
            leftSection={<IconPlus size={14} />}
            onClick={() => setTerms([...terms, { uid: `term-${++counter}`, term: '', variants: [] }])}
          >
            {t('deliverables.settings.addTerm')}
          </Button>
        </Stack>
        {conflict ? (
          <Alert color="orange" variant="light" title={t('deliverables.settings.conflictTitle')} role="alert">
            <Stack gap="xs">
              <Text size="sm">{t('deliverables.settings.conflictBody')}</Text>
              <Button size="xs" variant="light" color="orange" w="fit-content" leftSection={<IconRefresh size={14} />} onClick={reload}>
                {t('deliverables.settings.reload')}
              </Button>
            </Stack>
          </Alert>
        ) : (
          save.error !== null && <ErrorAlert error={save.error} extra={unplacedIssues(issues, shown)} />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('deliverables.settings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
