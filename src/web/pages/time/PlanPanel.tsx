import { Alert, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { capacityApi } from '../../api/capacity';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { addDays, hoursOf, mondayOf } from '../../lib/capacity';

/** A year of weeks: an award is often for work months ahead. */
const WEEKS = 52;

/**
 * A provider person's plan on their load page (issue #14; decision 0011): per week the hours planned
 * on their engagements, the hours open bids' staffing plans name (tentative, apart), the hours
 * available, and the overtime the plan forecasts against the limits over the coming year — so a
 * manager sees here what an award did to the person. The person's own row of the capacity board; the server decides who may read it.
 */
export function PlanPanel({ orgId, userId }: { orgId: string; userId: string }) {
  const { t } = useTranslation();
  const from = mondayOf(new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10));
  const plan = useQuery({
    queryKey: ['capacity', 'person-board', orgId, userId, from],
    queryFn: () => capacityApi.personBoard(orgId, userId, { from, to: addDays(from, (WEEKS - 1) * 7) }),
  });
  const person = plan.data?.people[0];
  // Only the weeks with hours planned or bid for; the findings cover the whole year.
  const weeks = (person?.weeks ?? []).filter((w) => w.plannedMinutes > 0 || w.tentativeMinutes > 0);
  const figure = (rule: string, value: number) =>
    rule === 'months_over_monthly_limit' ? t('capacity.warning.months', { count: value }) : t('time.hours', { hours: hoursOf(value) });
  return (
    <Paper withBorder p="md" component="section" aria-label={t('staffing.plan.title')} data-testid="plan-panel">
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t('staffing.plan.title')}
        </Title>
        {plan.isPending ? (
          <Loading />
        ) : plan.isError ? (
          <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} />
        ) : !person ? null : (
          <>
            {person.findings.length > 0 && (
              <Alert
                color={person.findings.some((f) => f.severity === 'breach') ? 'red' : 'orange'}
                variant="light"
                icon={<IconAlertTriangle size={18} />}
                title={t('staffing.plan.findings')}
                data-testid="plan-warning"
              >
                <List size="sm" spacing={2}>
                  {person.findings.map((f) => (
                    <List.Item key={`${f.rule}|${f.from}|${f.to}|${f.basis}`}>
                      {t(`capacity.warning.severity.${f.severity}`)}
                      {' — '}
                      {t('capacity.warning.line', {
                        month: f.from === f.to ? f.to : `${f.from}〜${f.to}`,
                        rule: t(`capacity.warning.rule.${f.rule}`),
                        forecast: figure(f.rule, f.value),
                        limit: figure(f.rule, f.limit),
                      })}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <Table aria-label={t('staffing.plan.title')} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('staffing.plan.week')}</Table.Th>
                  <Table.Th ta="right">{t('staffing.plan.planned')}</Table.Th>
                  <Table.Th ta="right">{t('staffing.plan.tentative')}</Table.Th>
                  <Table.Th ta="right">{t('staffing.plan.available')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {weeks.map((w) => (
                  <Table.Tr key={w.week}>
                    <Table.Th scope="row">{w.week}</Table.Th>
                    <Table.Td ta="right">{hoursOf(w.plannedMinutes)}</Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" c="dimmed" fs={w.tentativeMinutes > 0 ? 'italic' : undefined}>
                        {hoursOf(w.tentativeMinutes)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{hoursOf(w.availableMinutes)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="xs" c="dimmed">
              {t('staffing.plan.hint')}
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}
