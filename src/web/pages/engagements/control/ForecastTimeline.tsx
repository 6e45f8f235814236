import { Box, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ControlFigures } from '../../../../shared/contracts/engagements';
import { useFormatters } from '../../../hooks/useFormatters';
import { forecastLayout, tokyoDate } from '../../../lib/engagements/forecast';
import { ChartPanel, NoData } from './ChartPanel';

const pct = (share: number) => `${(share * 100).toFixed(2)}%`;

function Marker({
  at,
  color,
  label,
  row,
  dashed = false,
}: {
  at: number;
  color: string;
  label: string;
  row: 'top' | 'bottom';
  dashed?: boolean;
}) {
  return (
    <>
      <Box
        pos="absolute"
        top={22}
        h={36}
        left={pct(at)}
        style={{ borderLeft: `2px ${dashed ? 'dashed' : 'solid'} ${color}`, transform: 'translateX(-1px)' }}
      />
      <Text
        pos="absolute"
        size="xs"
        fw={600}
        left={pct(at)}
        top={row === 'top' ? 0 : 62}
        c={color}
        style={{ transform: at > 0.8 ? 'translateX(-100%)' : at < 0.2 ? 'none' : 'translateX(-50%)', whiteSpace: 'nowrap' }}
      >
        {label}
      </Text>
    </>
  );
}

/** When the work will finish at its pace so far: the p10–p90 range as a band, p50 as a dot, against the plan and today. */
export function ForecastTimeline({ forecast, asOf }: { forecast: ControlFigures['forecast']; asOf: string }) {
  const { t } = useTranslation();
  return (
    <ChartPanel title={t('engagements.control.forecastTitle')} intro={t('engagements.control.forecastIntro')} testId="chart-forecast">
      {!forecast ? <NoData>{t('engagements.control.noForecast')}</NoData> : <ForecastBody forecast={forecast} today={tokyoDate(asOf)} />}
    </ChartPanel>
  );
}

function ForecastBody({ forecast: f, today }: { forecast: NonNullable<ControlFigures['forecast']>; today: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const layout = forecastLayout(f, today);
  const { at } = layout;
  return (
    <Stack gap="xs">
      <Box
        pos="relative"
        h={84}
        mx="md"
        role="img"
        aria-label={t('engagements.control.forecastAria', {
          p10: format.date(f.p10),
          p50: format.date(f.p50),
          p90: format.date(f.p90),
          plan: format.date(f.plannedEnd),
        })}
      >
        <Box pos="absolute" top={39} left={0} right={0} h={2} bg="gray.3" />
        <Box
          pos="absolute"
          top={30}
          h={20}
          left={pct(at.p10)}
          w={pct(Math.max(0.004, at.p90 - at.p10))}
          bg="indigo.1"
          style={{ border: '1px solid var(--mantine-color-indigo-3)', borderRadius: 10 }}
        />
        <Marker at={at.plannedEnd} color="var(--mantine-color-gray-7)" label={t('engagements.control.plan')} row="top" dashed />
        <Marker at={at.today} color="var(--mantine-color-orange-7)" label={t('engagements.control.today')} row="bottom" />
        <Box
          pos="absolute"
          top={32}
          left={pct(at.p50)}
          w={16}
          h={16}
          bg="indigo.6"
          style={{ borderRadius: '50%', transform: 'translateX(-8px)', border: '2px solid white' }}
        />
      </Box>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {format.date(layout.axisStart)}
        </Text>
        <Text size="xs" c="dimmed">
          {format.date(layout.axisEnd)}
        </Text>
      </Group>
      <Group gap="lg">
        <Text size="sm">{t('engagements.control.p10', { date: format.date(f.p10) })}</Text>
        <Text size="sm" fw={700}>
          {t('engagements.control.p50', { date: format.date(f.p50) })}
        </Text>
        <Text size="sm">{t('engagements.control.p90date', { date: format.date(f.p90) })}</Text>
        <Text size="sm" c="dimmed">
          {t('engagements.control.plannedEnd', { date: format.date(f.plannedEnd) })}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        {f.basedOnMilestones === 0
          ? t('engagements.control.forecastFromPlan')
          : t('engagements.control.forecastBasis', { count: f.basedOnMilestones })}
      </Text>
    </Stack>
  );
}
