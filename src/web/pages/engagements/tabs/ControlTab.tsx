import { Grid, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EngagementView } from '../../../../shared/contracts/engagements';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useFormatters } from '../../../hooks/useFormatters';
import { can } from '../../../lib/access';
import { may } from '../../../lib/engagements/lifecycle';
import { useActiveMembership } from '../../../session/session';
import { BudgetBurn } from '../control/BudgetBurn';
import { ControlSummary } from '../control/ControlSummary';
import { CycleTimesChart } from '../control/CycleTimesChart';
import { ForecastTimeline } from '../control/ForecastTimeline';
import { HiddenHoursPanel } from '../control/HiddenHoursPanel';
import { ProviderHiddenCostPanel } from '../control/ProviderHiddenCostPanel';
import { ResponsivenessPanel } from '../control/ResponsivenessPanel';
import { ScheduleVarianceChart } from '../control/ScheduleVarianceChart';
import { SlaPanel } from '../control/SlaPanel';
import { useControlFigures } from '../hooks';

/**
 * The control panel (risk 3, loss of control): whether the commitments of the SOW are being kept.
 * Each side sees the same figures, except the client's budget, which the server keeps from providers.
 */
export function ControlTab({ engagement }: { engagement: EngagementView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const control = useControlFigures(engagement.id);
  const membership = useActiveMembership();
  if (control.isPending) return <Loading />;
  if (control.isError) return <ErrorAlert error={control.error} onRetry={() => void control.refetch()} />;
  const f = control.data;
  return (
    <Stack gap="md" data-testid="control-panel">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('engagements.control.intro')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('engagements.control.asOf', { at: format.dateTime(f.asOf) })}
        </Text>
      </Group>
      <ControlSummary figures={f} />
      <Grid gutter="md">
        <Grid.Col span={12}>
          <SlaPanel sla={f.sla} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <ScheduleVarianceChart schedule={f.schedule} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <ForecastTimeline forecast={f.forecast} asOf={f.asOf} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <CycleTimesChart cycles={f.cycleTimes} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <ResponsivenessPanel responsiveness={f.responsiveness} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <BudgetBurn budget={f.budget} progress={f.progress} />
        </Grid.Col>
        {/* The client's hidden hours: the server offers time.hidden_cost to the client's people only. */}
        {may(engagement, 'time.hidden_cost') && (
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <HiddenHoursPanel engagementId={engagement.id} />
          </Grid.Col>
        )}
        {/* Beside it, the client's hidden cost across its providers: its admins' and finance's (hidden_cost.read). */}
        {may(engagement, 'time.hidden_cost') && can(membership, 'hidden_cost.read') && (
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <ProviderHiddenCostPanel orgId={membership?.orgId ?? ''} />
          </Grid.Col>
        )}
      </Grid>
    </Stack>
  );
}
