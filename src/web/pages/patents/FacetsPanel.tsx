import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PatentCorpusView, PatentFacets } from '../../../shared/contracts/patents-api';
import { type SearchState, toggleFacet } from './searchState';

type FacetKey = 'subclass' | 'group' | 'year' | 'assignee' | 'legalStatus' | 'corpus';
const ORDER: readonly FacetKey[] = ['subclass', 'group', 'year', 'assignee', 'legalStatus', 'corpus'];

/**
 * How the hits split by classification, year, assignee, legal status and corpus (counted by the
 * server); each value is a filter: a click sets it, a second click takes it away.
 */
export function FacetsPanel({
  facets,
  search,
  corpora,
  onSearch,
}: {
  facets: PatentFacets;
  search: SearchState;
  corpora: readonly PatentCorpusView[];
  onSearch: (search: SearchState) => void;
}) {
  const { t } = useTranslation();
  const label = (facet: FacetKey, key: string) =>
    facet === 'legalStatus'
      ? t(`patents.patent.legal.${key}`, { defaultValue: key })
      : facet === 'corpus'
        ? (corpora.find((c) => c.id === key)?.name ?? key)
        : key;
  const active = (facet: FacetKey, key: string): boolean => {
    if (facet === 'subclass' || facet === 'group') return search.classification.includes(key);
    if (facet === 'year') return (search.years ?? []).includes(Number(key));
    if (facet === 'assignee') return (search.assignees ?? []).includes(key);
    if (facet === 'legalStatus') return (search.statuses ?? []).map(String).includes(key);
    return search.corpusId === key;
  };
  const click = (facet: FacetKey, key: string) => {
    if (facet === 'subclass' || facet === 'group') {
      const classification = active(facet, key) ? search.classification.filter((c) => c !== key) : [...search.classification, key];
      onSearch({ ...search, classification, page: 1 });
    } else if (facet === 'year') onSearch(toggleFacet(search, 'years', key));
    else if (facet === 'assignee') onSearch(toggleFacet(search, 'assignees', key));
    else if (facet === 'legalStatus') onSearch(toggleFacet(search, 'statuses', key));
    else onSearch({ ...search, corpusId: active(facet, key) ? null : key, page: 1 });
  };
  return (
    <Stack gap="xs" component="nav" aria-label={t('patents.facets.title')}>
      <Text size="xs" c="dimmed">
        {facets.complete ? t('patents.facets.complete') : t('patents.facets.basis', { count: facets.basis })}
      </Text>
      {ORDER.filter((facet) => facets[facet].length > 0).map((facet) => (
        <Stack key={facet} gap={4} role="group" aria-label={t(`patents.facets.${facet}`)}>
          <Text size="xs" fw={600}>
            {t(`patents.facets.${facet}`)}
          </Text>
          <Group gap={4}>
            {facets[facet].map((v) => {
              const on = active(facet, v.key);
              return (
                <Button
                  key={v.key}
                  size="compact-xs"
                  variant={on ? 'filled' : 'light'}
                  color={on ? 'blue' : 'gray'}
                  aria-pressed={on}
                  onClick={() => click(facet, v.key)}
                  tt="none"
                >
                  {label(facet, v.key)} ({v.count})
                </Button>
              );
            })}
          </Group>
        </Stack>
      ))}
    </Stack>
  );
}
