import type { EngagementView } from '../../../shared/contracts/engagements';
import { hasWork } from '../engagements/lifecycle';

/**
 * Whether the viewer may add models to an engagement: the awarded provider's people while the
 * work is open (contracted or in progress). This mirrors the server's `model.write` rule so
 * people are not shown a door that will not open; the server decides every request, and each
 * model's `canEdit` says the same for saving versions.
 */
export function mayCreateModels(
  engagement: Pick<EngagementView, 'viewerSide' | 'provider' | 'status' | 'type'>,
  activeOrgId: string,
): boolean {
  return (
    engagement.type === 'financial_modeling' &&
    engagement.viewerSide === 'provider' &&
    hasWork(engagement, activeOrgId) &&
    (engagement.status === 'contracted' || engagement.status === 'in_progress')
  );
}
