import { BarChart } from '@mantine/charts';
import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ReviewerDrift } from '../../../shared/contracts/deliverables';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useTranslator } from '../../hooks/useTranslator';
import { biasSide, driftChartData, signed } from '../../lib/deliverables/calibration';
import type { Translator } from '../../lib/errorText';
import { Section } from '../engagements/components/Section';
import { useDrift } from './hooks';

/** A criterion by its key: kpo's built-in ones in the reader's words, a client's own by its key. */
export const criterionTitle = (key: string, tr: Translator): string =>
  tr.exists(`deliverables.criteria.${key}.title`) ? tr.t(`deliverables.criteria.${key}.title`) : key;

/** Who drifts from the others: over calibration rounds (in scale levels) and on live reviews (in points of 0–100). */
export function DriftPanel() {
  const { t } = useTranslation();
  const drift = useDrift(true);
  return (
    <Section title={t('deliverables.calibration.drift.title')}>
      <Text size="sm" c="dimmed">
        {t('deliverables.calibration.drift.intro')}
      </Text>
      <Text size="sm" c="dimmed" data-testid="bias-explained">
        {t('deliverables.calibration.drift.biasExplained')}
      </Text>
      {drift.isPending ? (
        <Loading />
      ) : drift.isError ? (
        <ErrorAlert error={drift.error} onRetry={() => void drift.refetch()} />
      ) : drift.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('deliverables.calibration.drift.none')}
        </Text>
      ) : (
        <DriftTable drift={drift.data} />
      )}
    </Section>
  );
}

function DriftTable({ drift }: { drift: readonly ReviewerDrift[] }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const none = t('common.none');
  const chart = driftChartData(drift);
  return (
    <Stack gap="md">
      <Table.ScrollContainer minWidth={900}>
        <Table aria-label={t('deliverables.calibration.drift.table')} data-testid="drift-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('deliverables.calibration.drift.reviewer')}</Table.Th>
              <Table.Th>{t('deliverables.calibration.drift.rounds')}</Table.Th>
              <Table.Th>{t('deliverables.calibration.drift.mad')}</Table.Th>
              <Table.Th>{t('deliverables.calibration.drift.bias')}</Table.Th>
              <Table.Th>{t('deliverables.calibration.drift.criteria')}</Table.Th>
              <Table.Th>{t('deliverables.calibration.drift.live')}</Table.Th>
              <Table.Th>{t('deliverables.calibration.drift.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {drift.map((d) => {
              const side = biasSide(d.bias);
              return (
                <Table.Tr
                  key={d.person.userId}
                  data-reviewer={d.person.displayName}
                  data-drifting={d.drifting}
                  {...(d.drifting && { bg: 'var(--mantine-color-red-light)' })}
                >
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm" fw={600}>
                      {d.person.displayName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{d.rounds}</Table.Td>
                  <Table.Td>{d.meanAbsoluteDeviation === null ? none : d.meanAbsoluteDeviation.toFixed(2)}</Table.Td>
                  <Table.Td>
                    {d.bias === null ? (
                      none
                    ) : (
                      <Stack gap={0}>
                        <Text size="sm" fw={600} data-testid="drift-bias">
                          {signed(d.bias, 2)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {t(`deliverables.calibration.side.${side}`)}
                        </Text>
                      </Stack>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {d.criteria.length === 0 ? (
                      none
                    ) : (
                      <Group gap={4} maw={360}>
                        {d.criteria.map((c) => (
                          <Badge
                            key={c.key}
                            size="sm"
                            variant="light"
                            color={c.bias > 0 ? 'orange' : c.bias < 0 ? 'blue' : 'gray'}
                            tt="none"
                          >
                            {criterionTitle(c.key, tr)} {signed(c.bias, 2)}
                          </Badge>
                        ))}
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {d.live.versions === 0 || d.live.biasPct === null
                      ? t('deliverables.calibration.drift.liveNone')
                      : t('deliverables.calibration.drift.liveValue', { bias: signed(d.live.biasPct, 1), versions: d.live.versions })}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {d.drifting ? (
                      <Badge color="red" variant="filled" tt="none" leftSection={<IconAlertTriangle size={12} />}>
                        {t('deliverables.calibration.drift.drifting')}
                      </Badge>
                    ) : (
                      <Badge color="teal" variant="light" tt="none">
                        {t('deliverables.calibration.drift.steady')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {chart.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('deliverables.calibration.drift.chart')}
          </Text>
          <BarChart
            h={Math.max(140, chart.length * 44)}
            data={chart}
            dataKey="name"
            orientation="vertical"
            yAxisProps={{ width: 160 }}
            series={[{ name: 'bias', label: t('deliverables.calibration.drift.bias'), color: 'orange.6' }]}
            getBarColor={(v) => (v > 0 ? 'orange.6' : v < 0 ? 'blue.6' : 'gray.5')}
            referenceLines={[{ x: 0, color: 'gray.6' }]}
            valueFormatter={(v) => signed(v, 2)}
            aria-label={t('deliverables.calibration.drift.chart')}
          />
        </Stack>
      )}
    </Stack>
  );
}
