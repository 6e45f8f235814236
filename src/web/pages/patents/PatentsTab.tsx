import { Anchor, Badge, Button, Grid, Group, Pagination, Paper, Select, Stack, TagsInput, Text, Textarea } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { PATENT_SEARCH_LIMITS, type PatentHit } from '../../../shared/contracts/patents-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useFormatters } from '../../hooks/useFormatters';
import { useFieldIssues } from '../../hooks/useTranslator';
import { DateField } from '../engagements/components/DateField';
import { Section } from '../engagements/components/Section';
import { retryTransient } from '../surveys/hooks';
import { patentKeys, patentsApi } from './api';
import { CorporaPanel, useCorpora } from './CorporaPanel';
import { FacetsPanel } from './FacetsPanel';
import { Passage } from './Passage';
import { PatentView } from './PatentView';
import { SavedSearchesPanel, SavedSearchView } from './SavedSearches';
import { PAGE_SIZE, type PatentsView, paramsOf, patentsViewOf, type SearchState, searchRequestOf } from './searchState';

/**
 * The patent-research workbench of an engagement: search over its corpora and the platform's, one
 * patent with its claims split into elements, the corpora (and their import for the provider's
 * team), and the saved searches whose steps keep each formula and its hit count (the 母集合 of a
 * search report). What is shown lives in the address (searchState.ts).
 */
