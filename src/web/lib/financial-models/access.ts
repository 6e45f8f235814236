import type { EngagementView } from '../../../shared/contracts/engagements';

/**
 * Whether the viewer may add models to an engagement now. The server says so in the engagement's
 * `allowedActions` (`model.write`: the awarded provider's team while the work is contracted or in
 * progress), so the UI shows no door that will not open; every request is still checked.
 */
export function mayCreateModels(engagement: Pick<EngagementView, 'allowedActions'>): boolean {
  return engagement.allowedActions.includes('model.write');
}
