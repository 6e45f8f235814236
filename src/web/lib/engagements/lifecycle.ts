import {
  type EngagementStatus,
  type EngagementView,
  type TransitionAction,
  transitionActions,
} from '../../../shared/contracts/engagements';

/**
 * The engagement's life as the UI draws it (the rules are the server's, src/core/engagements/
 * lifecycle.ts): the main path as a stepper, with on hold and cancelled as detours from it.
 */
export const mainPath = [
  'draft',
  'requested',
  'proposing',
  'contracted',
  'in_progress',
  'delivered',
  'accepted',
  'closed',
] as const satisfies readonly EngagementStatus[];

export interface LifecycleStep {
  /** The step of the main path the engagement is at (for on hold: where it was held). */
  active: number;
  /** Every step before `active` is done; the engagement is finished when closed. */
  finished: boolean;
  detour: 'on_hold' | 'cancelled' | null;
}

export function lifecycleStep(status: EngagementStatus, heldFrom: EngagementStatus | null): LifecycleStep {
  if (status === 'on_hold' || status === 'cancelled') {
    const at = heldFrom ? mainPath.indexOf(heldFrom as (typeof mainPath)[number]) : -1;
    return { active: Math.max(0, at), finished: false, detour: status };
  }
  const at = mainPath.indexOf(status);
  return { active: at, finished: status === 'closed', detour: null };
}

/** Actions that the server refuses without a reason (and people deserve to be asked why). */
const REASON_NEEDED: ReadonlySet<TransitionAction> = new Set(['send_back', 'hold', 'cancel']);
export const needsReason = (action: TransitionAction): boolean => REASON_NEEDED.has(action);

/** Actions that end or stop something: shown in red and confirmed. */
const DESTRUCTIVE: ReadonlySet<TransitionAction> = new Set(['cancel', 'hold', 'send_back']);
export const isDestructive = (action: TransitionAction): boolean => DESTRUCTIVE.has(action);

/** The lifecycle moves among the viewer's allowed actions, in the lifecycle's order. */
export function transitionsAllowed(allowedActions: readonly string[]): TransitionAction[] {
  return transitionActions.filter((a) => allowedActions.includes(a));
}

export const may = (engagement: Pick<EngagementView, 'allowedActions'>, action: string): boolean =>
  engagement.allowedActions.includes(action);

/**
 * A provider that did not win sees the engagement as a bidder: its own proposal, nothing of the
 * work. The view says which side the viewer is on; the awarded provider says whether it is them.
 */
export function isBidderView(engagement: Pick<EngagementView, 'viewerSide' | 'provider'>, activeOrgId: string): boolean {
  return engagement.viewerSide === 'provider' && engagement.provider?.orgId !== activeOrgId;
}

/** The work (SOW, milestones, updates, Q&A, changes, control) exists once a provider is awarded. */
export function hasWork(engagement: Pick<EngagementView, 'viewerSide' | 'provider'>, activeOrgId: string): boolean {
  return engagement.provider !== null && !isBidderView(engagement, activeOrgId);
}
