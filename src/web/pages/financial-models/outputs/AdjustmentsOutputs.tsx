import { Paper, Stack, Table, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FinancialModel } from '../../../../shared/contracts/financial-model';
import type { ValuationSummary } from '../../../../shared/contracts/financial-model-api';
import { useLocale } from '../../../hooks/useLocale';
import { amountUnitLabel, formatNumber, formatRate } from '../../../lib/financial-models/numbers';

const Row = ({ label, value, testId }: { label: string; value: string; testId?: string }) => (
  <Table.Tr>
    <Table.Td c="dimmed">{label}</Table.Td>
    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>
      {value}
    </Table.Td>
  </Table.Tr>
);

function Block({ caption, testId, children }: { caption: string; testId: string; children: ReactNode }) {
  return (
    <Table withTableBorder={false} verticalSpacing={2} fz="sm" aria-label={caption} data-testid={testId}>
      <Table.Caption ta="left" fz="xs" c="dimmed" style={{ captionSide: 'top' }}>
        {caption}
      </Table.Caption>
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
}

/** What the server computes for the adjustments: the research asset, the lease debt, the failure weighting and the bridge's own lines. */
export function AdjustmentsOutputs({ doc, valuation: v }: { doc: FinancialModel; valuation: ValuationSummary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const unit = amountUnitLabel(doc.meta.unit, doc.meta.currency, locale);
  const rnd = v.capitalization?.researchAndDevelopment ?? null;
  const leases = v.capitalization?.operatingLeases ?? null;
  const failure = v.failure ?? null;
  const claims = v.bridge.otherItems.filter((i) => i.kind !== undefined);
  if (!rnd && !leases && !failure && claims.length === 0) return null;
  const money = (label: string) => `${label} (${unit})`;
  const n = (x: number) => formatNumber(x, locale);

  return (
    <Paper withBorder p="md" component="section" aria-label={t('models.adjustments.outputs.title')} data-testid="adjustments-outputs">
      <Stack gap="sm">
        <Title order={2} size="h5">
          {t('models.adjustments.outputs.title')}
        </Title>
        {failure && (
          <Block caption={t('models.adjustments.outputs.failure')} testId="failure-outputs">
            <Row label={money(t('models.adjustments.outputs.goingConcern'))} value={n(failure.goingConcernValue)} testId="going-concern" />
            <Row label={money(t('models.adjustments.outputs.proceeds'))} value={n(failure.proceeds)} testId="distress-proceeds" />
            <Row
              label={t('models.adjustments.probability')}
              value={formatRate(failure.probability, locale, 1)}
              testId="failure-probability"
            />
            <Row label={money(t('models.adjustments.outputs.weighted'))} value={n(failure.value)} testId="failure-weighted" />
          </Block>
        )}
        {rnd && (
          <Block caption={t('models.adjustments.outputs.research')} testId="research-outputs">
            <Row label={money(t('models.adjustments.outputs.researchAsset'))} value={n(rnd.base.asset)} testId="research-asset" />
            <Row label={money(t('models.adjustments.outputs.researchExpense'))} value={n(rnd.base.expense)} />
            <Row
              label={money(t('models.adjustments.outputs.researchAmortization'))}
              value={n(rnd.base.amortization)}
              testId="research-amortization"
            />
            <Row label={money(t('models.adjustments.outputs.ebit'))} value={n(rnd.base.ebit)} />
            <Row
              label={money(t('models.adjustments.outputs.adjustedEbit'))}
              value={n(rnd.base.adjustedEbit)}
              testId="research-adjusted-ebit"
            />
          </Block>
        )}
        {leases && (
          <Block caption={t('models.adjustments.outputs.leases')} testId="lease-outputs">
            <Row label={money(t('models.adjustments.outputs.leaseDebt'))} value={n(leases.debt)} testId="lease-debt" />
            <Row label={t('models.adjustments.outputs.leaseRate')} value={formatRate(leases.rate, locale)} />
            <Row label={money(t('models.adjustments.outputs.leaseDepreciation'))} value={n(leases.depreciation)} />
            <Row
              label={money(t('models.adjustments.outputs.leaseAdjustedEbit'))}
              value={n(leases.adjustedEbit)}
              testId="lease-adjusted-ebit"
            />
          </Block>
        )}
        {claims.length > 0 && (
          <Block caption={t('models.adjustments.outputs.bridge')} testId="bridge-adjustments">
            {claims.map((c) => (
              <Row
                key={c.kind}
                label={money(c.kind ? t(`models.adjustments.outputs.kind.${c.kind}`) : c.label)}
                value={n(c.signedAmount)}
                {...(c.kind && { testId: `bridge-${c.kind}` })}
              />
            ))}
          </Block>
        )}
      </Stack>
    </Paper>
  );
}
