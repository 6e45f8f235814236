import { BarChart } from '@mantine/charts';
import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ControlFigures } from '../../../../shared/contracts/engagements';
import { useFormatters } from '../../../hooks/useFormatters';
import { budgetRows } from '../../../lib/engagements/controlData';
import { ChartPanel, NoData } from './ChartPanel';

/** Committed fee against what has been earned so far, the forecast at completion and (for the client) the budget. */
export function BudgetBurn({ budget, progress }: { budget: ControlFigures['budget']; progress: ControlFigures['progress'] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <ChartPanel title={t('engagements.control.budgetTitle')} intro={t('engagements.control.budgetIntro')} testId="chart-budget">
      {!budget ? (
        <NoData>{t('engagements.control.noBudgetYet')}</NoData>
      ) : (
        <Stack gap="sm">
          <BarChart
            h={190}
            data={budgetRows(budget).map((r) => ({ label: t(`engagements.control.money.${r.key}`), amount: r.amount, key: r.key }))}
            dataKey="label"
            orientation="vertical"
            series={[{ name: 'amount', label: t('engagements.control.amount'), color: 'indigo.5' }]}
            barProps={{ radius: 2 }}
            valueFormatter={(v) => format.money({ amount: v, currency: budget.committed.currency })}
            yAxisProps={{ width: 110 }}
            xAxisProps={{ tickFormatter: (v: number) => format.money({ amount: v, currency: budget.committed.currency }) }}
            aria-label={t('engagements.control.budgetTitle')}
          />
          {budgetRows(budget).map((r) => (
            <Text key={r.key} size="xs" c="dimmed">
              {t(`engagements.control.money.${r.key}`)}: {format.money({ amount: r.amount, currency: budget.committed.currency })}
            </Text>
          ))}
          <Stack gap={4}>
            <Text size="sm">{t('engagements.control.burn', { pct: budget.burnPct })}</Text>
            <Progress value={Math.min(100, budget.burnPct)} color="teal" aria-label={t('engagements.control.budgetBurn')} />
            <Text size="sm">
              {t('engagements.control.progressVsAccepted', {
                reported: progress.pct === null ? t('common.none') : t('engagements.percent', { value: progress.pct }),
                accepted: t('engagements.percent', { value: progress.weightedAcceptedPct }),
              })}
            </Text>
            <Progress.Root size="lg" aria-label={t('engagements.control.progress')}>
              <Progress.Section value={progress.weightedAcceptedPct} color="teal" />
              <Progress.Section value={Math.max(0, (progress.pct ?? 0) - progress.weightedAcceptedPct)} color="indigo.3" />
            </Progress.Root>
          </Stack>
        </Stack>
      )}
    </ChartPanel>
  );
}
