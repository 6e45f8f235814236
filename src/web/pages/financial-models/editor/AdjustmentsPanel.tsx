import { SegmentedControl, Select, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../hooks/useLocale';
import {
  type BridgeClaim,
  claimOn,
  type FailureCaseField,
  failureCaseValue,
  failureOn,
  hasBalanceSheet,
  type LeaseField,
  leasesNeedRate,
  leasesOn,
  researchOn,
  researchYears,
  setBookValueOfCapital,
  setClaimAmount,
  setClaimOn,
  setClaimPriceToBook,
  setClaimValuedAt,
  setFailureCaseValue,
  setFailureOn,
  setLeaseCommitment,
  setLeaseField,
  setLeasesOn,
  setLeaseYears,
  setProceedsBasis,
  setResearchExpense,
  setResearchLife,
  setResearchOn,
  setResearchPercent,
  setResearchPercentPerYear,
} from '../../../lib/financial-models/adjustments';
import { BASE } from '../../../lib/financial-models/edit';
import { amountUnitLabel } from '../../../lib/financial-models/numbers';
import { useIssueText } from '../labels';
import { NumberField } from './NumberField';
import { type EditorProps, fieldPath } from './types';

const lives = Array.from({ length: 20 }, (_, i) => String(i + 1));
const leaseYearChoices = Array.from({ length: 10 }, (_, i) => String(i + 1));

/** R&D capitalised, operating leases as debt, a probability of failure, minority interests and cross-holdings at book or market. */
export function AdjustmentsPanel({ doc, scenario, editable, edit, issues }: EditorProps) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const locale = useLocale();
  const unit = amountUnitLabel(doc.meta.unit, doc.meta.currency, locale);
  const locked = !editable || scenario !== BASE;
  const error = (key: string) => issueText(issues.get(key));
  const rnd = doc.capitalization?.researchAndDevelopment;
  const leases = doc.capitalization?.operatingLeases;
  const failure = doc.valuation.failure;
  const fy = (year: number) => t('models.fy', { year });

  const leaseField = (field: LeaseField, label: string, scale: 'plain' | 'percent', hint?: string) => (
    <NumberField
      label={label}
      description={hint}
      size="sm"
      scale={scale}
      value={leases?.[field] ?? Number.NaN}
      readOnly={locked}
      error={error(`capitalization.operatingLeases.${field}`)}
      onValue={(v) => edit((d) => setLeaseField(d, field, v))}
    />
  );

  const failureField = (field: FailureCaseField, label: string) => {
    const c = failureCaseValue(doc, scenario, field);
    return (
      <NumberField
        label={label}
        size="sm"
        scale="percent"
        value={c.value}
        overridden={c.overridden}
        readOnly={!editable}
        error={error(fieldPath(doc, scenario, `valuation.failure.${field}`, `failure.${field}`))}
        onValue={(v) => edit((d) => setFailureCaseValue(d, scenario, field, v))}
      />
    );
  };

  /** An adjustment's on/off switch, labelled `models.adjustments.{key}` with its `{key}Hint`. */
  const adjustmentSwitch = (key: 'research' | 'leases' | 'failure' | BridgeClaim, checked: boolean, onToggle: (on: boolean) => void) => (
    <Switch
      size="sm"
      label={t(`models.adjustments.${key}`)}
      description={t(`models.adjustments.${key}Hint`)}
      checked={checked}
      disabled={locked}
      onChange={(e) => onToggle(e.currentTarget.checked)}
    />
  );

  const claim = (key: BridgeClaim) => {
    const c = doc.bridge[key];
    return (
      <Stack gap="xs" data-testid={`claim-${key}`}>
        {adjustmentSwitch(key, claimOn(doc, key), (on) => edit((d) => setClaimOn(d, key, on, { amount: 0 })))}
        {c && (
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" verticalSpacing="xs">
            <NumberField
              label={t('models.adjustments.amount', { unit })}
              aria-label={`${t(`models.adjustments.${key}`)} ${t('models.adjustments.amount', { unit })}`}
              size="sm"
              scale="plain"
              value={c.amount}
              readOnly={locked}
              error={error(`bridge.${key}.amount`)}
              onValue={(v) => edit((d) => setClaimAmount(d, key, v))}
            />
            <Stack gap={2}>
              <Text size="sm" fw={500} id={`${key}-valued-at`}>
                {t('models.adjustments.valuedAt')}
              </Text>
              <SegmentedControl
                size="xs"
                w="fit-content"
                aria-labelledby={`${key}-valued-at`}
                value={c.valuedAt}
                disabled={locked}
                onChange={(v) => edit((d) => setClaimValuedAt(d, key, v as 'book' | 'market'))}
                data={[
                  { value: 'book', label: t('models.adjustments.book') },
                  { value: 'market', label: t('models.adjustments.market') },
                ]}
              />
            </Stack>
            {c.valuedAt === 'book' && (
              <NumberField
                label={t('models.adjustments.priceToBook')}
                aria-label={`${t(`models.adjustments.${key}`)} ${t('models.adjustments.priceToBook')}`}
                description={t('models.adjustments.priceToBookHint')}
                size="sm"
                scale="multiple"
                value={c.priceToBook ?? Number.NaN}
                readOnly={locked}
                error={error(`bridge.${key}.priceToBook`)}
                onValue={(v) => edit((d) => setClaimPriceToBook(d, key, v))}
              />
            )}
          </SimpleGrid>
        )}
      </Stack>
    );
  };

  return (
    <Stack gap="sm" data-testid="adjustments-panel">
      {scenario !== BASE && (
        <Text size="xs" c="dimmed">
          {t('models.adjustments.baseOnly')}
        </Text>
      )}

      <Stack gap="xs" data-testid="research-adjustment">
        {adjustmentSwitch('research', researchOn(doc), (on) =>
          edit((d) => setResearchOn(d, on, { life: 5, expense: 0, percentOfRevenue: 0 })),
        )}
        {rnd && (
          <>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="xs">
              <Select
                label={t('models.adjustments.researchLife')}
                size="sm"
                value={String(rnd.life)}
                readOnly={locked}
                variant={locked ? 'filled' : 'default'}
                allowDeselect={false}
                error={error('capitalization.researchAndDevelopment.life')}
                data={lives}
                onChange={(v) => v && edit((d) => setResearchLife(d, Number(v)))}
              />
              {!Array.isArray(rnd.percentOfRevenue) && (
                <NumberField
                  label={t('models.adjustments.researchPercent')}
                  description={t('models.adjustments.researchPercentHint')}
                  size="sm"
                  scale="percent"
                  value={rnd.percentOfRevenue ?? Number.NaN}
                  readOnly={locked}
                  error={error('capitalization.researchAndDevelopment.percentOfRevenue')}
                  onValue={(v) => edit((d) => setResearchPercent(d, null, v))}
                />
              )}
            </SimpleGrid>
            <SimpleGrid cols={{ base: 2, xs: 3, md: 6 }} spacing="xs" verticalSpacing="xs">
              {researchYears(doc).map((year, i) => (
                <NumberField
                  key={year}
                  size="xs"
                  scale="plain"
                  label={fy(year)}
                  aria-label={t('models.adjustments.researchExpense', { year: fy(year) })}
                  value={rnd.expenses[i] ?? Number.NaN}
                  readOnly={locked}
                  error={error(`capitalization.researchAndDevelopment.expenses.${i}`)}
                  onValue={(v) => edit((d) => setResearchExpense(d, i, v))}
                />
              ))}
            </SimpleGrid>
            {error('capitalization.researchAndDevelopment.expenses') && (
              <Text size="xs" c="red">
                {error('capitalization.researchAndDevelopment.expenses')}
              </Text>
            )}
            <Switch
              size="xs"
              label={t('models.adjustments.researchPerYear')}
              checked={Array.isArray(rnd.percentOfRevenue)}
              disabled={locked}
              onChange={(e) => {
                const perYear = e.currentTarget.checked;
                edit((d) => setResearchPercentPerYear(d, perYear));
              }}
            />
            {Array.isArray(rnd.percentOfRevenue) && (
              <SimpleGrid cols={{ base: 2, xs: 3, md: Math.min(doc.forecast.years.length, 6) }} spacing="xs" verticalSpacing="xs">
                {doc.forecast.years.map((year, i) => (
                  <NumberField
                    key={year}
                    size="xs"
                    scale="percent"
                    label={fy(year)}
                    aria-label={t('models.adjustments.researchPercentYear', { year: fy(year) })}
                    value={(rnd.percentOfRevenue as number[])[i] ?? Number.NaN}
                    readOnly={locked}
                    error={error(`capitalization.researchAndDevelopment.percentOfRevenue.${i}`)}
                    onValue={(v) => edit((d) => setResearchPercent(d, i, v))}
                  />
                ))}
              </SimpleGrid>
            )}
          </>
        )}
      </Stack>

      <Stack gap="xs" data-testid="lease-adjustment">
        {adjustmentSwitch('leases', leasesOn(doc), (on) => edit((d) => setLeasesOn(d, on, { currentExpense: 0, preTaxCostOfDebt: 0.02 })))}
        {leases && (
          <>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
              {leaseField('currentExpense', t('models.adjustments.leaseCurrentExpense'), 'plain')}
              <Select
                label={t('models.adjustments.leaseYears')}
                size="sm"
                value={String(leases.commitments.length)}
                readOnly={locked}
                variant={locked ? 'filled' : 'default'}
                allowDeselect={false}
                data={leaseYearChoices}
                onChange={(v) => v && edit((d) => setLeaseYears(d, Number(v)))}
              />
              {leaseField(
                'preTaxCostOfDebt',
                t('models.adjustments.leaseRate'),
                'percent',
                leasesNeedRate(doc) ? t('models.adjustments.leaseRateRequired') : t('models.adjustments.leaseRateHint'),
              )}
            </SimpleGrid>
            <SimpleGrid cols={{ base: 2, xs: 3, md: 5 }} spacing="xs" verticalSpacing="xs">
              {leases.commitments.map((amount, i) => (
                <NumberField
                  // biome-ignore lint/suspicious/noArrayIndexKey: a commitment is its year
                  key={i}
                  size="xs"
                  scale="plain"
                  label={t('models.adjustments.leaseCommitment', { year: i + 1 })}
                  value={amount}
                  readOnly={locked}
                  error={error(`capitalization.operatingLeases.commitments.${i}`)}
                  onValue={(v) => edit((d) => setLeaseCommitment(d, i, v))}
                />
              ))}
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="xs">
              {leaseField('beyond', t('models.adjustments.leaseBeyond'), 'plain')}
              {leaseField('beyondYears', t('models.adjustments.leaseBeyondYears'), 'plain', t('models.adjustments.leaseBeyondYearsHint'))}
            </SimpleGrid>
          </>
        )}
      </Stack>

      <Stack gap="xs" data-testid="failure-adjustment">
        {adjustmentSwitch('failure', failureOn(doc), (on) => edit((d) => setFailureOn(d, on, { probability: 0.1, proceedsPercent: 0.5 })))}
        {failure && (
          <>
            <Stack gap={2}>
              <Text size="sm" fw={500} id="proceeds-basis-label">
                {t('models.adjustments.proceedsBasis')}
              </Text>
              <SegmentedControl
                size="xs"
                w="fit-content"
                aria-labelledby="proceeds-basis-label"
                value={failure.proceedsBasis}
                disabled={locked}
                onChange={(v) => edit((d) => setProceedsBasis(d, v as 'bookValue' | 'fairValue', { bookValueOfCapital: 0 }))}
                data={[
                  { value: 'bookValue', label: t('models.adjustments.bookValue') },
                  { value: 'fairValue', label: t('models.adjustments.fairValue') },
                ]}
              />
            </Stack>
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" verticalSpacing="xs">
              {failureField('probability', t('models.adjustments.probability'))}
              {failureField('proceedsPercent', t('models.adjustments.proceedsPercent'))}
              {failure.proceedsBasis === 'bookValue' && (
                <NumberField
                  label={t('models.adjustments.bookValueOfCapital')}
                  description={hasBalanceSheet(doc) ? t('models.adjustments.bookValueOfCapitalHint') : undefined}
                  size="sm"
                  scale="plain"
                  value={failure.bookValueOfCapital ?? Number.NaN}
                  readOnly={locked}
                  error={error('valuation.failure.bookValueOfCapital')}
                  onValue={(v) => edit((d) => setBookValueOfCapital(d, v))}
                />
              )}
            </SimpleGrid>
          </>
        )}
      </Stack>

      {claim('minorityInterests')}
      {claim('crossHoldings')}
    </Stack>
  );
}
