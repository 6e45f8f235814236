import { Alert, Stepper } from '@mantine/core';
import { IconPlayerPause, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { EngagementStatus } from '../../../../shared/contracts/engagements';
import { lifecycleStep, mainPath } from '../../../lib/engagements/lifecycle';

/** Where the engagement is on its way from draft to closed; on hold and cancelled are said above it. */
export function LifecycleStepper({ status, heldFrom }: { status: EngagementStatus; heldFrom: EngagementStatus | null }) {
  const { t } = useTranslation();
  const step = lifecycleStep(status, heldFrom);
  return (
    <>
      {step.detour === 'on_hold' && (
        <Alert color="orange" variant="light" icon={<IconPlayerPause size={18} />} mb="sm">
          {t('engagements.overview.onHold', { status: t(`engagementStatus.${heldFrom ?? 'draft'}`) })}
        </Alert>
      )}
      {step.detour === 'cancelled' && (
        <Alert color="red" variant="light" icon={<IconX size={18} />} mb="sm">
          {t('engagements.overview.cancelled')}
        </Alert>
      )}
      <Stepper
        active={step.finished ? mainPath.length : step.active}
        size="xs"
        iconSize={24}
        allowNextStepsSelect={false}
        aria-label={t('engagements.overview.lifecycle')}
        styles={{ stepLabel: { fontSize: 12 }, separator: { marginInline: 4 } }}
      >
        {mainPath.map((s) => (
          <Stepper.Step key={s} label={t(`engagementStatus.${s}`)} aria-current={s === status ? 'step' : undefined} />
        ))}
      </Stepper>
    </>
  );
}
