import { BarChart } from '@mantine/charts';
import { Alert, Anchor, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { LoadView } from '../../../shared/contracts/time';
import { timeApi, timeKeys } from '../../api/time';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { hoursOf, recentAverages } from '../../lib/time';
import { useSession } from '../../session/session';
import { PlanPanel } from './PlanPanel';
import { StrainPanel } from './StrainSignals';

/** The signed-in person's own load (`/time/load`). */
export function OwnLoadRoute() {
  const session = useSession();
  return <LoadPage orgId={session.activeOrgId} userId={session.user.id} own />;
}

/** A colleague's load, for the provider's managers (`/time/load/:userId`); the server decides who may read it. */
export function PersonLoadRoute() {
  const session = useSession();
  const { userId = '' } = useParams();
  return <LoadPage orgId={session.activeOrgId} userId={userId} own={userId === session.user.id} />;
}

const hours = (minutes: number) => hoursOf(minutes);

function LoadPage({ orgId, userId, own }: { orgId: string; userId: string; own: boolean }) {
  const { t } = useTranslation();
  const load = useQuery({ queryKey: timeKeys.load(orgId, userId), queryFn: () => timeApi.load(orgId, userId) });
  return (
    <Stack gap="md">
      <PageHeader
        title={t('time.load.title')}
        intro={t('time.load.intro')}
        actions={
          <Anchor component={Link} to={own ? '/time' : `/time/people/${encodeURIComponent(userId)}`} size="sm">
            {t('nav.timesheet')}
          </Anchor>
        }
      />
      {load.isPending ? (
        <Loading />
      ) : load.isError ? (
        <ErrorAlert error={load.error} onRetry={() => void load.refetch()} />
      ) : (
        <LoadFigures load={load.data} />
      )}
      <PlanPanel orgId={orgId} userId={userId} />
      <StrainPanel orgId={orgId} userId={userId} />
    </Stack>
  );
}

function LoadFigures({ load }: { load: LoadView }) {
  const { t } = useTranslation();
  const a = load.agreement;
  const sc = a.specialClause;
  // The forecast is worked plus planned; without a plan it equals the months worked.
  const planned = new Map(load.forecast.map((m) => [m.month, m]));
  const data = load.months.map((m) => {
    const f = planned.get(m.month);
    return {
      month: m.month,
      overtime: Number(hours(m.overtimeMinutes)),
      holiday: Number(hours(m.holidayWorkMinutes)),
      planned: f ? Math.max(0, Number(hours(f.overtimeMinutes + f.holidayWorkMinutes - m.overtimeMinutes - m.holidayWorkMinutes))) : 0,
    };
  });
  const withPlan = data.some((d) => d.planned > 0);
  const averages = recentAverages(load);
  const averageLimit = sc ? sc.multiMonthAverageMax : 80 * 60;
  return (
    <Stack gap="md">
      <Text size="sm">
        {t('time.load.agreement', { monthly: hours(a.monthlyLimitMinutes), yearly: hours(a.yearlyLimitMinutes) })}
        {' · '}
        {sc
          ? t('time.load.specialClause', {
              total: hours(sc.monthlyTotalBelow),
              average: hours(sc.multiMonthAverageMax),
              months: sc.monthsOverMonthlyLimitMax,
              monthly: hours(a.monthlyLimitMinutes),
              yearly: hours(sc.yearlyMax),
            })
          : t('time.load.noSpecialClause')}
      </Text>
      <Stack gap="xs" role="list" aria-label={t('time.load.title')} data-testid="load-findings">
        {load.findings.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('time.load.noFindings')}
          </Text>
        ) : (
          load.findings.map((f) => (
            <Alert
              key={`${f.rule}|${f.from}|${f.to}|${f.basis}`}
              role="listitem"
              color={f.severity === 'breach' ? 'red' : 'yellow'}
              variant="light"
              icon={<IconAlertTriangle size={18} />}
              title={t(`time.load.finding.${f.severity}`)}
            >
              {t('time.load.finding.text', {
                rule: t(`time.load.rule.${f.rule}`),
                from: f.from,
                to: f.to,
                value: f.rule === 'months_over_monthly_limit' ? f.value : hours(f.value),
                limit: f.rule === 'months_over_monthly_limit' ? f.limit : hours(f.limit),
                basis: t(`time.load.finding.${f.basis}`),
              })}
            </Alert>
          ))
        )}
      </Stack>
      <Paper withBorder p="md" component="section" aria-label={t('time.load.chart')}>
        <Stack gap="xs">
          <Title order={2} size="h5">
            {t('time.load.chart')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('time.load.chartIntro')}
          </Text>
          <BarChart
            h={260}
            data={data}
            dataKey="month"
            type="stacked"
            series={[
              { name: 'overtime', label: t('time.load.overtime'), color: 'indigo.6' },
              { name: 'holiday', label: t('time.load.holiday'), color: 'grape.5' },
              ...(withPlan ? [{ name: 'planned', label: t('time.load.forecast'), color: 'gray.4' }] : []),
            ]}
            referenceLines={[
              { y: Number(hours(a.monthlyLimitMinutes)), color: 'red.6', label: t('time.load.limit') },
              { y: Number(hours(a.monthlyLimitMinutes * 0.8)), color: 'yellow.6' },
            ]}
            // Room above the limit, so its line shows even in a quiet year.
            yAxisProps={{
              domain: [
                0,
                Math.ceil(Math.max(Number(hours(a.monthlyLimitMinutes)) * 1.15, ...data.map((d) => d.overtime + d.holiday + d.planned))),
              ],
            }}
            unit=" h"
            withLegend
            aria-label={t('time.load.chart')}
          />
        </Stack>
      </Paper>
      <Group align="flex-start" gap="lg" wrap="wrap">
        <Table withTableBorder aria-label={t('time.load.table')} w="auto" miw={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('time.load.month')}</Table.Th>
              <Table.Th ta="right">{t('time.load.worked')}</Table.Th>
              <Table.Th ta="right">{t('time.load.overtime')}</Table.Th>
              <Table.Th ta="right">{t('time.load.holiday')}</Table.Th>
              <Table.Th ta="right">{t('time.load.beyondContract')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {load.months.map((m) => {
              const over = m.overtimeMinutes >= a.monthlyLimitMinutes;
              const near = !over && m.overtimeMinutes >= a.monthlyLimitMinutes * 0.8;
              return (
                <Table.Tr key={m.month}>
                  <Table.Th scope="row">{m.month}</Table.Th>
                  <Table.Td ta="right">{hours(m.workedMinutes)}</Table.Td>
                  <Table.Td ta="right" c={over ? 'red.7' : near ? 'yellow.8' : 'inherit'} fw={over || near ? 700 : 400}>
                    {hours(m.overtimeMinutes)}
                  </Table.Td>
                  <Table.Td ta="right">{hours(m.holidayWorkMinutes)}</Table.Td>
                  <Table.Td ta="right">{hours(m.beyondContractMinutes)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Paper withBorder p="md" component="section" aria-label={t('time.load.averages')}>
          <Stack gap={4}>
            <Title order={2} size="h5">
              {t('time.load.averages')}
            </Title>
            <Text size="xs" c="dimmed">
              {t('time.load.averageIntro', { limit: hours(averageLimit) })}
            </Text>
            <Table aria-label={t('time.load.averages')}>
              <Table.Tbody>
                {averages.map((x) => (
                  <Table.Tr key={x.months}>
                    <Table.Th scope="row">{t('time.load.averageOver', { months: x.months })}</Table.Th>
                    <Table.Td ta="right" c={x.minutes > averageLimit ? 'red.7' : x.minutes >= averageLimit * 0.8 ? 'yellow.8' : 'inherit'}>
                      {t('time.hours', { hours: hours(x.minutes) })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </Paper>
      </Group>
    </Stack>
  );
}
