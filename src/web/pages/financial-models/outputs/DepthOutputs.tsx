import { LineChart } from '@mantine/charts';
import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FinancialModel } from '../../../../shared/contracts/financial-model';
import type { ValuationSummary } from '../../../../shared/contracts/financial-model-api';
import { useLocale } from '../../../hooks/useLocale';
import { amountUnitLabel, formatNumber, formatRate, toPercent } from '../../../lib/financial-models/numbers';

const Row = ({ label, value, testId }: { label: string; value: string; testId?: string }) => (
  <Table.Tr>
    <Table.Td c="dimmed">{label}</Table.Td>
    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>
      {value}
    </Table.Td>
  </Table.Tr>
);

/** WACC by year with ROIC (a chart), the terminal cost of capital, the value-driver terminal year and the employee options' value. */
export function DepthOutputs({ doc, valuation: v }: { doc: FinancialModel; valuation: ValuationSummary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const unit = amountUnitLabel(doc.meta.unit, doc.meta.currency, locale);
  const cc = v.costOfCapital;
  const byYear = cc?.byYear === true;
  const roic = v.projection.investedCapital?.roic;
  const vd = v.valueDriver ?? null;
  const options = v.options ?? null;
  if (!byYear && !roic && !vd && options === null && doc.valuation.terminalValue.costOfCapital === undefined) return null;

  const fy = (year: number) => t('models.fy', { year });
  const pct = (x: number | null | undefined) => (x === null || x === undefined ? null : toPercent(x));
  const data = v.projection.years.map((year, i) => ({
    year: fy(year),
    wacc: pct(cc?.rates[i] ?? v.discountRate),
    ...(roic && { roic: pct(roic[i]) }),
  }));
  if (cc) data.push({ year: t('models.depth.outputs.terminal'), wacc: pct(cc.terminal), ...(roic && { roic: pct(vd?.ronic ?? null) }) });
  const series = [
    { name: 'wacc', label: t('models.depth.outputs.waccSeries'), color: 'indigo.6' },
    ...(roic ? [{ name: 'roic', label: t('models.depth.outputs.roicSeries'), color: 'teal.6' }] : []),
  ];

  return (
    <Paper withBorder p="md" component="section" aria-label={t('models.depth.outputs.title')} data-testid="depth-outputs">
      <Stack gap="sm">
        <Title order={2} size="h5">
          {t('models.depth.outputs.title')}
        </Title>
        {(byYear || roic) && (
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {t('models.depth.outputs.chart')}
            </Text>
            <LineChart
              h={180}
              data={data}
              dataKey="year"
              series={series}
              withLegend
              connectNulls={false}
              valueFormatter={(x) => formatRate(x / 100, locale, 1)}
              aria-label={t('models.depth.outputs.chart')}
              data-testid="wacc-roic-chart"
            />
            {byYear && (
              <Text size="xs" c="dimmed">
                {t('models.depth.outputs.discounting')}
              </Text>
            )}
          </Stack>
        )}
        <Table withTableBorder={false} verticalSpacing={2} fz="sm">
          <Table.Tbody>
            {cc && (byYear || doc.valuation.terminalValue.costOfCapital !== undefined) && (
              <Row
                label={t('models.depth.outputs.terminalCostOfCapital')}
                value={formatRate(cc.terminal, locale)}
                testId="terminal-cost-of-capital"
              />
            )}
          </Table.Tbody>
        </Table>
        {vd && (
          <Table
            withTableBorder={false}
            verticalSpacing={2}
            fz="sm"
            aria-label={t('models.depth.outputs.valueDriver')}
            data-testid="value-driver-outputs"
          >
            <Table.Caption ta="left" fz="xs" c="dimmed" style={{ captionSide: 'top' }}>
              {t('models.depth.outputs.valueDriver')}
            </Table.Caption>
            <Table.Tbody>
              <Row label={`${t('models.depth.outputs.vdRevenue')} (${unit})`} value={formatNumber(vd.revenue, locale)} />
              <Row label={t('models.depth.vdOperatingMargin')} value={formatRate(vd.operatingMargin, locale, 1)} />
              <Row label={`${t('models.depth.outputs.vdNopat')} (${unit})`} value={formatNumber(vd.nopat, locale)} />
              <Row label={t('models.depth.outputs.vdRonic')} value={formatRate(vd.ronic, locale, 1)} testId="vd-ronic" />
              <Row label={t('models.depth.outputs.vdReinvestmentRate')} value={formatRate(vd.reinvestmentRate, locale, 1)} />
              <Row label={`${t('models.depth.outputs.vdFreeCashFlow')} (${unit})`} value={formatNumber(vd.freeCashFlow, locale)} />
              <Row
                label={`${t('models.depth.outputs.vdTerminalValue')} (${unit})`}
                value={formatNumber(v.gordon.terminalValue, locale)}
                testId="vd-terminal-value"
              />
              <Row
                label={t('models.depth.outputs.vdLastYearReinvestmentRate')}
                value={formatRate(vd.lastYearReinvestmentRate, locale, 1)}
              />
              <Row label={t('models.depth.outputs.vdLastYearImpliedRonic')} value={formatRate(vd.lastYearImpliedRonic, locale, 1)} />
            </Table.Tbody>
          </Table>
        )}
        {options !== null && (
          <SimpleGrid cols={2} spacing="xs">
            <Paper withBorder p="xs" radius="sm">
              <Text size="xs" c="dimmed">
                {t('models.depth.outputs.optionsValue')}
              </Text>
              <Text fw={700} data-testid="options-value" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatNumber(options.total, locale, 1)}
              </Text>
              <Text size="xs" c="dimmed">
                {unit}
              </Text>
              <Text size="xs" c="dimmed" data-testid="options-per-option">
                {t('models.depth.outputs.optionPerOption', {
                  value: formatNumber(options.perOption, locale, 2),
                  currency: doc.meta.currency,
                  factor: formatNumber(options.dilutionFactor, locale, 4),
                })}
              </Text>
            </Paper>
            <Paper withBorder p="xs" radius="sm">
              <Text size="xs" c="dimmed">
                {t('models.depth.outputs.dilutedShares')}
              </Text>
              <Text fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatNumber(v.dilutedShares, locale, 2)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('models.depth.outputs.basicShares', { basic: formatNumber(doc.shares.basic, locale, 2) })}
              </Text>
            </Paper>
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}
