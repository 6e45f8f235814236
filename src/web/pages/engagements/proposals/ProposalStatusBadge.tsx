import { Badge, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProposalView } from '../../../../shared/contracts/engagements';

const colors: Record<ProposalView['status'], MantineColor> = {
  draft: 'gray',
  submitted: 'blue',
  withdrawn: 'orange',
  awarded: 'teal',
  not_awarded: 'gray',
};

export function ProposalStatusBadge({ status }: { status: ProposalView['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[status]} variant="light" tt="none">
      {t(`proposalStatus.${status}`)}
    </Badge>
  );
}
