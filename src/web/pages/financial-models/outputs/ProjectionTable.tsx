import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FinancialModel } from '../../../../shared/contracts/financial-model';
import type { ValuationSummary } from '../../../../shared/contracts/financial-model-api';
import { useLocale } from '../../../hooks/useLocale';
import { amountUnitLabel, formatNumber } from '../../../lib/financial-models/numbers';
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

/** Revenue to free cash flow per forecast year, then its discounting, in the model's unit. */
export function ProjectionTable({ doc, valuation }: { doc: FinancialModel; valuation: ValuationSummary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const p = valuation.projection;
  const unit = amountUnitLabel(doc.meta.unit, doc.meta.currency, locale);
  const title = t('models.outputs.projection', { unit });
  const row = (key: string, label: string, values: readonly number[], digits = 0) => (
    <Table.Tr key={key} fw={strong.has(key) ? 600 : undefined}>
      <Table.Th scope="row" fw={strong.has(key) ? 600 : 400}>
        {label}
      </Table.Th>
      {values.map((x, i) => (
        <Table.Td key={p.years[i] ?? i} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatNumber(x, locale, digits)}
        </Table.Td>
      ))}
    </Table.Tr>
  );
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
            {row('discountFactor', t('models.outputs.line.discountFactor'), valuation.discountFactors, 4)}
            {row('presentValue', t('models.outputs.line.presentValue'), valuation.presentValues)}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}
