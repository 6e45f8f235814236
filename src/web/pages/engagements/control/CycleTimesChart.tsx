import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import type { ControlFigures } from '../../../../shared/contracts/engagements';
import { cycleRows } from '../../../lib/engagements/controlData';
import { ChartPanel, NoData } from './ChartPanel';

/** How long reviews and answers take, both ways: the median and the slow tail (90th percentile), in hours. */
export function CycleTimesChart({ cycles }: { cycles: ControlFigures['cycleTimes'] }) {
  const { t } = useTranslation();
  const data = cycleRows(cycles).map((r) => ({ ...r, label: `${t(`engagements.control.cycle.${r.key}`)} (${r.count})` }));
  return (
    <ChartPanel title={t('engagements.control.cycleTimes')} intro={t('engagements.control.cycleTimesIntro')} testId="chart-cycles">
      {data.length === 0 ? (
        <NoData>{t('engagements.control.noCycles')}</NoData>
      ) : (
        <BarChart
          h={200}
          data={data}
          dataKey="label"
          series={[
            { name: 'median', label: t('engagements.control.median'), color: 'indigo.5' },
            { name: 'p90', label: t('engagements.control.p90'), color: 'indigo.2' },
          ]}
          unit={t('engagements.control.hoursUnit')}
          withLegend
          maxBarWidth={40}
          aria-label={t('engagements.control.cycleTimes')}
        />
      )}
    </ChartPanel>
  );
}
