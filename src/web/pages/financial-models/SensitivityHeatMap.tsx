import { Box, Group, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InputId } from '../../../shared/contracts/financial-model';
import type { SensitivityGridView } from '../../../shared/contracts/financial-model-api';
import { useLocale } from '../../hooks/useLocale';
import { cellColour, gridRange, legendGradient, textColourOn } from '../../lib/financial-models/heatmap';
import { formatInputValue, formatPerShare, formatPerShareBare } from '../../lib/financial-models/numbers';
import { type Axes, type AxisParts, axisInputs, chooseAxis } from '../../lib/financial-models/sensitivity';
import { Section } from '../engagements/components/Section';

interface HeatMapProps {
  grid: SensitivityGridView | null;
  currency: string;
  waccMethod: 'capm' | 'direct';
  /** Which optional inputs the model has (the exit multiple, a probability of failure). */
  parts: AxisParts;
  x: InputId;
  y: InputId;
  onAxes: (axes: Axes) => void;
}

const CELL = { minWidth: 50, height: 26 } as const;

/** The 21×21 sensitivity grid as a heat map: low values red, high green, the case as it stands outlined. */
export function SensitivityHeatMap({ grid, currency, waccMethod, parts, x, y, onAxes }: HeatMapProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const options = axisInputs(waccMethod, parts).map((id) => ({ value: id, label: t(`models.input.${id}`) }));
  // Choosing on one axis the input of the other swaps them, so the two always differ.
  const choose = (axis: 'x' | 'y', value: string | null) => value && onAxes(chooseAxis({ x, y }, axis, value as InputId));
  const range = grid ? gridRange(grid.valuePerShare) : null;
  const xLabel = t(`models.input.${x}`);
  const yLabel = t(`models.input.${y}`);

  return (
    <Section
      title={t('models.sensitivity.title')}
      actions={
        <Group gap="xs">
          <Select
            size="xs"
            w={200}
            label={t('models.sensitivity.x')}
            data={options}
            value={x}
            onChange={(v) => choose('x', v)}
            allowDeselect={false}
          />
          <Select
            size="xs"
            w={200}
            label={t('models.sensitivity.y')}
            data={options}
            value={y}
            onChange={(v) => choose('y', v)}
            allowDeselect={false}
          />
        </Group>
      }
    >
      <Text size="xs" c="dimmed">
        {t('models.sensitivity.intro')}
        {grid && ` ${t('models.sensitivity.method', { method: t(`models.editor.${grid.method}`) })}`}
      </Text>
      {!grid ? (
        <Text size="sm" c="dimmed">
          {t('models.sensitivity.none')}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="sensitivity-heatmap">
          <Box style={{ overflowX: 'auto' }}>
            <table
              aria-label={t('models.sensitivity.table', { x: xLabel, y: yLabel })}
              style={{ borderCollapse: 'separate', borderSpacing: 1, fontSize: 11, fontVariantNumeric: 'tabular-nums', margin: '0 auto' }}
            >
              <thead>
                <tr>
                  <th style={{ fontSize: 11, textAlign: 'left', padding: '2px 6px', whiteSpace: 'nowrap' }}>
                    {yLabel} ↓ / {xLabel} →
                  </th>
                  {grid.x.values.map((xv, i) => (
                    <th
                      key={xv}
                      scope="col"
                      style={{
                        padding: '2px 2px',
                        fontWeight: i === grid.x.baseIndex ? 800 : 500,
                        whiteSpace: 'nowrap',
                        ...CELL,
                        height: undefined,
                      }}
                    >
                      {formatInputValue(grid.x.input, xv, locale, grid.x.mode)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {grid.valuePerShare.map((row, r) => {
                  const yv = grid.y.values[r] ?? 0;
                  const yText = formatInputValue(grid.y.input, yv, locale, grid.y.mode);
                  return (
                    <tr key={yv}>
                      <th
                        scope="row"
                        style={{
                          textAlign: 'right',
                          padding: '0 6px',
                          fontWeight: r === grid.y.baseIndex ? 800 : 500,
                          whiteSpace: 'nowrap',
                        }}
                      >
                        {yText}
                      </th>
                      {row.map((value, c) => {
                        const xText = formatInputValue(grid.x.input, grid.x.values[c] ?? 0, locale, grid.x.mode);
                        const isBase = r === grid.y.baseIndex && c === grid.x.baseIndex;
                        const background = value === null || !range ? undefined : cellColour(value, range);
                        const text = value === null ? t('models.sensitivity.na') : formatPerShare(value, currency, locale);
                        return (
                          <td
                            key={grid.x.values[c] ?? c}
                            title={t('models.sensitivity.cell', { x: xText, y: yText, value: text })}
                            data-base={isBase || undefined}
                            data-na={value === null || undefined}
                            style={{
                              ...CELL,
                              textAlign: 'center',
                              padding: '0 3px',
                              whiteSpace: 'nowrap',
                              background:
                                background ??
                                'repeating-linear-gradient(45deg, var(--mantine-color-gray-2), var(--mantine-color-gray-2) 4px, var(--mantine-color-gray-0) 4px, var(--mantine-color-gray-0) 8px)',
                              color: background ? textColourOn(background) : 'var(--mantine-color-gray-6)',
                              outline: isBase ? '2px solid #1a1b1e' : undefined,
                              outlineOffset: isBase ? -1 : undefined,
                              fontWeight: isBase ? 800 : 400,
                            }}
                          >
                            {value === null ? t('models.sensitivity.na') : formatPerShareBare(value, currency, locale)}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Box>
          {range && (
            <Group gap="xs" wrap="nowrap" maw={520}>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t(range.clippedLow ? 'models.sensitivity.lowClipped' : 'models.sensitivity.low', {
                  value: formatPerShare(range.min, currency, locale),
                })}
              </Text>
              <Box h={10} style={{ flex: 1, borderRadius: 5, background: legendGradient() }} aria-hidden />
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t(range.clippedHigh ? 'models.sensitivity.highClipped' : 'models.sensitivity.high', {
                  value: formatPerShare(range.max, currency, locale),
                })}
              </Text>
            </Group>
          )}
          {grid.invalidCells > 0 && (
            <Text size="xs" c="dimmed">
              {t('models.sensitivity.invalid', { count: grid.invalidCells })}
            </Text>
          )}
        </Stack>
      )}
    </Section>
  );
}