export function PatentsTab({ engagement }: { engagement: EngagementView }) {
  const [params, setParams] = useSearchParams();
  const view = patentsViewOf(params);
  const go = (next: PatentsView) => setParams(paramsOf(next));
  if (view.kind === 'patent')
    return (
      <PatentView
        engagementId={engagement.id}
        corpusId={view.corpusId}
        number={view.number}
        onBack={() => go({ kind: 'search', search: view.back })}
      />
    );
  if (view.kind === 'saved')
    return (
      <SavedSearchView
        engagement={engagement}
        searchId={view.searchId}
        version={view.version}
        onVersion={(version) => go({ ...view, version })}
        onRun={(search) => go({ kind: 'search', search })}
        onBack={() => go({ kind: 'search', search: { query: '', corpusId: null, publishedBefore: null, classification: [], page: 1 } })}
      />
    );
  return (
    <Grid>
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <SearchPanel
          engagement={engagement}
          search={view.search}
          onSearch={(search) => go({ kind: 'search', search })}
          onOpen={(hit) => go({ kind: 'patent', corpusId: hit.corpusId, number: hit.number, back: view.search })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Stack>
          <CorporaPanel engagement={engagement} />
          <SavedSearchesPanel
            engagement={engagement}
            current={view.search}
            onOpen={(searchId) => go({ kind: 'saved', searchId, version: null })}
          />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

function SearchPanel({
  engagement,
  search,
  onSearch,
  onOpen,
}: {
  engagement: EngagementView;
  search: SearchState;
  onSearch: (search: SearchState) => void;
  onOpen: (hit: PatentHit) => void;
}) {
  const { t } = useTranslation();
  const corpora = useCorpora(engagement.id);
  // The form edits a draft; the address (and so the results) changes on submit.
  const [draft, setDraft] = useState(search);
  const [shown, setShown] = useState(search);
  if (shown !== search && JSON.stringify(shown) !== JSON.stringify(search)) {
    setShown(search);
    setDraft(search);
  }
  const request = searchRequestOf(search);
  const results = useQuery({
    queryKey: patentKeys.search(engagement.id, request ?? { query: '' }),
    queryFn: () => patentsApi.search(engagement.id, request ?? { query: '' }),
    enabled: request !== null,
    retry: retryTransient,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const issues = useFieldIssues(results.error, ['query', 'publishedBefore', 'classification', 'corpusId'] as const);
  const corpusOptions = [
    { value: '', label: t('patents.search.allCorpora') },
    ...(corpora.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${t('patents.corpora.documents', { count: c.documents })})` })),
  ];
  const pages = results.data ? Math.ceil(Math.min(results.data.total, PATENT_SEARCH_LIMITS.maxRanked) / PAGE_SIZE) : 0;

  return (
    <Section title={t('patents.search.title')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSearch({ ...draft, page: 1 });
        }}
      >
        <Stack gap="sm">
          <Textarea
            label={t('patents.search.query')}
            description={t('patents.search.queryHint')}
            value={draft.query}
            onChange={(e) => setDraft({ ...draft, query: e.currentTarget.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                onSearch({ ...draft, page: 1 });
              }
            }}
            error={issues.byField.query}
            autosize
            minRows={2}
            maxLength={4000}
          />
          <Group align="flex-start" grow>
            <Select
              label={t('patents.search.corpus')}
              data={corpusOptions}
              value={draft.corpusId ?? ''}
              onChange={(v) => setDraft({ ...draft, corpusId: v || null })}
              allowDeselect={false}
              error={issues.byField.corpusId}
            />
            <DateField
              label={t('patents.search.before')}
              description={t('patents.search.beforeHint')}
              value={draft.publishedBefore ?? ''}
              onChange={(v) => setDraft({ ...draft, publishedBefore: v || null })}
              error={issues.byField.publishedBefore}
            />
          </Group>
          <TagsInput
            label={t('patents.search.classification')}
            description={t('patents.search.classificationHint')}
            value={draft.classification}
            onChange={(codes) => setDraft({ ...draft, classification: codes })}
            error={issues.byField.classification}
            placeholder="A61B 5/02"
          />
          <Group>
            <Button type="submit" leftSection={<IconSearch size={16} />} disabled={draft.query.trim() === ''}>
              {t('patents.search.submit')}
            </Button>
            <Button
              variant="subtle"
              onClick={() => onSearch({ query: '', corpusId: null, publishedBefore: null, classification: [], page: 1 })}
            >
              {t('patents.search.clear')}
            </Button>
          </Group>
        </Stack>
      </form>
      {request === null ? (
        <Text c="dimmed">{t('patents.search.empty')}</Text>
      ) : results.isPending ? (
        <Loading />
      ) : results.isError ? (
        <ErrorAlert error={results.error} extra={issues.unplaced} />
      ) : (
        <Stack gap="sm" aria-busy={results.isFetching}>
          <Text fw={600} role="status">
            {results.data.total === 0 ? t('patents.search.none') : t('patents.search.hits', { count: results.data.total })}
          </Text>
          {results.data.facets && (results.data.total > 0 || facetFiltered(search)) && (
            <FacetsPanel facets={results.data.facets} search={search} corpora={corpora.data ?? []} onSearch={onSearch} />
          )}
          <ol aria-label={t('patents.search.title')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {results.data.hits.map((hit) => (
              <li key={`${hit.corpusId}:${hit.number}`}>
                <HitCard hit={hit} onOpen={() => onOpen(hit)} />
              </li>
            ))}
          </ol>
          {pages > 1 && (
            <Pagination
              total={pages}
              value={search.page}
              onChange={(page) => onSearch({ ...search, page })}
              aria-label={t('patents.search.page')}
            />
          )}
        </Stack>
      )}
    </Section>
  );
}

const facetFiltered = (s: SearchState) => (s.years?.length ?? 0) + (s.assignees?.length ?? 0) + (s.statuses?.length ?? 0) > 0;

function HitCard({ hit, onOpen }: { hit: PatentHit; onOpen: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Paper withBorder p="sm" mb="xs">
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Anchor component="button" type="button" fw={600} ta="left" onClick={onOpen}>
            {hit.number} — {hit.title}
          </Anchor>
          <Badge variant="light" color="gray">
            {t('patents.search.score', { score: hit.score.toFixed(2) })}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {[
            t('patents.search.published', { date: format.date(hit.publicationDate) }),
            hit.priorityDate ? t('patents.search.priority', { date: format.date(hit.priorityDate) }) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {hit.snippets.map((s) => (
          <Passage key={`${s.field}:${s.ref ?? ''}:${s.start}`} snippet={s} />
        ))}
      </Stack>
    </Paper>
  );
}
