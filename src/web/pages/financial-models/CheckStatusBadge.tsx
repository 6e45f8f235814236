import { Badge, type MantineColor, type MantineSize } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CheckStatus } from '../../../shared/contracts/financial-model-api';

export const checkColors: Record<CheckStatus, MantineColor> = { pass: 'teal', warn: 'orange', fail: 'red' };
const icons = { pass: IconCircleCheck, warn: IconAlertTriangle, fail: IconCircleX } as const;

/** The overall result of a model's checks: pass, warnings, or a failure. */
export function CheckStatusBadge({ status, size = 'md' }: { status: CheckStatus; size?: MantineSize }) {
  const { t } = useTranslation();
  const Icon = icons[status];
  return (
    <Badge color={checkColors[status]} variant="light" tt="none" size={size} leftSection={<Icon size={12} />} data-status={status}>
      {t(`models.checkStatus.${status}`)}
    </Badge>
  );
}
