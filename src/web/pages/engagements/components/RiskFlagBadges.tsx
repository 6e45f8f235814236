import { Badge, Group, type MantineColor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RiskFlag } from '../../../../shared/contracts/engagements';

const colors: Record<RiskFlag, MantineColor> = {
  overdue_milestone: 'red',
  missed_update: 'red',
  overdue_answer: 'orange',
  overdue_review: 'orange',
  over_budget: 'grape',
  on_hold: 'gray',
};

export function RiskFlagBadges({ flags }: { flags: readonly RiskFlag[] }) {
  const { t } = useTranslation();
  if (flags.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('common.none')}
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {flags.map((flag) => (
        <Badge key={flag} color={colors[flag]} variant="light" size="sm" tt="none" data-risk={flag} style={{ minWidth: 'max-content' }}>
          {t(`riskFlag.${flag}`)}
        </Badge>
      ))}
    </Group>
  );
}
