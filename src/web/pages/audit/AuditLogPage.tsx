import { Button, Center, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { auditApi, membersApi, organizationsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { can } from '../../lib/access';
import {
  type AuditFilterKey,
  type AuditFilters,
  changeFilter,
  filtersFromSearch,
  filtersToQuery,
  filtersToSearch,
  sameFilters,
} from '../../lib/auditFilters';
import { RequirePermission } from '../../session/RequirePermission';
import { useActiveMembership, useSession } from '../../session/session';
import { AuditEventsTable } from './AuditEventsTable';
import { AuditFiltersPanel } from './AuditFiltersPanel';
import { actorOptions, organizationOptions } from './options';
import { VerifyChain } from './VerifyChain';

const PAGE_SIZE = 50;

export function AuditLogRoute() {
  return (
    <RequirePermission permission="audit.read">
      <AuditLogPage />
    </RequirePermission>
  );
}

export function AuditLogPage() {
  const { t } = useTranslation();
  const session = useSession();
  const membership = useActiveMembership();
  const isOperatorAuditor = can(membership, 'audit.read_instance');
  // The filters live in the address: a reload keeps them, and each change is a step of history
  // that the browser's back and forward buttons walk.
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const query = useMemo(() => filtersToQuery(filters), [filters]);

  const showFilters = useCallback(
    (next: AuditFilters) => {
      if (!sameFilters(next, filters)) setParams(filtersToSearch(next));
    },
    [filters, setParams],
  );
  const setFilter = useCallback(
    (key: AuditFilterKey, value: string | null) => showFilters(changeFilter(filters, key, value)),
    [filters, showFilters],
  );

  const events = useInfiniteQuery({
    queryKey: queryKeys.audit(query),
    queryFn: ({ pageParam, signal }) => auditApi.list(query, { before: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const loaded = useMemo(() => events.data?.pages.flatMap((page) => page.events) ?? [], [events.data]);

  // The actor list comes from the organisation being looked at, when the viewer may list its members.
  const actorOrgId = filters.orgId ?? session.activeOrgId;
  const mayListActors = actorOrgId === session.activeOrgId || can(membership, 'organizations.manage');
  const members = useQuery({
    queryKey: queryKeys.members(actorOrgId),
    queryFn: () => membersApi.list(actorOrgId),
    enabled: mayListActors,
  });
  const organizations = useQuery({
    queryKey: queryKeys.organizations,
    queryFn: organizationsApi.list,
    enabled: can(membership, 'organizations.manage'),
  });
  const membersById = useMemo(() => new Map((members.data ?? []).map((m) => [m.userId, m])), [members.data]);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('audit.title')}
        intro={t('audit.intro')}
        actions={
          <Tooltip label={t('audit.exportHint')} multiline w={260} withArrow>
            <Button component="a" href={auditApi.exportHref(query)} download variant="light" leftSection={<IconDownload size={16} />}>
              {t('audit.exportCsv')}
            </Button>
          </Tooltip>
        }
      />
      {can(membership, 'audit.verify') && (
        <Group>
          <VerifyChain scope={isOperatorAuditor ? 'instance' : 'organization'} />
        </Group>
      )}
      <AuditFiltersPanel
        filters={filters}
        onChange={setFilter}
        onClear={() => showFilters({})}
        actorOptions={actorOptions(members.data ?? [], loaded, filters.actorUserId)}
        organizationOptions={
          isOperatorAuditor
            ? organizationOptions(organizations.data, session.memberships, loaded, filters.orgId, (id) =>
                t('audit.organizationUnknown', { id: id.slice(0, 8) }),
              )
            : undefined
        }
      />
      <Paper withBorder p="md">
        {events.isPending ? (
          <Loading />
        ) : events.isError ? (
          <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />
        ) : loaded.length === 0 ? (
          <Text size="sm" c="dimmed" py="lg" ta="center">
            {t('audit.empty')}
          </Text>
        ) : (
          <Stack gap="sm">
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('audit.shown', { count: loaded.length })}
            </Text>
            <AuditEventsTable events={loaded} members={membersById} />
            {events.hasNextPage && (
              <Center>
                <Button variant="default" onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
                  {t('audit.loadMore')}
                </Button>
              </Center>
            )}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
