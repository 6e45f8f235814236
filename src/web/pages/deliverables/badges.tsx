import { Badge, type MantineColor } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type {
  DeliverableCheckStatus,
  DeliverableStatus,
  ReviewDecision,
  SectionRole,
  VersionStatus,
} from '../../../shared/contracts/deliverables';
import { sectionRoleLabels } from '../../../shared/deliverable-check-messages';
import { useLocale } from '../../hooks/useLocale';

export const checkColors: Record<DeliverableCheckStatus, MantineColor> = { pass: 'teal', warn: 'orange', fail: 'red' };
const checkIcons = { pass: IconCircleCheck, warn: IconAlertTriangle, fail: IconCircleX } as const;

const statusColors: Record<DeliverableStatus, MantineColor> = { draft: 'gray', in_review: 'blue', rework: 'orange', accepted: 'teal' };
const versionColors: Record<VersionStatus, MantineColor> = {
  in_review: 'blue',
  accepted: 'teal',
  accepted_with_fixes: 'lime',
  rework: 'orange',
  superseded: 'gray',
};
export const decisionColors: Record<ReviewDecision, MantineColor> = { accept: 'teal', accept_with_fixes: 'lime', rework: 'orange' };

export function CheckBadge({ status }: { status: DeliverableCheckStatus }) {
  const { t } = useTranslation();
  const Icon = checkIcons[status];
  return (
    <Badge color={checkColors[status]} variant="light" tt="none" leftSection={<Icon size={12} />} data-status={status}>
      {t(`deliverables.checkStatus.${status}`)}
    </Badge>
  );
}

export function DeliverableStatusBadge({ status }: { status: DeliverableStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColors[status]} variant="light" tt="none" data-status={status}>
      {t(`deliverables.status.${status}`)}
    </Badge>
  );
}

export function VersionStatusBadge({ status }: { status: VersionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={versionColors[status]} variant="outline" tt="none" data-status={status}>
      {t(`deliverables.versionStatus.${status}`)}
    </Badge>
  );
}

export function DecisionBadge({ decision }: { decision: ReviewDecision }) {
  const { t } = useTranslation();
  return (
    <Badge color={decisionColors[decision]} variant="light" tt="none" data-decision={decision}>
      {t(`deliverables.decisionLabel.${decision}`)}
    </Badge>
  );
}

/** A report section's role in the reader's language (the checks' own words for it). */
export function useRoleLabel(): (role: SectionRole) => string {
  const locale = useLocale();
  return (role) => sectionRoleLabels[locale][role];
}

export function RoleBadge({ role }: { role: SectionRole }) {
  const label = useRoleLabel();
  return (
    <Badge color="grape" variant="outline" tt="none" size="sm">
      {label(role)}
    </Badge>
  );
}
