import { Alert, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LoadEffectView } from '../../../shared/contracts/capacity';
import { hoursOf } from '../../lib/capacity';

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
        {effect.warnings.map((w) => (
          <List.Item key={`${w.rule}|${w.from}|${w.to}`}>
            {t(`capacity.warning.severity.${w.severity}`)}
            {' — '}
            {t('capacity.warning.line', {
              month: w.from === w.to ? w.to : `${w.from}〜${w.to}`,
              rule: t(`capacity.warning.rule.${w.rule}`),
              forecast: figure(w.rule, w.forecast),
              limit: figure(w.rule, w.limit),
            })}
          </List.Item>
        ))}
        {effect.overCapacity.map((o) => (
          <List.Item key={o.week}>
            {t('capacity.warning.overCapacity', { week: o.week, planned: hours(o.plannedMinutes), available: hours(o.availableMinutes) })}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
