import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FinancialModel } from '../../../../shared/contracts/financial-model';
import type { ValuationSummary } from '../../../../shared/contracts/financial-model-api';
import { useLocale } from '../../../hooks/useLocale';
import { amountUnitLabel, formatNumber, formatRate } from '../../../lib/financial-models/numbers';
import { Section } from '../../engagements/components/Section';

type Line = 'revenue' | 'ebitda' | 'depreciation' | 'ebit' | 'taxes' | 'nopat' | 'capex' | 'changeInNetWorkingCapital' | 'freeCashFlow';
const lines: readonly Line[] = [
  'revenue',
  'ebitda',
  'depreciation',
  'ebit',
  'taxes',
  'nopat',
  'capex',
  'changeInNetWorkingCapital',
  'freeCashFlow',
];
const strong: ReadonlySet<string> = new Set(['revenue', 'ebitda', 'freeCashFlow']);

/**
 * Revenue to free cash flow per forecast year, then its discounting, in the model's unit; with the
 * rows the model's deeper parts give: segments and their operating costs, custom lines, reinvestment
 * from sales to capital, invested capital and ROIC, tax losses carried forward, and WACC by year with
 * the cumulated discount factors.
 */
export function ProjectionTable({ doc, valuation }: { doc: FinancialModel; valuation: ValuationSummary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const p = valuation.projection;
  const unit = amountUnitLabel(doc.meta.unit, doc.meta.currency, locale);
  const title = t('models.outputs.projection', { unit });
  const row = (key: string, label: string, values: readonly (number | null)[], digits: number | 'rate' = 0) => (
    <Table.Tr key={key} fw={strong.has(key) ? 600 : undefined} data-line={key}>
      <Table.Th scope="row" fw={strong.has(key) ? 600 : 400}>
        {label}
      </Table.Th>
      {values.map((x, i) => (
        <Table.Td key={p.years[i] ?? i} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {x === null && key.startsWith('line:')
            ? t('models.lines.notAvailable')
            : digits === 'rate'
              ? formatRate(x, locale, 1)
              : formatNumber(x, locale, digits)}
        </Table.Td>
      ))}
    </Table.Tr>
  );
  // Segments (volume, price, revenue, variable cost), the operating-cost total and custom lines (a year a formula cannot compute: n/a).
  const segmentRows = (p.segments ?? []).flatMap((s) => [
    row(`segment:${s.name}:volume`, t('models.lines.rowVolume', { segment: s.label }), s.volume, 1),
    row(`segment:${s.name}:price`, t('models.lines.rowPrice', { segment: s.label }), s.price, 2),
    row(`segment:${s.name}:revenue`, t('models.lines.rowRevenue', { segment: s.label }), s.revenue),
    ...(s.cost ? [row(`segment:${s.name}:cost`, t('models.lines.rowCost', { segment: s.label }), s.cost)] : []),
  ]);
  const lineRows = (p.lines ?? []).map((l) =>
    row(`line:${l.name}`, l.label, l.values, l.format === 'percent' ? 'rate' : l.format === 'number' ? 2 : 0),
  );
  const byYear = valuation.costOfCapital?.byYear === true;
  const nol = p.lossCarryForward;
  const invested = p.investedCapital;
  return (
    <Section title={title}>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing={4} fz="sm" striped aria-label={title} data-testid="projection-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              {p.years.map((year) => (
                <Table.Th key={year} ta="right">
                  {t('models.fy', { year })}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((key) => row(key, t(`models.outputs.line.${key}`), p[key]))}
            {segmentRows}
            {p.operatingCosts && row('operatingCosts', t('models.lines.operatingCosts'), p.operatingCosts)}
            {lineRows}
            {p.salesToCapital && row('reinvestment', t('models.depth.line.reinvestment'), p.salesToCapital.reinvestment)}
            {invested && row('investedCapital', t('models.depth.line.investedCapital'), invested.closing)}
            {invested && row('roic', t('models.depth.line.roic'), invested.roic, 'rate')}
            {nol && row('nolOpening', t('models.depth.line.nolOpening'), nol.opening)}
            {nol && row('nolUsed', t('models.depth.line.nolUsed'), nol.used)}
            {nol && row('nolAdded', t('models.depth.line.nolAdded'), nol.added)}
            {nol && row('nolClosing', t('models.depth.line.nolClosing'), nol.closing)}
            {byYear &&
              valuation.costOfCapital &&
              row('waccByYear', t('models.depth.line.waccByYear'), valuation.costOfCapital.rates, 'rate')}
            {row(
              'discountFactor',
              byYear ? t('models.depth.line.cumulatedDiscountFactor') : t('models.outputs.line.discountFactor'),
              valuation.discountFactors,
              4,
            )}
            {row('presentValue', t('models.outputs.line.presentValue'), valuation.presentValues)}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}
