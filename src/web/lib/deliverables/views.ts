import type { DeliverableDetail } from '../../../shared/contracts/deliverables';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { may } from '../engagements/lifecycle';

/** The views of one deliverable: its versions, their comparison, and what the viewer may do to it. */
export type PanelView = 'version' | 'compare' | 'submit' | 'review' | 'reviews' | 'decide';

/** The views the viewer may open, from what the server lets them do (the deliverable's and the engagement's actions). */
export function viewsOf(
  engagement: Pick<EngagementView, 'viewerSide' | 'allowedActions'>,
  d: Pick<DeliverableDetail, 'versions' | 'allowedActions'>,
): PanelView[] {
  const views: PanelView[] = [];
  if (d.versions.length > 0) views.push('version');
  if (d.versions.length > 1) views.push('compare');
  if (d.allowedActions.includes('submit')) views.push('submit');
  if (d.allowedActions.includes('review')) views.push('review');
  // The lead's decision shows the reviews side by side; the client's other readers see them on their own.
  if (d.allowedActions.includes('decide')) views.push('decide');
  else if (engagement.viewerSide === 'client' && may(engagement, 'quality.read_reviews') && d.versions.length > 0) views.push('reviews');
  return views;
}

/** The view a deliverable opens on: the action waiting for the viewer, else the latest version (or the form, before any). */
export function defaultView(d: Pick<DeliverableDetail, 'versions' | 'allowedActions'>, views: readonly PanelView[]): PanelView | undefined {
  if (views.includes('review')) return 'review';
  if (views.includes('decide')) return 'decide';
  if (d.versions.length === 0 && views.includes('submit')) return 'submit';
  return views[0];
}
