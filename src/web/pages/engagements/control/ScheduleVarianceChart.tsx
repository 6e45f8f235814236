import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import type { ControlFigures } from '../../../../shared/contracts/engagements';
import { ChartPanel, NoData } from './ChartPanel';

/** Days late (up, red) or early (down, green) against the baseline, per milestone. */
export function ScheduleVarianceChart({ schedule }: { schedule: ControlFigures['schedule'] }) {
  const { t } = useTranslation();
  const data = schedule.map((s) => ({ milestone: s.title, days: s.varianceDays }));
  return (
    <ChartPanel
      title={t('engagements.control.scheduleVariance')}
      intro={t('engagements.control.scheduleVarianceIntro')}
      testId="chart-schedule"
    >
      {data.length === 0 ? (
        <NoData>{t('engagements.control.noMilestones')}</NoData>
      ) : (
        <BarChart
          h={220}
          data={data}
          dataKey="milestone"
          series={[{ name: 'days', label: t('engagements.control.varianceDays'), color: 'red.6' }]}
          getBarColor={(value) => (value > 0 ? 'red.6' : value < 0 ? 'teal.6' : 'gray.5')}
          referenceLines={[{ y: 0, color: 'gray.6' }]}
          unit={t('engagements.control.daysUnit')}
          withBarValueLabel
          maxBarWidth={48}
          minBarSize={2}
          aria-label={t('engagements.control.scheduleVariance')}
        />
      )}
    </ChartPanel>
  );
}
