import { ActionIcon, Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { MAX_SEGMENTS } from '../../../../shared/contracts/financial-model-lines';
import { useLocale } from '../../../hooks/useLocale';
import { BASE } from '../../../lib/financial-models/edit';
import {
  addSegment,
  baseRevenue,
  type GrowthKey,
  type RevenueMode,
  removeSegment,
  renameSegment,
  resetSegment,
  revenueMode,
  segmentGrowth,
  segmentOverridden,
  setSegmentField,
  setSegmentGrowth,
  switchRevenueMode,
} from '../../../lib/financial-models/lines';
import { formatNumber } from '../../../lib/financial-models/numbers';
import { useIssueText } from '../labels';
import { NameInput } from './NameInput';
import { NumberField } from './NumberField';
import { ResetButton } from './ResetButton';
import type { EditorProps } from './types';

/**
 * Revenue from growth rates or from segments (volume × price, with an optional unit cost); each
 * segment's growth by year, which a scenario may change (its other fields are the model's).
 */
export function SegmentsPanel({ doc, scenario, editable, edit, issues }: EditorProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const issueText = useIssueText();
  const inScenario = scenario !== BASE;
  const locked = !editable || inScenario;
  const segments = doc.forecast.segments ?? [];
  const years = doc.forecast.years;
  const error = (key: string) => issueText(issues.get(key));
  const baseYear = doc.historicals.at(-1)?.year ?? 0;
  const segmentsBase = segments.reduce((sum, s) => sum + s.baseVolume * s.basePrice, 0);

  return (
    <Stack gap="xs" data-testid="segments-panel">
      <Stack gap={2}>
        <Text size="sm" fw={500} id="revenue-mode-label">
          {t('models.lines.revenueMode')}
        </Text>
        <SegmentedControl
          size="xs"
          w="fit-content"
          aria-labelledby="revenue-mode-label"
          value={revenueMode(doc)}
          disabled={locked}
          onChange={(m) => edit((d) => switchRevenueMode(d, m as RevenueMode))}
          data={[
            { value: 'growth', label: t('models.lines.fromGrowth') },
            { value: 'segments', label: t('models.lines.fromSegments') },
          ]}
        />
      </Stack>
      {segments.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('models.lines.segmentsHint', { year: baseYear, revenue: formatNumber(baseRevenue(doc), locale) })}{' '}
          <span data-testid="segments-base-revenue">
            {t('models.lines.segmentsRevenue', { revenue: formatNumber(segmentsBase, locale) })}
          </span>
        </Text>
      )}
      {segments.length > 0 && inScenario && (
        <Text size="xs" c="grape.8">
          {t('models.lines.scenarioSegments')}
        </Text>
      )}
      {segments.map((s, i) => {
        const display = s.label ?? s.name;
        const at = (field: string) => `forecast.segments.${i}.${field}`;
        const growthRows: GrowthKey[] =
          s.unitCost === undefined ? ['volumeGrowth', 'priceGrowth'] : ['volumeGrowth', 'priceGrowth', 'unitCostGrowth'];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments and lines are edited in their place (a name may be typed twice on the way)
          <Paper key={i} withBorder p="xs" radius="sm" data-testid={`segment-${i}`}>
            <Stack gap={6}>
              <Group justify="space-between" gap="xs">
                <Text size="sm" fw={600}>
                  {t('models.lines.segment', { n: i + 1 })}
                </Text>
                <Group gap={4}>
                  {inScenario && editable && segmentOverridden(doc, scenario, i) && (
                    <ResetButton
                      label={t('models.lines.resetSegment', { name: display })}
                      onClick={() => edit((d) => resetSegment(d, scenario, i))}
                    />
                  )}
                  {!locked && segments.length > 1 && (
                    <Tooltip label={t('models.lines.removeSegment', { name: display })} withArrow>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="sm"
                        aria-label={t('models.lines.removeSegment', { name: display })}
                        onClick={() => edit((d) => removeSegment(d, i))}
                      >
                        <IconTrash size={14} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              </Group>
              <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="xs" verticalSpacing="xs">
                <NameInput
                  size="xs"
                  label={t('models.lines.name')}
                  aria-label={`${t('models.lines.segment', { n: i + 1 })} ${t('models.lines.name')}`}
                  value={s.name}
                  readOnly={locked}
                  error={error(at('name'))}
                  onCommit={(name) => edit((d) => renameSegment(d, i, name))}
                />
                <TextInput
                  size="xs"
                  label={t('models.lines.label')}
                  aria-label={`${t('models.lines.segment', { n: i + 1 })} ${t('models.lines.label')}`}
                  value={s.label ?? ''}
                  readOnly={locked}
                  variant={locked ? 'filled' : 'default'}
                  error={error(at('label'))}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    edit((d) => setSegmentField(d, i, 'label', v));
                  }}
                />
                <NumberField
                  size="xs"
                  scale="plain"
                  label={t('models.lines.baseVolume')}
                  aria-label={`${t('models.lines.segment', { n: i + 1 })} ${t('models.lines.baseVolume')}`}
                  value={s.baseVolume}
                  readOnly={locked}
                  error={error(at('baseVolume'))}
                  onValue={(v) => edit((d) => setSegmentField(d, i, 'baseVolume', v))}
                />
                <NumberField
                  size="xs"
                  scale="plain"
                  label={t('models.lines.basePrice')}
                  aria-label={`${t('models.lines.segment', { n: i + 1 })} ${t('models.lines.basePrice')}`}
                  value={s.basePrice}
                  readOnly={locked}
                  error={error(at('basePrice'))}
                  onValue={(v) => edit((d) => setSegmentField(d, i, 'basePrice', v))}
                />
                <NumberField
                  size="xs"
                  scale="plain"
                  label={t('models.lines.unitCost')}
                  aria-label={`${t('models.lines.segment', { n: i + 1 })} ${t('models.lines.unitCost')}`}
                  value={s.unitCost ?? Number.NaN}
                  readOnly={locked}
                  error={error(at('unitCost'))}
                  onValue={(v) => edit((d) => setSegmentField(d, i, 'unitCost', v))}
                />
              </SimpleGrid>
              <Table.ScrollContainer minWidth={520}>
                <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={4}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={130} />
                      {years.map((year) => (
                        <Table.Th key={year} ta="right" fz="xs">
                          {t('models.fy', { year })}
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {growthRows.map((key) => {
                      const row = segmentGrowth(doc, scenario, i, key);
                      const field = t(`models.lines.${key}`);
                      return (
                        <Table.Tr key={key}>
                          <Table.Th scope="row" fw={400} fz="xs">
                            {field}
                          </Table.Th>
                          {row.values.map((value, y) => {
                            const year = years[y] ?? y;
                            const issue = error(at(key)) ?? error(`${at(key)}.${y}`);
                            return (
                              <Table.Td key={year}>
                                <NumberField
                                  size="xs"
                                  miw={70}
                                  scale="percent"
                                  value={value}
                                  overridden={row.overridden[y] ?? false}
                                  readOnly={!editable}
                                  aria-label={t('models.lines.growthCell', { segment: display, field, year: t('models.fy', { year }) })}
                                  error={Boolean(issue)}
                                  title={issue || undefined}
                                  onValue={(v) => edit((d) => setSegmentGrowth(d, scenario, i, key, y, v))}
                                />
                              </Table.Td>
                            );
                          })}
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          </Paper>
        );
      })}
      {segments.length > 0 && !locked && segments.length < MAX_SEGMENTS && (
        <Button size="xs" variant="light" w="fit-content" leftSection={<IconPlus size={14} />} onClick={() => edit(addSegment)}>
          {t('models.lines.addSegment')}
        </Button>
      )}
    </Stack>
  );
}
