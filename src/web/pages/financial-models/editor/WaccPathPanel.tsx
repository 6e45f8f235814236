import { Group, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  hasCapmPaths,
  pathOf,
  setTerminalCaseValue,
  setWaccPathLine,
  setWaccPathMode,
  setWaccPathValue,
  terminalCaseValue,
  type WaccPathMode,
  waccPathKey,
  waccPathMode,
} from '../../../lib/financial-models/depth';
import { BASE } from '../../../lib/financial-models/edit';
import { useIssueText } from '../labels';
import { NumberField } from './NumberField';
import { ResetButton } from './ResetButton';
import { type EditorProps, fieldPath } from './types';

/**
 * How WACC moves over the forecast — a given rate, or a CAPM WACC's beta: one value, one per year,
 * or a straight line to a terminal value — and the terminal cost of capital.
 */
export function WaccPathPanel({ doc, scenario, editable, edit, issues }: EditorProps) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const locked = !editable || scenario !== BASE;
  const mode = waccPathMode(doc);
  const years = doc.forecast.years;
  const path = pathOf(doc);
  const key = waccPathKey(doc);
  const beta = key === 'beta';
  const error = (key: string) => issueText(issues.get(key));
  const terminal = terminalCaseValue(doc, scenario, 'costOfCapital');

  return (
    <Stack gap="xs" data-testid="wacc-path">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Stack gap={2}>
          <Text size="sm" fw={500} id="wacc-path-label">
            {beta ? t('models.depth.betaPath') : t('models.depth.waccPath')}
          </Text>
          <SegmentedControl
            size="xs"
            aria-labelledby="wacc-path-label"
            value={mode}
            disabled={locked}
            onChange={(m) => edit((d) => setWaccPathMode(d, m as WaccPathMode))}
            data={[
              { value: 'single', label: beta ? t('models.depth.betaSingle') : t('models.depth.waccSingle') },
              { value: 'values', label: beta ? t('models.depth.betaValues') : t('models.depth.waccValues') },
              { value: 'line', label: beta ? t('models.depth.betaLine') : t('models.depth.waccLine') },
            ]}
          />
        </Stack>
        {scenario !== BASE && (
          <Text size="xs" c="dimmed">
            {t('models.depth.baseOnly')}
          </Text>
        )}
      </Group>
      {hasCapmPaths(doc) && (
        <Text size="xs" c="dimmed">
          {t('models.depth.capmPaths')}
        </Text>
      )}
      {path?.values && (
        <SimpleGrid cols={{ base: 2, xs: 3, md: Math.min(years.length, 6) }} spacing="xs" verticalSpacing="xs">
          {years.map((year, i) => (
            <NumberField
              key={year}
              size="xs"
              scale={beta ? 'plain' : 'percent'}
              label={t('models.fy', { year })}
              aria-label={t(beta ? 'models.depth.betaYear' : 'models.depth.waccYear', { year: t('models.fy', { year }) })}
              value={path.values?.[i] ?? Number.NaN}
              readOnly={locked}
              error={error(`wacc.byYear.${key}.values.${i}`)}
              onValue={(v) => edit((d) => setWaccPathValue(d, i, v))}
            />
          ))}
        </SimpleGrid>
      )}
      {path && !path.values && (
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="xs">
          <Select
            label={t('models.depth.fromYear')}
            size="sm"
            value={path.fromYear === undefined ? null : String(path.fromYear)}
            readOnly={locked}
            variant={locked ? 'filled' : 'default'}
            allowDeselect={false}
            error={error(`wacc.byYear.${key}.fromYear`)}
            data={years.map((y) => ({ value: String(y), label: t('models.fy', { year: y }) }))}
            onChange={(v) => v && edit((d) => setWaccPathLine(d, 'fromYear', Number(v)))}
          />
          <NumberField
            label={beta ? t('models.depth.terminalBeta') : t('models.depth.terminalRate')}
            size="sm"
            scale={beta ? 'plain' : 'percent'}
            value={path.terminal ?? Number.NaN}
            readOnly={locked}
            error={error(`wacc.byYear.${key}.terminal`)}
            onValue={(v) => edit((d) => setWaccPathLine(d, 'terminal', v))}
          />
        </SimpleGrid>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <NumberField
          label={t('models.depth.terminalCostOfCapital')}
          description={t('models.depth.terminalCostOfCapitalHint')}
          size="sm"
          scale="percent"
          value={terminal.value}
          overridden={terminal.overridden}
          readOnly={!editable}
          error={error(fieldPath(doc, scenario, 'valuation.terminalValue.costOfCapital', 'terminalValue.costOfCapital'))}
          onValue={(v) => edit((d) => setTerminalCaseValue(d, scenario, 'costOfCapital', v))}
          rightSection={
            scenario !== BASE && terminal.overridden && editable ? (
              <ResetButton
                label={t('models.editor.reset')}
                onClick={() => edit((d) => setTerminalCaseValue(d, scenario, 'costOfCapital', Number.NaN))}
              />
            ) : undefined
          }
        />
      </SimpleGrid>
    </Stack>
  );
}
