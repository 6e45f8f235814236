import { Badge, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EngagementStatus } from '../../../../shared/contracts/engagements';

const colors: Record<EngagementStatus, MantineColor> = {
  draft: 'gray',
  requested: 'blue',
  proposing: 'blue',
  contracted: 'violet',
  in_progress: 'indigo',
  delivered: 'cyan',
  accepted: 'teal',
  closed: 'dark',
  on_hold: 'orange',
  cancelled: 'red',
};

export function StatusBadge({ status }: { status: EngagementStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[status]} variant="light" tt="none" data-status={status} style={{ minWidth: 'max-content' }}>
      {t(`engagementStatus.${status}`)}
    </Badge>
  );
}
