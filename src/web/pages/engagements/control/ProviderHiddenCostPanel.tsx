import { BarChart } from '@mantine/charts';
import { Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { timeApi, timeKeys } from '../../../api/time';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useFormatters } from '../../../hooks/useFormatters';
import { hoursOf } from '../../../lib/time';
import { ChartPanel, NoData } from './ChartPanel';

const colours = ['orange.6', 'indigo.6', 'teal.6', 'grape.6', 'cyan.6', 'lime.7', 'pink.6', 'gray.6'];
const percent = (ratio: number | null) => (ratio === null ? null : `${Math.round(ratio * 1000) / 10}%`);

/**
 * The client's hidden cost across its engagements, per provider and month (issue #14 point 5),
 * beside one engagement's hidden hours. The server shows it to the client's admins and finance only.
 */
export function ProviderHiddenCostPanel({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const cost = useQuery({ queryKey: timeKeys.providerHiddenCost(orgId), queryFn: () => timeApi.providerHiddenCost(orgId) });
  if (cost.isPending) return <Loading />;
  if (cost.isError) return <ErrorAlert error={cost.error} onRetry={() => void cost.refetch()} />;
  const c = cost.data;
  const yen = (amount: number) => format.money({ amount, currency: 'JPY' });
  const fee = (amount: number | null) => (amount === null ? t('time.providerCost.noFee') : yen(amount));
  // One bar per month, a segment per provider (named by position: provider names may repeat characters a chart key dislikes).
  const data = c.byMonth.map((m) => ({
    month: m.month,
    ...Object.fromEntries(c.providers.map((p, i) => [`p${i}`, p.byMonth.find((x) => x.month === m.month)?.costYen ?? 0])),
  }));
  const unrated = c.providers.reduce((s, p) => s + p.unratedMinutes, 0);
  // The same four figures for a provider and for one of its months.
  const figureHeads = (['hours', 'cost', 'fees', 'ratio'] as const).map((k) => (
    <Table.Th key={k} ta="right">
      {t(`time.providerCost.${k}`)}
    </Table.Th>
  ));
  const figures = (f: { minutes: number; costYen: number; feesYen: number | null; ratio: number | null }) => (
    <>
      <Table.Td ta="right">{hoursOf(f.minutes)}</Table.Td>
      <Table.Td ta="right">{yen(f.costYen)}</Table.Td>
      <Table.Td ta="right">{fee(f.feesYen)}</Table.Td>
      <Table.Td ta="right">{percent(f.ratio) ?? t('time.providerCost.noFee')}</Table.Td>
    </>
  );
  return (
    <ChartPanel title={t('time.providerCost.title')} intro={t('time.providerCost.intro')} testId="provider-hidden-cost">
      {c.providers.length === 0 ? (
        <NoData>{t('time.providerCost.none')}</NoData>
      ) : (
        <Stack gap="xs">
          <Table aria-label={t('time.providerCost.table')} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('time.providerCost.provider')}</Table.Th>
                <Table.Th ta="right">{t('time.providerCost.engagements')}</Table.Th>
                {figureHeads}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.providers.map((p) => (
                <Table.Tr key={p.providerOrgId}>
                  <Table.Th scope="row">{p.providerName}</Table.Th>
                  <Table.Td ta="right">{p.engagements}</Table.Td>
                  {figures(p)}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {unrated > 0 && (
            <Text size="xs" c="orange.8">
              {t('time.providerCost.unrated', { hours: hoursOf(unrated) })} {t('time.hidden.setRates')}
            </Text>
          )}
          {data.length > 0 && (
            <BarChart
              h={220}
              data={data}
              dataKey="month"
              type="stacked"
              series={c.providers.map((p, i) => ({ name: `p${i}`, label: p.providerName, color: colours[i % colours.length] ?? 'gray.6' }))}
              valueFormatter={(v) => yen(v)}
              withLegend
              aria-label={t('time.providerCost.chart')}
            />
          )}
          {c.providers.map((p) => (
            <Table key={p.providerOrgId} aria-label={t('time.providerCost.monthTable', { name: p.providerName })} fz="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('time.providerCost.monthTable', { name: p.providerName })}</Table.Th>
                  {figureHeads}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.byMonth.map((m) => (
                  <Table.Tr key={m.month}>
                    <Table.Th scope="row">{m.month}</Table.Th>
                    {figures(m)}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ))}
        </Stack>
      )}
    </ChartPanel>
  );
}
