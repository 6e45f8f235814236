import { SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FootballFieldView } from '../../../shared/contracts/financial-model-api';
import { useLocale } from '../../hooks/useLocale';
import { useTranslator } from '../../hooks/useTranslator';
import { type FootballRow, footballDomain, footballRows } from '../../lib/financial-models/charts';
import { formatPerShare } from '../../lib/financial-models/numbers';
import { ChartPanel, NoData } from '../engagements/control/ChartPanel';

const barColours: Record<string, string> = {
  dcfGordon: 'var(--mantine-color-indigo-6)',
  dcfExitMultiple: 'var(--mantine-color-indigo-4)',
  sensitivity: 'var(--mantine-color-violet-4)',
  compsEvToEbitda: 'var(--mantine-color-teal-6)',
  compsEvToSales: 'var(--mantine-color-teal-4)',
  compsPriceToEarnings: 'var(--mantine-color-cyan-5)',
  tradingRange: 'var(--mantine-color-gray-5)',
};

interface RangeShapeProps {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  fill?: string;
  payload?: FootballRow;
}

/** A range bar with its point estimate (base case, peer median) as a white tick. */
function RangeShape({ x = 0, y = 0, width = 0, height = 0, fill, payload }: RangeShapeProps) {
  const mid = payload?.mid;
  const span = payload ? payload.high - payload.low : 0;
  const midX = mid !== null && mid !== undefined && span > 0 && payload ? x + (width * (mid - payload.low)) / span : null;
  return (
    <g>
      <rect x={x} y={y} width={Math.max(width, 2)} height={height} fill={fill} rx={3} />
      {midX !== null && <line x1={midX} x2={midX} y1={y + 2} y2={y + height - 2} stroke="white" strokeWidth={3} />}
    </g>
  );
}

/** Value per share by method as horizontal ranges, with the share price and the offer price as reference lines. */
export function FootballField({ field, currency }: { field: FootballFieldView | null; currency: string }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const locale = useLocale();
  const money = (v: number) => formatPerShare(v, currency, locale);
  const barLabel = (key: string) => (tr.exists(`models.football.bar.${key}`) ? tr.t(`models.football.bar.${key}`) : key);

  if (!field || field.bars.length === 0) {
    return (
      <ChartPanel title={t('models.football.title')} intro={t('models.football.intro')} testId="football-field">
        <NoData>{t('models.football.none')}</NoData>
      </ChartPanel>
    );
  }
  const rows = footballRows(field).map((r) => ({ ...r, label: barLabel(r.key) }));
  const domain = footballDomain(field);
  return (
    <ChartPanel title={t('models.football.title')} intro={t('models.football.intro')} testId="football-field">
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <div role="img" aria-label={t('models.football.title')}>
          <ResponsiveContainer width="100%" height={rows.length * 42 + 70}>
            <BarChart data={rows} layout="vertical" margin={{ top: 42, right: 56, left: 8, bottom: 4 }} barCategoryGap="22%">
              <CartesianGrid horizontal={false} strokeDasharray="3 3" />
              <XAxis type="number" domain={domain} tickFormatter={money} fontSize={11} allowDataOverflow />
              <YAxis type="category" dataKey="label" width={220} fontSize={12} tickLine={false} />
              <Tooltip
                cursor={{ fill: 'var(--mantine-color-gray-1)' }}
                formatter={(_, __, item) => {
                  const row = (item as { payload?: FootballRow }).payload;
                  return row ? [`${money(row.low)} – ${money(row.high)}`, row.basis] : '';
                }}
              />
              <Bar dataKey="range" isAnimationActive={false} shape={(props: unknown) => <RangeShape {...(props as RangeShapeProps)} />}>
                {rows.map((r) => (
                  <Cell key={r.key} fill={barColours[r.key] ?? 'var(--mantine-color-indigo-5)'} />
                ))}
                <LabelList dataKey="high" position="right" fontSize={11} formatter={(v: number) => money(v)} />
              </Bar>
              {field.marketPrice !== null && (
                <ReferenceLine
                  x={field.marketPrice}
                  stroke="var(--mantine-color-orange-7)"
                  strokeDasharray="5 3"
                  strokeWidth={2}
                  label={{
                    value: t('models.football.marketPrice', { price: money(field.marketPrice) }),
                    position: 'top',
                    offset: 20,
                    fontSize: 11,
                    fill: 'var(--mantine-color-orange-8)',
                  }}
                />
              )}
              {field.offerPrice !== null && (
                <ReferenceLine
                  x={field.offerPrice}
                  stroke="var(--mantine-color-red-7)"
                  strokeWidth={2}
                  label={{
                    value: t('models.football.offerPrice', { price: money(field.offerPrice) }),
                    position: 'top',
                    offset: 6,
                    fontSize: 11,
                    fill: 'var(--mantine-color-red-8)',
                  }}
                />
              )}
            </BarChart>
          </ResponsiveContainer>
        </div>
        <Stack gap="xs">
          <Table fz="xs" verticalSpacing={2} aria-label={t('models.football.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('models.football.method')}</Table.Th>
                <Table.Th ta="right">{t('models.football.range')}</Table.Th>
                <Table.Th ta="right">{t('models.football.mid')}</Table.Th>
                <Table.Th>{t('models.football.basis')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td>{r.label}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {money(r.low)} – {money(r.high)}
                  </Table.Td>
                  <Table.Td ta="right">{r.mid === null ? '—' : money(r.mid)}</Table.Td>
                  <Table.Td c="dimmed">{r.basis}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {field.omitted.map((o) => (
            <Text key={o.key} size="xs" c="dimmed">
              {t('models.football.omitted', { method: barLabel(o.key), reason: t(`models.football.omittedReason.${o.code}`) })}
            </Text>
          ))}
        </Stack>
      </SimpleGrid>
    </ChartPanel>
  );
}
