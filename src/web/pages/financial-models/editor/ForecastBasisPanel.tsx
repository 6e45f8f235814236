import { Paper, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  type LeverGroup,
  leverCaseValue,
  leverOn,
  type MarginBasis,
  marginBasis,
  setLeverCaseField,
  setLeverOn,
  setLossCarryForward,
  setOpeningLosses,
  switchMarginBasis,
} from '../../../lib/financial-models/depth';
import { BASE } from '../../../lib/financial-models/edit';
import { useIssueText } from '../labels';
import { NumberField } from './NumberField';
import { ResetButton } from './ResetButton';
import { type EditorProps, fieldPath } from './types';

type DepthKey = `models.depth.${
  | 'growthFirstYear'
  | 'growthYears2To5'
  | 'marginFirstYear'
  | 'marginTarget'
  | 'marginTargetYear'
  | 'taxEffective'
  | 'taxEffectiveUntil'
  | 'taxMarginal'
  | 'taxMarginalFrom'}`;

/** Each lever's fields: a rate, or a forecast year. */
const leverLayout: Record<LeverGroup, { field: string; label: DepthKey; year?: boolean; optional?: boolean }[]> = {
  revenueGrowth: [
    { field: 'firstYear', label: 'models.depth.growthFirstYear' },
    { field: 'years2To5', label: 'models.depth.growthYears2To5' },
  ],
  margin: [
    { field: 'firstYear', label: 'models.depth.marginFirstYear' },
    { field: 'target', label: 'models.depth.marginTarget' },
    { field: 'targetYear', label: 'models.depth.marginTargetYear', year: true },
  ],
  taxRate: [
    { field: 'effective', label: 'models.depth.taxEffective' },
    { field: 'effectiveUntilYear', label: 'models.depth.taxEffectiveUntil', year: true, optional: true },
    { field: 'marginal', label: 'models.depth.taxMarginal' },
    { field: 'marginalFromYear', label: 'models.depth.taxMarginalFrom', year: true },
  ],
};

const leverTitle = {
  revenueGrowth: 'models.depth.leverRevenueGrowth',
  margin: 'models.depth.leverMargin',
  taxRate: 'models.depth.leverTaxRate',
} as const;

/** The margin that drives the model, driver levers instead of values by year, and taxes on losses. */
export function ForecastBasisPanel({ doc, scenario, editable, edit, issues }: EditorProps) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const inScenario = scenario !== BASE;
  const locked = !editable || inScenario;
  const years = doc.forecast.years;
  const basis = marginBasis(doc);
  const marginalTax = doc.wacc.method === 'capm' ? doc.wacc.marginalTaxRate : (doc.forecast.taxRate.at(-1) ?? 0.3);
  const nol = doc.forecast.lossCarryForward;

  const lever = (group: LeverGroup) => {
    const on = leverOn(doc, group);
    const key = group === 'margin' ? basis : group;
    return (
      <Paper key={group} withBorder p="xs" radius="sm">
        <Stack gap={6}>
          <Switch
            size="xs"
            label={t(leverTitle[group])}
            checked={on}
            disabled={locked || (group === 'revenueGrowth' && (doc.forecast.segments?.length ?? 0) > 0)}
            onChange={(e) => {
              const checked = e.currentTarget.checked;
              edit((d) => setLeverOn(d, group, checked, { marginalTax }));
            }}
          />
          {on && (
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs" verticalSpacing="xs">
              {leverLayout[group].map(({ field, label, year, optional }) => {
                const path = fieldPath(doc, scenario, `forecast.levers.${key}.${field}`, `forecast.levers.${key}.${field}`);
                const error = issueText(issues.get(path));
                const v = leverCaseValue(doc, scenario, group, field);
                const set = (n: number) => edit((d) => setLeverCaseField(d, scenario, group, field, n));
                const reset =
                  inScenario && v.overridden && editable ? (
                    <ResetButton key="reset" label={t('models.editor.reset')} onClick={() => set(Number.NaN)} />
                  ) : undefined;
                return year ? (
                  <Select
                    key={field}
                    size="xs"
                    label={t(label)}
                    value={Number.isNaN(v.value) ? null : String(v.value)}
                    readOnly={!editable}
                    variant={!editable ? 'filled' : 'default'}
                    clearable={optional === true && editable && !inScenario}
                    allowDeselect={optional === true && !inScenario}
                    error={error}
                    data={years.map((y) => ({ value: String(y), label: t('models.fy', { year: y }) }))}
                    onChange={(next) => set(next === null ? Number.NaN : Number(next))}
                    {...(v.overridden && {
                      'data-overridden': true,
                      styles: { input: { backgroundColor: 'var(--mantine-color-grape-0)' } },
                    })}
                    {...(reset && { rightSection: reset, rightSectionPointerEvents: 'all' as const })}
                  />
                ) : (
                  <NumberField
                    key={field}
                    size="xs"
                    scale="percent"
                    label={t(label)}
                    value={v.value}
                    overridden={v.overridden}
                    readOnly={!editable}
                    error={error}
                    onValue={set}
                    rightSection={reset}
                  />
                );
              })}
            </SimpleGrid>
          )}
          {on && group === 'revenueGrowth' && (
            <Text size="xs" c="dimmed">
              {t('models.depth.growthFadeHint')}
            </Text>
          )}
        </Stack>
      </Paper>
    );
  };

  return (
    <Stack gap="xs" data-testid="forecast-basis">
      <Stack gap={2}>
        <Text size="sm" fw={500} id="margin-basis-label">
          {t('models.depth.marginBasis')}
        </Text>
        <SegmentedControl
          size="xs"
          w="fit-content"
          aria-labelledby="margin-basis-label"
          value={basis}
          disabled={locked}
          onChange={(b) => edit((d) => switchMarginBasis(d, b as MarginBasis))}
          data={[
            { value: 'ebitdaMargin', label: t('models.depth.ebitdaBasis') },
            { value: 'operatingMargin', label: t('models.depth.operatingBasis') },
          ]}
        />
      </Stack>
      {scenario !== BASE && (
        <Text size="xs" c="dimmed">
          {t('models.depth.baseOnly')}
        </Text>
      )}
      <Text size="sm" fw={500}>
        {t('models.depth.levers')}
      </Text>
      {(['revenueGrowth', 'margin', 'taxRate'] as const).map(lever)}
      <Text size="sm" fw={500}>
        {t('models.depth.losses')}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="xs">
        <Switch
          label={t('models.depth.lossCarryForward')}
          description={t('models.depth.lossCarryForwardHint')}
          checked={nol !== undefined}
          disabled={locked}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            edit((d) => setLossCarryForward(d, checked));
          }}
        />
        {nol && (
          <NumberField
            label={t('models.depth.openingLosses')}
            size="sm"
            scale="plain"
            value={nol.openingBalance}
            readOnly={locked}
            error={issueText(issues.get('forecast.lossCarryForward.openingBalance'))}
            onValue={(v) => edit((d) => setOpeningLosses(d, v))}
          />
        )}
      </SimpleGrid>
    </Stack>
  );
}
