import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PendingTimesheetsView } from '../../../shared/contracts/time';
import { timeApi, timeKeys } from '../../api/time';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../hooks/useFormatters';
import { can } from '../../lib/access';
import { hoursOf } from '../../lib/time';
import { useActiveMembership, useSession } from '../../session/session';
import { NoAccessPage } from '../NoAccessPage';

type Pending = PendingTimesheetsView['weeks'][number];

/** The weeks waiting for those who approve them (a provider's managers, a client's admins). */
export function ApprovalsRoute() {
  const membership = useActiveMembership();
  if (!can(membership, 'time.approve')) return <NoAccessPage />;
  return <ApprovalsPage />;
}

function ApprovalsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const session = useSession();
  const orgId = session.activeOrgId;
  const queryClient = useQueryClient();
  const pending = useQuery({ queryKey: timeKeys.pending(orgId), queryFn: () => timeApi.pending(orgId) });
  const approve = useMutation({
    mutationFn: (w: Pending) => timeApi.move(orgId, w.userId, w.weekStart, 'approve', { version: w.version }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('time.timesheet.approved') });
      await queryClient.invalidateQueries({ queryKey: timeKeys.all });
    },
  });
  return (
    <Stack gap="md">
      <PageHeader title={t('time.approvals.title')} intro={t('time.approvals.intro')} />
      {approve.error !== null && <ErrorAlert error={approve.error} onRetry={() => void pending.refetch()} />}
      {pending.isPending ? (
        <Loading />
      ) : pending.isError ? (
        <ErrorAlert error={pending.error} onRetry={() => void pending.refetch()} />
      ) : pending.data.weeks.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('time.approvals.none')}
        </Text>
      ) : (
        <Table withTableBorder aria-label={t('time.approvals.table')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('time.approvals.person')}</Table.Th>
              <Table.Th>{t('time.approvals.week')}</Table.Th>
              <Table.Th ta="right">{t('time.approvals.hours')}</Table.Th>
              <Table.Th>{t('time.approvals.submittedAt')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pending.data.weeks.map((w) => (
              <Table.Tr key={`${w.userId}|${w.weekStart}`}>
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
      )}
    </Stack>
  );
}
