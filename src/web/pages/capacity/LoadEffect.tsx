import { Alert, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LoadEffectView } from '../../../shared/contracts/capacity';
import { hoursOf, summariseWarnings } from '../../lib/capacity';

const hours = hoursOf;

/** What a plan does to a person's load: the `load_warning`s with their limit, month and forecast, and the weeks past capacity. */
export function LoadEffect({ effect }: { effect: LoadEffectView }) {
  const { t } = useTranslation();
  if (effect.warnings.length === 0 && effect.overCapacity.length === 0) {
    return (
      <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} title={t('capacity.warning.title')}>
        {t('capacity.warning.none')}
      </Alert>
    );
  }
  // Weeks in order, so the first is where the plan starts to overrun.
  const overCapacity = [...effect.overCapacity].sort((a, b) => a.week.localeCompare(b.week));
  const worstWeek = overCapacity.reduce<(typeof overCapacity)[number] | undefined>(
    (w, o) => (!w || o.plannedMinutes - o.availableMinutes > w.plannedMinutes - w.availableMinutes ? o : w),
    undefined,
  );
  const breach = effect.blocked || effect.warnings.some((w) => w.severity === 'breach');
  const figure = (rule: string, value: number) =>
    rule === 'months_over_monthly_limit' ? t('capacity.warning.months', { count: value }) : t('time.hours', { hours: hours(value) });
  return (
    <Alert
      color={breach ? 'red' : 'orange'}
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={t('capacity.warning.title')}
      data-testid="load-warning"
    >
      {effect.blocked && (
        <Text size="sm" fw={600} mb={4}>
          {t('capacity.warning.blocked')}
        </Text>
      )}
      <List size="sm" spacing={2}>
        {summariseWarnings(effect.warnings).map(({ rule, severity, first, count, worst }) => (
          <List.Item key={`${severity}|${rule}`}>
            {t(`capacity.warning.severity.${severity}`)}
            {' — '}
            {count === 1
              ? t('capacity.warning.line', {
                  month: worst.from === worst.to ? worst.to : `${worst.from}〜${worst.to}`,
                  rule: t(`capacity.warning.rule.${rule}`),
                  forecast: figure(rule, worst.forecast),
                  limit: figure(rule, worst.limit),
                })
              : t('capacity.warning.summary', {
                  rule: t(`capacity.warning.rule.${rule}`),
                  first,
                  count,
                  forecast: figure(rule, worst.forecast),
                  limit: figure(rule, worst.limit),
                  worst: worst.from === worst.to ? worst.to : `${worst.from}〜${worst.to}`,
                })}
          </List.Item>
        ))}
        {overCapacity.length === 1 && overCapacity[0] && (
          <List.Item>
            {t('capacity.warning.overCapacity', {
              week: overCapacity[0].week,
              planned: hours(overCapacity[0].plannedMinutes),
              available: hours(overCapacity[0].availableMinutes),
            })}
          </List.Item>
        )}
        {overCapacity.length > 1 && worstWeek && (
          <List.Item>
            {t('capacity.warning.overCapacitySummary', {
              first: overCapacity[0]?.week ?? '',
              count: overCapacity.length,
              week: worstWeek.week,
              planned: hours(worstWeek.plannedMinutes),
              available: hours(worstWeek.availableMinutes),
            })}
          </List.Item>
        )}
      </List>
    </Alert>
  );
}
