import { SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type OptionField, type OptionMethod, optionMethod, setOptionField, switchOptionMethod } from '../../../lib/financial-models/depth';
import { BASE } from '../../../lib/financial-models/edit';
import { useIssueText } from '../labels';
import { NumberField, type NumberScale } from './NumberField';
import type { EditorProps } from './types';

const layout: { field: OptionField; label: string; scale: NumberScale; hint?: string }[] = [
  { field: 'count', label: 'optionCount', scale: 'plain' },
  { field: 'averageStrike', label: 'averageStrike', scale: 'plain' },
  { field: 'maturity', label: 'maturity', scale: 'plain' },
  { field: 'volatility', label: 'volatility', scale: 'percent' },
  { field: 'dividendYield', label: 'dividendYield', scale: 'percent' },
  { field: 'riskFreeRate', label: 'optionRiskFreeRate', scale: 'percent', hint: 'optionRiskFreeRateHint' },
];

/** Employee options: among the dilutive securities (treasury-stock method), or one grant valued by Black–Scholes. */
export function OptionsPanel({ doc, scenario, editable, edit, issues }: EditorProps) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const locked = !editable || scenario !== BASE;
  const options = doc.shares.options;
  const price = doc.market?.sharePrice;

  return (
    <Stack gap="xs" data-testid="options-panel">
      <Stack gap={2}>
        <Text size="sm" fw={500} id="option-method-label">
          {t('models.depth.optionMethod')}
        </Text>
        <SegmentedControl
          size="xs"
          w="fit-content"
          aria-labelledby="option-method-label"
          value={optionMethod(doc)}
          disabled={locked}
          onChange={(m) =>
            edit((d) =>
              switchOptionMethod(d, m as OptionMethod, {
                strike: price ?? 1000,
                maturity: 3,
                volatility: 0.3,
                riskFreeRate: 0.01,
              }),
            )
          }
          data={[
            { value: 'treasuryStock', label: t('models.depth.treasuryStock') },
            { value: 'blackScholes', label: t('models.depth.blackScholes') },
          ]}
        />
      </Stack>
      {scenario !== BASE && (
        <Text size="xs" c="dimmed">
          {t('models.depth.baseOnly')}
        </Text>
      )}
      {!options ? (
        <Text size="xs" c="dimmed">
          {t('models.depth.treasuryStockHint', { count: doc.shares.dilutive.length })}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
          {layout.map(({ field, label, scale, hint }) => (
            <NumberField
              key={field}
              label={t(`models.depth.${label}` as 'models.depth.maturity')}
              description={hint ? t(`models.depth.${hint}` as 'models.depth.optionRiskFreeRateHint') : undefined}
              size="sm"
              scale={scale}
              value={options[field] ?? Number.NaN}
              readOnly={locked}
              error={issueText(issues.get(`shares.options.${field}`))}
              onValue={(v) => edit((d) => setOptionField(d, field, v))}
            />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
