import { Group, RingProgress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ControlFigures } from '../../../../shared/contracts/engagements';
import { ChartPanel, NoData } from './ChartPanel';
import { useDuration } from './SlaPanel';

/** The provider against its own habits: 100 is as quick as it usually is, above is quicker. */
export function ResponsivenessPanel({ responsiveness: r }: { responsiveness: ControlFigures['responsiveness'] }) {
  const { t } = useTranslation();
  const duration = useDuration();
  const index = r?.index ?? null;
  return (
    <ChartPanel
      title={t('engagements.control.responsivenessTitle')}
      intro={t('engagements.control.responsivenessIntro')}
      testId="chart-responsiveness"
    >
      {!r ? (
        <NoData>{t('engagements.control.notYetMeasured')}</NoData>
      ) : (
        <Group align="center" gap="lg" wrap="nowrap">
          <RingProgress
            size={110}
            thickness={10}
            roundCaps
            sections={[
              {
                value: Math.min(100, ((index ?? 0) / 200) * 100),
                color: index === null ? 'gray' : index >= 100 ? 'teal' : index >= 70 ? 'yellow' : 'red',
              },
            ]}
            label={
              <Stack gap={0} align="center">
                <Text fw={700} size="lg">
                  {index ?? t('common.none')}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('engagements.control.index')}
                </Text>
              </Stack>
            }
            aria-label={`${t('engagements.control.index')}: ${index ?? t('common.none')}`}
          />
          <SimpleGrid cols={1} spacing={4}>
            <Text size="sm">
              {r.withinCommitmentPct === null
                ? t('engagements.control.withinCommitmentNone')
                : t('engagements.control.withinCommitment', { pct: r.withinCommitmentPct })}
            </Text>
            <Text size="sm">
              {t('engagements.control.medianResponse', {
                value: r.medianResponseHours === null ? t('common.none') : duration(r.medianResponseHours),
              })}
            </Text>
            <Text size="sm">
              {t('engagements.control.ownAverage', { value: r.ownAverageHours === null ? t('common.none') : duration(r.ownAverageHours) })}
            </Text>
          </SimpleGrid>
        </Group>
      )}
    </ChartPanel>
  );
}
