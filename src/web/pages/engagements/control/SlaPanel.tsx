import { BarChart } from '@mantine/charts';
import { Grid, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ControlFigures, SlaBreach } from '../../../../shared/contracts/engagements';
import { useFormatters } from '../../../hooks/useFormatters';
import { breachesByKind, sortedBreaches } from '../../../lib/engagements/controlData';
import { durationParts } from '../../../lib/engagements/forecast';
import { ChartPanel, NoData } from './ChartPanel';

export function useDuration() {
  const { t } = useTranslation();
  return (hours: number) => {
    const d = durationParts(hours);
    return t(`engagements.control.duration.${d.unit}`, { value: d.value });
  };
}

/** SLA breaches by kind and by the side that owed the response, then each breach. */
export function SlaPanel({ sla }: { sla: ControlFigures['sla'] }) {
  const { t } = useTranslation();
  const data = breachesByKind(sla.breaches).map((r) => ({ ...r, label: t(`slaKind.${r.kind}`) }));
  return (
    <ChartPanel title={t('engagements.control.slaTitle')} intro={t('engagements.control.slaIntro')} testId="chart-sla">
      {sla.breaches.length === 0 ? (
        <NoData>{t('engagements.control.noBreaches')}</NoData>
      ) : (
        <Grid gutter="md" align="flex-start">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <BarChart
              h={180}
              data={data}
              dataKey="label"
              type="stacked"
              orientation="vertical"
              series={[
                { name: 'provider', label: t('engagements.control.owedBy.provider'), color: 'red.6' },
                { name: 'client', label: t('engagements.control.owedBy.client'), color: 'orange.5' },
              ]}
              withLegend
              yAxisProps={{ width: 90 }}
              xAxisProps={{ allowDecimals: false }}
              aria-label={t('engagements.control.slaTitle')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <BreachList breaches={sla.breaches} />
          </Grid.Col>
        </Grid>
      )}
    </ChartPanel>
  );
}

function BreachList({ breaches }: { breaches: readonly SlaBreach[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const duration = useDuration();
  return (
    <Table verticalSpacing={4} withTableBorder aria-label={t('engagements.control.breachList')} data-testid="breach-list">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('engagements.control.kind')}</Table.Th>
          <Table.Th>{t('engagements.control.subject')}</Table.Th>
          <Table.Th>{t('engagements.control.owedByHeader')}</Table.Th>
          <Table.Th>{t('engagements.control.due')}</Table.Th>
          <Table.Th>{t('engagements.control.late')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sortedBreaches(breaches).map((b) => (
          <Table.Tr key={`${b.kind}:${b.subjectId}`} data-testid="sla-breach" data-kind={b.kind} data-open={b.resolvedAt === null}>
            <Table.Td>
              <Text size="sm">{t(`slaKind.${b.kind}`)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{b.kind === 'update' ? t('engagements.control.missedUpdate') : b.label}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{t(`side.${b.side}`)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {format.dateTime(b.dueAt)}
              </Text>
            </Table.Td>
            <Table.Td>
              {b.resolvedAt === null ? (
                <Text size="sm" c="red.7" fw={600}>
                  {t('engagements.control.stillOpen', { late: duration(b.lateHours) })}
                </Text>
              ) : (
                <Text size="sm">{t('engagements.control.cameLate', { late: duration(b.lateHours) })}</Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
