import { Group, Paper, RingProgress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ControlFigures } from '../../../../shared/contracts/engagements';
import { useFormatters } from '../../../hooks/useFormatters';
import { forecastLayout, tokyoDate } from '../../../lib/engagements/forecast';
import { RagDot } from '../components/RagDot';

function Stat({ label, value, note, testId }: { label: string; value: React.ReactNode; note?: string | undefined; testId?: string }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Stack gap={2}>
        <Text size="xs" c="dimmed" fw={500}>
          {label}
        </Text>
        {typeof value === 'string' ? (
          <Text size="xl" fw={700} lh={1.2}>
            {value}
          </Text>
        ) : (
          value
        )}
        {note && (
          <Text size="xs" c="dimmed">
            {note}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** The figures at a glance: progress, SLA breaches, responsiveness, forecast slip, budget burn. */
export function ControlSummary({ figures: f }: { figures: ControlFigures }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const breaches = f.sla.breaches.length;
  const open = f.sla.breaches.filter((b) => b.resolvedAt === null).length;
  const slip = f.forecast ? forecastLayout(f.forecast, tokyoDate(f.asOf)).slipDays : null;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
      <Stat
        label={t('engagements.control.progress')}
        value={
          <Group gap="xs" wrap="nowrap">
            <RingProgress
              size={56}
              thickness={6}
              sections={[{ value: f.progress.pct ?? 0, color: 'indigo' }]}
              label={
                <Text ta="center" size="xs" fw={700}>
                  {f.progress.pct === null ? t('common.none') : t('engagements.percent', { value: f.progress.pct })}
                </Text>
              }
            />
            <RagDot rag={f.progress.rag} withLabel />
          </Group>
        }
        note={t('engagements.control.accepted', { pct: f.progress.weightedAcceptedPct })}
      />
      <Stat
        testId="control-breaches"
        label={t('engagements.control.slaBreaches')}
        value={
          <Text size="xl" fw={700} c={breaches > 0 ? 'red.7' : 'dark'}>
            {String(breaches)}
          </Text>
        }
        note={t('engagements.control.openBreaches', { count: open })}
      />
      <Stat
        label={t('engagements.control.responsiveness')}
        value={f.responsiveness?.index != null ? String(f.responsiveness.index) : t('common.none')}
        note={
          f.responsiveness?.withinCommitmentPct != null
            ? t('engagements.control.withinCommitment', { pct: f.responsiveness.withinCommitmentPct })
            : t('engagements.control.notYetMeasured')
        }
      />
      <Stat
        label={t('engagements.control.forecastFinish')}
        value={f.forecast ? format.date(f.forecast.p50) : t('common.none')}
        note={
          slip === null
            ? t('engagements.control.noForecast')
            : slip === 0
              ? t('engagements.control.onPlan')
              : t(slip > 0 ? 'engagements.control.slipLate' : 'engagements.control.slipEarly', {
                  count: Math.abs(slip),
                  days: Math.abs(slip),
                })
        }
      />
      <Stat
        label={t('engagements.control.budgetBurn')}
        value={f.budget ? t('engagements.percent', { value: f.budget.burnPct }) : t('common.none')}
        note={
          f.budget
            ? t('engagements.control.earnedOf', { earned: format.money(f.budget.earned), committed: format.money(f.budget.committed) })
            : undefined
        }
      />
    </SimpleGrid>
  );
}
