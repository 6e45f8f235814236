import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlannedMilestone } from '../../../../shared/contracts/engagements';
import { useFormatters } from '../../../hooks/useFormatters';

/** Planned milestones, compactly: title, due date, weight. */
export function MilestoneList({ milestones }: { milestones: readonly PlannedMilestone[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <List size="sm" spacing={2} type="ordered">
      {milestones.map((m) => (
        <List.Item key={m.key}>
          <Text size="sm" span>
            {m.title}
          </Text>{' '}
          <Text size="xs" c="dimmed" span>
            {t('engagements.plan.summary', { due: format.date(m.dueDate), weight: m.weight })}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
