import { Group, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValuationSummary } from '../../../../shared/contracts/financial-model-api';
import { useLocale } from '../../../hooks/useLocale';
import {
  BASE,
  type CapmInputs,
  isOverridableWacc,
  resetWacc,
  setBetaKind,
  setObservedDebtToEquity,
  setWaccValue,
  switchWaccMethod,
  type WaccField,
  waccValue,
} from '../../../lib/financial-models/edit';
import { formatNumber, formatRate } from '../../../lib/financial-models/numbers';
import { useIssueText } from '../labels';
import { NumberField, type NumberScale } from './NumberField';
import { ResetButton } from './ResetButton';
import { type EditorProps, fieldPath } from './types';

const capmLayout: { field: WaccField; scale: NumberScale }[] = [
  { field: 'riskFreeRate', scale: 'percent' },
  { field: 'equityRiskPremium', scale: 'percent' },
  { field: 'sizePremium', scale: 'percent' },
  { field: 'preTaxCostOfDebt', scale: 'percent' },
  { field: 'marginalTaxRate', scale: 'percent' },
  { field: 'targetDebtToCapital', scale: 'percent' },
];

/** WACC: built up by CAPM, or given directly (the schema's two shapes), with what the engine computed from it. */
export function WaccPanel(props: EditorProps & { computed: ValuationSummary['wacc'] | undefined }) {
  const { doc, scenario, editable, edit, issues, computed } = props;
  const { t } = useTranslation();
  const locale = useLocale();
  const issueText = useIssueText();
  const inScenario = scenario !== BASE;
  const wacc = doc.wacc;
  // Switching to a given rate and back restores the CAPM inputs of this session.
  const lastCapm = useRef<CapmInputs | undefined>(wacc.method === 'capm' ? wacc : undefined);
  if (wacc.method === 'capm') lastCapm.current = wacc;

  const field = (name: WaccField, scale: NumberScale) => {
    const v = waccValue(doc, scenario, name);
    if (!v) return null;
    const overridable = isOverridableWacc(name);
    const path = name === 'beta' && !inScenario ? 'wacc.beta.value' : fieldPath(doc, scenario, `wacc.${name}`, `wacc.${name}`);
    const issue = issues.get(path);
    const label = t(`models.input.${name}`);
    return (
      <NumberField
        key={name}
        label={label}
        size="sm"
        scale={scale}
        value={v.value}
        overridden={v.overridden}
        readOnly={!editable || (inScenario && !overridable)}
        description={inScenario && !overridable ? t('models.editor.notInScenario') : undefined}
        error={issueText(issue)}
        onValue={(n) => edit((d) => setWaccValue(d, scenario, name, n))}
        rightSection={
          inScenario && v.overridden && editable ? (
            <ResetButton label={t('models.editor.reset')} onClick={() => edit((d) => resetWacc(d, scenario, name))} />
          ) : undefined
        }
      />
    );
  };

  return (
    <Stack gap="sm" data-testid="wacc-panel">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Stack gap={2}>
          <Text size="sm" fw={500} id="wacc-method-label">
            {t('models.editor.waccMethod')}
          </Text>
          <SegmentedControl
            size="xs"
            aria-labelledby="wacc-method-label"
            value={wacc.method}
            disabled={!editable || inScenario}
            onChange={(method) =>
              edit((d) =>
                switchWaccMethod(d, method as 'capm' | 'direct', {
                  rate: Number.parseFloat((computed?.wacc ?? 0.08).toFixed(4)),
                  ...(lastCapm.current && { capm: lastCapm.current }),
                }),
              )
            }
            data={[
              { value: 'capm', label: t('models.editor.capm') },
              { value: 'direct', label: t('models.editor.direct') },
            ]}
          />
        </Stack>
        {inScenario && (
          <Text size="xs" c="dimmed">
            {t('models.editor.notInScenario')}
          </Text>
        )}
      </Group>
      {wacc.method === 'capm' ? (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
          {capmLayout.slice(0, 2).map((f) => field(f.field, f.scale))}
          {field('beta', 'plain')}
          <Select
            label={t('models.editor.betaKind')}
            size="sm"
            value={wacc.beta.kind}
            readOnly={!editable || inScenario}
            variant={!editable || inScenario ? 'filled' : 'default'}
            allowDeselect={false}
            data={[
              { value: 'unlevered', label: t('models.editor.unlevered') },
              { value: 'levered', label: t('models.editor.levered') },
            ]}
            onChange={(kind) => kind && edit((d) => setBetaKind(d, kind as 'levered' | 'unlevered'))}
          />
          {wacc.beta.kind === 'levered' && (
            <NumberField
              label={t('models.editor.observedDebtToEquity')}
              description={t('models.editor.observedHint')}
              size="sm"
              scale="plain"
              value={wacc.beta.observedDebtToEquity ?? Number.NaN}
              readOnly={!editable || inScenario}
              error={issueText(issues.get('wacc.beta.observedDebtToEquity'))}
              onValue={(n) => edit((d) => setObservedDebtToEquity(d, Number.isNaN(n) ? undefined : n))}
            />
          )}
          {capmLayout.slice(2).map((f) => field(f.field, f.scale))}
        </SimpleGrid>
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          {field('rate', 'percent')}
        </SimpleGrid>
      )}
      {computed && (
        <Text size="sm" c="dimmed" data-testid="computed-wacc">
          {computed.method === 'capm'
            ? t('models.editor.computed', {
                wacc: formatRate(computed.wacc, locale),
                costOfEquity: formatRate(computed.costOfEquity, locale),
                beta: formatNumber(computed.leveredBeta, locale, 2),
              })
            : t('models.editor.computedDirect', { wacc: formatRate(computed.wacc, locale) })}
        </Text>
      )}
    </Stack>
  );
}
