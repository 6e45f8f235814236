import { Alert, Anchor, Button, Code, Group, List, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconArrowLeft, IconDeviceFloppy, IconPlayerPlay } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngagementView } from '../../../shared/contracts/engagements';
import type {
  SavedSearchStep,
  SavedSearchStepInput,
  SavedSearchSummary,
  SavedSearchView as SavedSearchViewData,
} from '../../../shared/contracts/patents-api';
import { isVersionConflict } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useFormatters } from '../../hooks/useFormatters';
import { useFieldIssues } from '../../hooks/useTranslator';
import { may } from '../../lib/engagements/lifecycle';
import { Section } from '../engagements/components/Section';
import { retryTransient } from '../surveys/hooks';
import { patentKeys, patentsApi } from './api';
import { useCorpora } from './CorporaPanel';
import { facetFiltersOf, type SearchState, stepFiltersText } from './searchState';

const NEW = '';

function stepOf(search: SearchState): SavedSearchStepInput {
  return {
    query: search.query,
    ...(search.corpusId && { corpusId: search.corpusId }),
    ...(search.publishedBefore && { publishedBefore: search.publishedBefore }),
    ...(search.classification.length > 0 && { classification: search.classification }),
    ...facetFiltersOf(search),
  };
}

/** The saved searches, and saving the search on screen as a step of a new or an existing one (the provider's team). */
export function SavedSearchesPanel({
  engagement,
  current,
  onOpen,
}: {
  engagement: EngagementView;
  current: SearchState;
  onOpen: (searchId: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const list = useQuery({
    queryKey: patentKeys.savedSearches(engagement.id),
    queryFn: () => patentsApi.savedSearches(engagement.id),
    retry: retryTransient,
  });
  return (
    <Section title={t('patents.saved.title')}>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text c="dimmed">{t('patents.saved.none')}</Text>
      ) : (
        <List listStyleType="none" spacing={4} aria-label={t('patents.saved.title')}>
          {list.data.map((s) => (
            <List.Item key={s.id}>
              <Anchor component="button" type="button" onClick={() => onOpen(s.id)}>
                {s.title}
              </Anchor>{' '}
              <Text span size="xs" c="dimmed">
                {t('patents.saved.steps', { count: s.steps })} · {format.dateTime(s.updatedAt)}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      {may(engagement, 'patent.write') && current.query.trim() !== '' && list.data && (
        <SaveStep engagementId={engagement.id} step={stepOf(current)} searches={list.data} onSaved={onOpen} />
      )}
    </Section>
  );
}

function SaveStep({
  engagementId,
  step,
  searches,
  onSaved,
}: {
  engagementId: string;
  step: SavedSearchStepInput;
  searches: SavedSearchSummary[];
  onSaved: (searchId: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState(NEW);
  const [title, setTitle] = useState('');
  const save = useMutation({
    mutationFn: () => {
      const existing = searches.find((s) => s.id === target);
      return existing
        ? patentsApi.addStep(engagementId, existing.id, { baseVersion: existing.latestVersion, step })
        : patentsApi.createSavedSearch(engagementId, { title, steps: [step] });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: patentKeys.savedSearches(engagementId) });
      onSaved(saved.id);
    },
  });
  const issues = useFieldIssues(save.error, ['title'] as const);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      aria-label={t('patents.search.saveStep')}
    >
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('patents.search.saveStep')}
        </Text>
        <Code block>{step.query}</Code>
        <Select
          label={t('patents.saved.addTo')}
          data={[{ value: NEW, label: t('patents.saved.newTitle') }, ...searches.map((s) => ({ value: s.id, label: s.title }))]}
          value={target}
          onChange={(v) => setTarget(v ?? NEW)}
          allowDeselect={false}
        />
        {target === NEW && (
          <TextInput
            label={t('patents.saved.searchTitle')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={issues.byField.title}
            maxLength={200}
          />
        )}
        <Group>
          <Button
            type="submit"
            variant="light"
            leftSection={<IconDeviceFloppy size={16} />}
            loading={save.isPending}
            disabled={target === NEW && title.trim() === ''}
          >
            {target === NEW ? t('patents.saved.createSubmit') : t('patents.saved.addSubmit')}
          </Button>
        </Group>
        {save.isError &&
          (isVersionConflict(save.error) ? (
            <Alert color="yellow" role="alert">
              <Stack gap={4}>
                <Text size="sm">{t('patents.saved.conflict')}</Text>
                <Button
                  size="xs"
                  variant="light"
                  w="fit-content"
                  onClick={() => {
                    save.reset();
                    void queryClient.invalidateQueries({ queryKey: patentKeys.savedSearches(engagementId) });
                  }}
                >
                  {t('patents.saved.reload')}
                </Button>
              </Stack>
            </Alert>
          ) : (
            !issues.byField.title && <ErrorAlert error={save.error} extra={issues.unplaced} />
          ))}
      </Stack>
    </form>
  );
}

/** One saved search: its steps (S1, S2…), each with its formula, filters and the hit count the server counted when it was saved. */
export function SavedSearchView({
  engagement,
  searchId,
  version,
  onVersion,
  onRun,
  onBack,
}: {
  engagement: EngagementView;
  searchId: string;
  version: number | null;
  onVersion: (version: number | null) => void;
  onRun: (search: SearchState) => void;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const count = (n: number) => n.toLocaleString(i18n.language);
  const corpora = useCorpora(engagement.id);
  const saved = useQuery({
    queryKey: patentKeys.savedSearch(engagement.id, searchId, version),
    queryFn: () => patentsApi.savedSearch(engagement.id, searchId, version ?? undefined),
    retry: retryTransient,
    placeholderData: keepPreviousData,
  });
  const corpusName = (id: string | null) =>
    id === null ? t('patents.saved.allCorpora') : (corpora.data?.find((c) => c.id === id)?.name ?? id);
  const filters = (s: SavedSearchStep) =>
    s.combines ? t('patents.saved.combines', { steps: s.combines.join(', ') }) : stepFiltersText(t, s, format.date, corpusName(s.corpusId));
  return (
    <Stack>
      <Group>
        <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
          {t('patents.saved.back')}
        </Button>
      </Group>
      {saved.isPending ? (
        <Loading />
      ) : saved.isError ? (
        <ErrorAlert error={saved.error} onRetry={() => void saved.refetch()} />
      ) : (
        <Stack gap="sm">
          <Title order={2} size="h4">
            {saved.data.title}
          </Title>
          <Group gap="sm">
            <Text size="sm" c="dimmed">
              {t('patents.saved.version', {
                version: saved.data.version,
                name: saved.data.savedBy.displayName,
                at: format.dateTime(saved.data.savedAt),
              })}
            </Text>
            {saved.data.latestVersion > 1 && (
              <Select
                aria-label={t('research.versionPicker')}
                size="xs"
                w={110}
                data={Array.from({ length: saved.data.latestVersion }, (_, i) => String(saved.data.latestVersion - i))}
                value={String(saved.data.version)}
                onChange={(v) => onVersion(v === String(saved.data.latestVersion) ? null : Number(v))}
                allowDeselect={false}
              />
            )}
          </Group>
          {saved.data.version < saved.data.latestVersion && (
            <Alert color="blue">
              <Group gap="sm">
                <Text size="sm">{t('patents.saved.older', { version: saved.data.version, latest: saved.data.latestVersion })}</Text>
                <Button size="xs" variant="light" onClick={() => onVersion(null)}>
                  {t('patents.saved.showLatest')}
                </Button>
              </Group>
            </Alert>
          )}
          {saved.data.note && <Text size="sm">{saved.data.note}</Text>}
          <Table striped withTableBorder aria-label={saved.data.title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('patents.saved.label')}</Table.Th>
                <Table.Th>{t('patents.saved.formula')}</Table.Th>
                <Table.Th>{t('patents.saved.filters')}</Table.Th>
                <Table.Th ta="right">{t('patents.saved.hitCount')}</Table.Th>
                <Table.Th ta="right">{t('patents.saved.corpusSize')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {saved.data.steps.map((s) => (
                <Table.Tr key={s.label}>
                  <Table.Td>{s.label}</Table.Td>
                  <Table.Td>
                    <Code>{s.query}</Code>
                  </Table.Td>
                  <Table.Td>{filters(s)}</Table.Td>
                  <Table.Td ta="right">{count(s.hits)}</Table.Td>
                  <Table.Td ta="right">{count(s.corpusDocuments)}</Table.Td>
                  <Table.Td>
                    {!s.combines && (
                      <Button
                        size="xs"
                        variant="subtle"
                        leftSection={<IconPlayerPlay size={14} />}
                        onClick={() =>
                          onRun({
                            query: s.query,
                            corpusId: s.corpusId,
                            publishedBefore: s.publishedBefore,
                            classification: s.classification,
                            ...(s.years.length > 0 && { years: s.years }),
                            ...(s.assignees.length > 0 && { assignees: s.assignees }),
                            ...(s.legalStatuses.length > 0 && { statuses: s.legalStatuses }),
                            page: 1,
                          })
                        }
                        aria-label={`${t('patents.saved.run')} ${s.label}`}
                      >
                        {t('patents.saved.run')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {may(engagement, 'patent.write') && saved.data.version === saved.data.latestVersion && (
            <CombineSteps engagementId={engagement.id} search={saved.data} />
          )}
        </Stack>
      )}
    </Stack>
  );
}

/** A step that combines earlier ones (S1 AND S2, S1 OR S3, S2 NOT S1), added at the end; the server counts its hits. */
function CombineSteps({ engagementId, search }: { engagementId: string; search: SavedSearchViewData }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [formula, setFormula] = useState('');
  const add = useMutation({
    mutationFn: () => patentsApi.addStep(engagementId, search.id, { baseVersion: search.latestVersion, step: { query: formula } }),
    onSuccess: async () => {
      setFormula('');
      await queryClient.invalidateQueries({ queryKey: patentKeys.savedSearches(engagementId) });
    },
  });
  const issues = useFieldIssues(add.error, ['step'] as const);
  const next = `S${search.steps.length + 1}`;
  return (
    <form
      aria-label={t('patents.saved.combineTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <Group align="flex-end">
        <TextInput
          label={t('patents.saved.combineTitle')}
          description={t('patents.saved.combineHint', { next })}
          placeholder="S1 AND S2"
          value={formula}
          onChange={(e) => setFormula(e.currentTarget.value)}
          error={issues.byField.step}
          maxLength={4000}
          w={360}
        />
        <Button type="submit" variant="light" loading={add.isPending} disabled={formula.trim() === ''}>
          {t('patents.saved.combineSubmit', { next })}
        </Button>
      </Group>
      {add.isError && !issues.byField.step && <ErrorAlert error={add.error} extra={issues.unplaced} />}
    </form>
  );
}
