import { Anchor, Button, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PendingTimesheetsView } from '../../../shared/contracts/time';
import { isApiError } from '../../api/errors';
import { timeApi, timeKeys } from '../../api/time';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../hooks/useFormatters';
import { useTranslator } from '../../hooks/useTranslator';
import { can } from '../../lib/access';
import { issueMessage } from '../../lib/errorText';
import { hoursOf } from '../../lib/time';
import { useActiveMembership, useSession } from '../../session/session';
import { NoAccessPage } from '../NoAccessPage';

type Pending = PendingTimesheetsView['weeks'][number];
const keyOf = (w: Pending) => `${w.userId}|${w.weekStart}`;

/** The weeks waiting for those who approve them (a provider's managers, a client's admins). */
export function ApprovalsRoute() {
  const membership = useActiveMembership();
  if (!can(membership, 'time.approve')) return <NoAccessPage />;
  return <ApprovalsPage />;
}

function ApprovalsPage() {
  const { t } = useTranslation();
  const tr = useTranslator();
  const format = useFormatters();
  const session = useSession();
  const orgId = session.activeOrgId;
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const pending = useQuery({ queryKey: timeKeys.pending(orgId), queryFn: () => timeApi.pending(orgId) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: timeKeys.all });
  const approve = useMutation({
    mutationFn: (w: Pending) => timeApi.move(orgId, w.userId, w.weekStart, 'approve', { version: w.version }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('time.timesheet.approved') });
      await refresh();
    },
  });
  const approveMany = useMutation({
    mutationFn: (weeks: readonly Pending[]) =>
      timeApi.approveMany(orgId, { weeks: weeks.map((w) => ({ userId: w.userId, weekStart: w.weekStart, version: w.version })) }),
    onSuccess: async (result) => {
      notifications.show({ color: 'teal', message: t('time.approvals.approvedMany', { count: result.approved.length }) });
      setSelected(new Set());
      await refresh();
    },
  });
  const weeks = pending.data?.weeks ?? [];
  const chosen = weeks.filter((w) => selected.has(keyOf(w)));
  const toggle = (w: Pending, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(keyOf(w));
    else next.delete(keyOf(w));
    setSelected(next);
  };
  // Each refused week, named: the issue's path points into the request's weeks.
  const sent = approveMany.variables ?? [];
  const refusals =
    approveMany.error && isApiError(approveMany.error)
      ? approveMany.error.issues.map((issue) => {
          const w = typeof issue.path[1] === 'number' ? sent[issue.path[1]] : undefined;
          const message = issueMessage(issue, tr);
          return w ? t('time.approvals.issueAt', { name: w.displayName, week: format.date(w.weekStart), message }) : message;
        })
      : [];
  return (
    <Stack gap="md">
      <PageHeader title={t('time.approvals.title')} intro={t('time.approvals.intro')} />
      {approve.error !== null && <ErrorAlert error={approve.error} onRetry={() => void pending.refetch()} />}
      {approveMany.error !== null &&
        (refusals.length > 0 ? (
          <ErrorAlert
            error={approveMany.error}
            title={t('time.approvals.bulkRefused')}
            extra={refusals}
            onRetry={() => void pending.refetch()}
          />
        ) : (
          <ErrorAlert error={approveMany.error} onRetry={() => void pending.refetch()} />
        ))}
      {pending.isPending ? (
        <Loading />
      ) : pending.isError ? (
        <ErrorAlert error={pending.error} onRetry={() => void pending.refetch()} />
      ) : weeks.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('time.approvals.none')}
        </Text>
      ) : (
        <Stack gap="xs">
          <Group>
            <Button
              color="teal"
              size="sm"
              disabled={chosen.length === 0}
              loading={approveMany.isPending}
              onClick={() => approveMany.mutate(chosen)}
            >
              {t('time.approvals.approveSelected', { count: chosen.length })}
            </Button>
          </Group>
          <Table withTableBorder aria-label={t('time.approvals.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>
                  <Checkbox
                    aria-label={t('time.approvals.selectAll')}
                    checked={chosen.length === weeks.length}
                    indeterminate={chosen.length > 0 && chosen.length < weeks.length}
                    onChange={(e) => setSelected(new Set(e.currentTarget.checked ? weeks.map(keyOf) : []))}
                  />
                </Table.Th>
                <Table.Th>{t('time.approvals.person')}</Table.Th>
                <Table.Th>{t('time.approvals.week')}</Table.Th>
                <Table.Th ta="right">{t('time.approvals.hours')}</Table.Th>
                <Table.Th>{t('time.approvals.submittedAt')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {weeks.map((w) => (
                <Table.Tr key={keyOf(w)}>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('time.approvals.selectWeek', { name: w.displayName, week: format.date(w.weekStart) })}
                      checked={selected.has(keyOf(w))}
                      onChange={(e) => toggle(w, e.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>{w.displayName}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/time/people/${encodeURIComponent(w.userId)}?week=${w.weekStart}`}>
                      {t('time.timesheet.weekOf', { date: format.date(w.weekStart) })}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right">{hoursOf(w.minutes)}</Table.Td>
                  <Table.Td>{w.submittedAt ? format.dateTime(w.submittedAt) : ''}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end">
                      <Button
                        size="xs"
                        color="teal"
                        onClick={() => approve.mutate(w)}
                        loading={approve.isPending && approve.variables === w}
                        aria-label={`${t('time.timesheet.approve')}: ${w.displayName}`}
                      >
                        {t('time.timesheet.approve')}
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        component={Link}
                        to={`/time/people/${encodeURIComponent(w.userId)}?week=${w.weekStart}`}
                      >
                        {t('time.approvals.open')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}
