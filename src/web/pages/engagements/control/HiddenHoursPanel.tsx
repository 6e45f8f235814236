import { BarChart } from '@mantine/charts';
import { Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { timeApi, timeKeys } from '../../../api/time';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useFormatters } from '../../../hooks/useFormatters';
import { hoursOf } from '../../../lib/time';
import { ChartPanel, NoData } from './ChartPanel';

/**
 * The client's hidden hours (risk 4, hidden costs): its own people's hours on the engagement by
 * category, costed at its internal rates, against the SOW's fee. The server shows it to the client only.
 */
export function HiddenHoursPanel({ engagementId }: { engagementId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const cost = useQuery({ queryKey: timeKeys.hiddenCost(engagementId), queryFn: () => timeApi.hiddenCost(engagementId) });
  const title = t('time.hidden.title');
  if (cost.isPending) return <Loading />;
  if (cost.isError) return <ErrorAlert error={cost.error} onRetry={() => void cost.refetch()} />;
  const c = cost.data;
  const yen = (amount: number) => format.money({ amount, currency: 'JPY' });
  const data = c.byCategory.map((l) => ({
    label: t(`timeCategory.${l.category}` as never),
    cost: l.costYen,
    hours: Number(hoursOf(l.minutes)),
  }));
  return (
    <ChartPanel title={title} intro={t('time.hidden.intro')} testId="hidden-hours">
      {c.totalMinutes === 0 ? (
        <NoData>{t('time.hidden.none')}</NoData>
      ) : (
        <Stack gap="xs">
          <Group gap="lg">
            <Text fw={600}>{t('time.hidden.hours', { hours: hoursOf(c.totalMinutes) })}</Text>
            <Text fw={600}>{t('time.hidden.cost', { cost: yen(c.costYen) })}</Text>
            <Text fw={600}>
              {c.ratio === null ? t('time.hidden.noFee') : t('time.hidden.ratio', { ratio: Math.round(c.ratio * 1000) / 10 })}
            </Text>
          </Group>
          {c.unratedMinutes > 0 && (
            <Text size="xs" c="orange.8">
              {t('time.hidden.unrated', { hours: hoursOf(c.unratedMinutes) })} {t('time.hidden.setRates')}
            </Text>
          )}
          <BarChart
            h={200}
            data={data}
            dataKey="label"
            series={[{ name: 'cost', label: t('time.hidden.costLabel'), color: 'orange.6' }]}
            valueFormatter={(v) => yen(v)}
            maxBarWidth={40}
            aria-label={t('time.hidden.byCategory')}
          />
          <Table aria-label={t('time.hidden.byCategory')} fz="sm">
            <Table.Tbody>
              {c.byCategory.map((l) => (
                <Table.Tr key={l.category}>
                  <Table.Th scope="row">{t(`timeCategory.${l.category}` as never)}</Table.Th>
                  <Table.Td ta="right">{t('time.hours', { hours: hoursOf(l.minutes) })}</Table.Td>
                  <Table.Td ta="right">{yen(l.costYen)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Table aria-label={t('time.hidden.byMonth')} fz="sm">
            <Table.Tbody>
              {c.byMonth.map((l) => (
                <Table.Tr key={l.month}>
                  <Table.Th scope="row">{l.month}</Table.Th>
                  <Table.Td ta="right">{t('time.hours', { hours: hoursOf(l.minutes) })}</Table.Td>
                  <Table.Td ta="right">{yen(l.costYen)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </ChartPanel>
  );
}
