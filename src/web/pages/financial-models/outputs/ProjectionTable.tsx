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
 * rows the model's deeper parts give: reinvestment from sales to capital, invested capital and ROIC,
 * tax losses carried forward, and WACC by year with the cumulated discount factors.
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
          {digits === 'rate' ? formatRate(x, locale, 1) : formatNumber(x, locale, digits)}
        </Table.Td>
      ))}
    </Table.Tr>
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
