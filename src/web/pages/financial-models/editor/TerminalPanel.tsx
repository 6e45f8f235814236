import { SegmentedControl, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ValuationSummary } from '../../../../shared/contracts/financial-model-api';
import {
  hasValueDriver,
  setTerminalCaseValue,
  setValueDriverOn,
  terminalCaseValue,
  type ValueDriverField,
} from '../../../lib/financial-models/depth';
import {
  BASE,
  resetTerminal,
  setMidYearConvention,
  setTerminalMethod,
  setTerminalValue,
  type TerminalField,
  terminalValue,
} from '../../../lib/financial-models/edit';
import { useIssueText } from '../labels';
import { NumberField } from './NumberField';
import { ResetButton } from './ResetButton';
import { type EditorProps, fieldPath } from './types';

/** The value-driver fields: label key, hint key (optional fields say what empty means). */
const valueDriverLayout: { field: ValueDriverField; label: string; hint?: string }[] = [
  { field: 'revenueGrowth', label: 'vdRevenueGrowth', hint: 'vdRevenueGrowthHint' },
  { field: 'operatingMargin', label: 'vdOperatingMargin' },
  { field: 'taxRate', label: 'vdTaxRate' },
  { field: 'ronic', label: 'ronic', hint: 'ronicHint' },
];

/** The last forecast year's EBIT margin and tax rate, as the value driver's starting point. */
function terminalYearOf(doc: EditorProps['doc'], valuation: ValuationSummary | null | undefined) {
  const p = valuation?.projection;
  const revenue = p?.revenue.at(-1);
  const ebit = p?.ebit.at(-1);
  const margin = revenue && ebit !== undefined ? Number((ebit / revenue).toFixed(4)) : (doc.forecast.operatingMargin?.at(-1) ?? 0.1);
  const taxRate = doc.wacc.method === 'capm' ? doc.wacc.marginalTaxRate : (doc.forecast.taxRate.at(-1) ?? 0.3);
  return { operatingMargin: margin, taxRate: Math.max(0, taxRate) };
}

/** Terminal value (Gordon growth or the value driver, and exit multiple, and which gives the headline) and the mid-year convention. */
export function TerminalPanel({ doc, scenario, editable, edit, issues, valuation }: EditorProps & { valuation?: ValuationSummary | null }) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const inScenario = scenario !== BASE;
  const locked = !editable || inScenario;

  const field = (name: TerminalField, label: string) => {
    const v = terminalValue(doc, scenario, name);
    const issue = issues.get(fieldPath(doc, scenario, `valuation.terminalValue.${name}`, `terminalValue.${name}`));
    return (
      <NumberField
        label={label}
        size="sm"
        scale={name === 'growthRate' ? 'percent' : 'multiple'}
        value={v.value}
        overridden={v.overridden}
        readOnly={!editable}
        error={issueText(issue)}
        onValue={(n) => edit((d) => setTerminalValue(d, scenario, name, n))}
        rightSection={
          inScenario && v.overridden && editable ? (
            <ResetButton label={t('models.editor.reset')} onClick={() => edit((d) => resetTerminal(d, scenario, name))} />
          ) : undefined
        }
      />
    );
  };

  return (
    <Stack gap="sm" data-testid="terminal-panel">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="xs">
        {field('growthRate', t('models.input.terminalGrowth'))}
        {field('exitMultiple', t('models.input.exitMultiple'))}
      </SimpleGrid>
      <Stack gap={2}>
        <Text size="sm" fw={500} id="perpetuity-label">
          {t('models.depth.perpetuity')}
        </Text>
        <SegmentedControl
          size="xs"
          w="fit-content"
          aria-labelledby="perpetuity-label"
          value={hasValueDriver(doc) ? 'valueDriver' : 'fcf'}
          disabled={locked}
          onChange={(v) => edit((d) => setValueDriverOn(d, v === 'valueDriver', terminalYearOf(d, valuation)))}
          data={[
            { value: 'fcf', label: t('models.depth.perpetuityFcf') },
            { value: 'valueDriver', label: t('models.depth.perpetuityValueDriver') },
          ]}
        />
      </Stack>
      {doc.valuation.terminalValue.valueDriver && (
        <Stack gap={4} data-testid="value-driver">
          <Text size="xs" c="dimmed">
            {t('models.depth.valueDriverHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="xs">
            {valueDriverLayout.map(({ field, label, hint }) => {
              const v = terminalCaseValue(doc, scenario, field);
              const path = fieldPath(doc, scenario, `valuation.terminalValue.valueDriver.${field}`, `terminalValue.valueDriver.${field}`);
              return (
                <NumberField
                  key={field}
                  label={t(`models.depth.${label}` as 'models.depth.ronic')}
                  description={hint ? t(`models.depth.${hint}` as 'models.depth.ronicHint') : undefined}
                  size="sm"
                  scale="percent"
                  value={v.value}
                  overridden={v.overridden}
                  readOnly={!editable}
                  error={issueText(issues.get(path))}
                  onValue={(n) => edit((d) => setTerminalCaseValue(d, scenario, field, n))}
                  rightSection={
                    inScenario && v.overridden && editable ? (
                      <ResetButton
                        label={t('models.editor.reset')}
                        onClick={() => edit((d) => setTerminalCaseValue(d, scenario, field, Number.NaN))}
                      />
                    ) : undefined
                  }
                />
              );
            })}
          </SimpleGrid>
        </Stack>
      )}
      <Stack gap={2}>
        <Text size="sm" fw={500} id="terminal-method-label">
          {t('models.editor.terminalMethod')}
        </Text>
        <SegmentedControl
          size="xs"
          w="fit-content"
          aria-labelledby="terminal-method-label"
          value={doc.valuation.terminalValue.method}
          disabled={locked}
          onChange={(method) => edit((d) => setTerminalMethod(d, method as 'gordon' | 'exitMultiple'))}
          data={[
            { value: 'gordon', label: t('models.editor.gordon') },
            { value: 'exitMultiple', label: t('models.editor.exitMultiple') },
          ]}
        />
      </Stack>
      <Switch
        label={t('models.editor.midYear')}
        description={inScenario ? t('models.editor.notInScenario') : t('models.editor.midYearHint')}
        checked={doc.valuation.midYearConvention}
        disabled={locked}
        onChange={(e) => {
          const checked = e.currentTarget.checked;
          edit((d) => setMidYearConvention(d, checked));
        }}
      />
    </Stack>
  );
}
