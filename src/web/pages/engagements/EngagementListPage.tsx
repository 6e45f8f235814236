import { Button, Center, Group, Pagination, Paper, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { engagementsApi, type OrgRef, providersApi } from '../../api/engagements';
import { queryKeys } from '../../api/queryKeys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { can } from '../../lib/access';
import {
  emptyFilters,
  filtersFromSearch,
  filtersToQuery,
  filtersToSearch,
  hasFilters,
  pageCount,
  withFilters,
} from '../../lib/engagements/listFilters';
import { RequirePermission } from '../../session/RequirePermission';
import { useActiveMembership } from '../../session/session';
import { EngagementFiltersPanel } from './EngagementFiltersPanel';
import { EngagementTable } from './EngagementTable';

const PAGE_SIZE = 20;

/** An estimated count to two significant figures: the server counts exactly only up to a threshold. */
const approximately = (n: number, locale: string) => new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 }).format(n);

export function EngagementListRoute() {
  return (
    <RequirePermission permission="engagements.list">
      <EngagementListPage />
    </RequirePermission>
  );
}

function EngagementListPage() {
  const { t, i18n } = useTranslation();
  const membership = useActiveMembership();
  const isClient = membership?.orgKind === 'client';
  const mayCreate = can(membership, 'engagements.create');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const query = useMemo(() => filtersToQuery(filters), [filters]);

  const list = useQuery({
    queryKey: queryKeys.engagementList(query, filters.page),
    queryFn: ({ signal }) => engagementsApi.list(query, { limit: PAGE_SIZE, offset: (filters.page - 1) * PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  // The directory is the client's who write briefs; anyone else chooses among the providers listed.
  const directory = useQuery({ queryKey: queryKeys.providerDirectory, queryFn: providersApi.directory, enabled: mayCreate });
  const providerOptions = useMemo((): OrgRef[] | null => {
    if (!isClient) return null;
    if (directory.data) return directory.data;
    const seen = new Map<string, OrgRef>();
    for (const item of list.data?.items ?? []) if (item.provider) seen.set(item.provider.orgId, item.provider);
    return [...seen.values()];
  }, [isClient, directory.data, list.data]);

  const setFilters = (next: typeof filters) => setParams(filtersToSearch(next), { replace: true });

  return (
    <Stack gap="md">
      <PageHeader
        title={t('engagements.list.title')}
        intro={isClient ? t('engagements.list.introClient') : t('engagements.list.introProvider')}
        actions={
          mayCreate && (
            <Button component={Link} to="/engagements/new" leftSection={<IconPlus size={16} />}>
              {t('engagements.list.new')}
            </Button>
          )
        }
      />
      <EngagementFiltersPanel
        filters={filters}
        onChange={(change) => setFilters(withFilters(filters, change))}
        onClear={() => setFilters(emptyFilters)}
        providers={providerOptions}
        riskFilters={list.data?.riskFilters ?? []}
      />
      <Paper withBorder p="md">
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <Text size="sm" c="dimmed" py="lg" ta="center">
            {hasFilters(filters) ? t('engagements.list.emptyFiltered') : t('engagements.list.empty')}
          </Text>
        ) : (
          <Stack gap="sm">
            <Text size="sm" c="dimmed" aria-live="polite">
              {list.data.totalIsEstimate
                ? t('engagements.list.totalEstimate', { approx: approximately(list.data.total, i18n.language) })
                : t('engagements.list.total', { count: list.data.total })}
            </Text>
            <EngagementTable items={list.data.items} viewerIsClient={isClient} />
            {list.data.total > PAGE_SIZE && (
              <Center>
                <Group>
                  <Pagination
                    total={pageCount(list.data.total, PAGE_SIZE)}
                    value={filters.page}
                    onChange={(page) => setFilters({ ...filters, page })}
                    getControlProps={(control) => ({
                      'aria-label': control === 'next' ? t('engagements.list.nextPage') : t('engagements.list.previousPage'),
                    })}
                  />
                </Group>
              </Center>
            )}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
