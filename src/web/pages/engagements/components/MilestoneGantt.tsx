import { Box, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MilestoneView } from '../../../../shared/contracts/engagements';
import { useFormatters } from '../../../hooks/useFormatters';
import { timeAxis } from '../../../lib/engagements/forecast';

const pct = (share: number) => `${(share * 100).toFixed(2)}%`;
const statusColor: Record<MilestoneView['status'], string> = {
  planned: 'var(--mantine-color-gray-6)',
  in_progress: 'var(--mantine-color-blue-6)',
  submitted: 'var(--mantine-color-orange-6)',
  accepted: 'var(--mantine-color-teal-6)',
};

/**
 * The milestones on one time axis: the baseline due date (hollow) against the current one
 * (filled, in the milestone's status colour), a red bar where a date moved later, and today.
 */
export function MilestoneGantt({ milestones, today }: { milestones: readonly MilestoneView[]; today: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const axis = timeAxis([today, ...milestones.flatMap((m) => [m.baselineDueDate, m.dueDate])]);
  const todayAt = axis.share(today);
  return (
    <Paper withBorder p="md" aria-hidden>
      <Stack gap={6}>
        {milestones.map((m) => {
          const baseline = axis.share(m.baselineDueDate);
          const due = axis.share(m.dueDate);
          return (
            <Group key={m.id} gap="sm" wrap="nowrap">
              <Text size="xs" w={160} truncate="end">
                {m.title}
              </Text>
              <Box pos="relative" h={20} style={{ flex: 1 }}>
                <Box pos="absolute" top={9} left={0} right={0} h={2} bg="gray.2" />
                <Box
                  pos="absolute"
                  top={0}
                  bottom={0}
                  left={pct(todayAt)}
                  style={{ borderLeft: '2px solid var(--mantine-color-orange-5)' }}
                />
                {due !== baseline && (
                  <Box
                    pos="absolute"
                    top={8}
                    h={4}
                    left={pct(Math.min(baseline, due))}
                    w={pct(Math.abs(due - baseline))}
                    bg={due > baseline ? 'red.4' : 'teal.4'}
                  />
                )}
                <Tooltip label={t('engagements.milestones.baselineOn', { date: format.date(m.baselineDueDate) })}>
                  <Box
                    pos="absolute"
                    top={4}
                    left={pct(baseline)}
                    w={12}
                    h={12}
                    style={{
                      transform: 'translateX(-6px) rotate(45deg)',
                      border: '2px solid var(--mantine-color-gray-6)',
                      background: 'white',
                    }}
                  />
                </Tooltip>
                <Tooltip label={t('engagements.milestones.dueOn', { date: format.date(m.dueDate) })}>
                  <Box
                    pos="absolute"
                    top={3}
                    left={pct(due)}
                    w={14}
                    h={14}
                    style={{
                      transform: 'translateX(-7px)',
                      borderRadius: '50%',
                      background: statusColor[m.status],
                      border: '2px solid white',
                    }}
                  />
                </Tooltip>
              </Box>
            </Group>
          );
        })}
        <Group gap="sm" wrap="nowrap">
          <Box w={160} />
          <Group justify="space-between" style={{ flex: 1 }}>
            <Text size="xs" c="dimmed">
              {format.date(axis.start)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('engagements.milestones.legend')}
            </Text>
            <Text size="xs" c="dimmed">
              {format.date(axis.end)}
            </Text>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
