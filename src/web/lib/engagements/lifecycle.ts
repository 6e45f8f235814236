import {
  type EngagementAction,
  type EngagementStatus,
  type EngagementView,
  type TransitionAction,
  transitionActionOf,
  transitionActions,
} from '../../../shared/contracts/engagements';

export { needsReason } from '../../../shared/contracts/engagements';

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

/** Actions that end or stop something: shown in red and confirmed. */
const DESTRUCTIVE: ReadonlySet<TransitionAction> = new Set(['cancel', 'hold', 'send_back']);
export const isDestructive = (action: TransitionAction): boolean => DESTRUCTIVE.has(action);

/** The lifecycle moves among the viewer's allowed actions, in the lifecycle's order. */
export function transitionsAllowed(allowedActions: readonly EngagementAction[]): TransitionAction[] {
  return transitionActions.filter((a) => allowedActions.includes(transitionActionOf(a)));
}

/** Whether the server offers the viewer this action now. */
export const may = (engagement: Pick<EngagementView, 'allowedActions'>, action: EngagementAction): boolean =>
  engagement.allowedActions.includes(action);

/** A provider still bidding sees the brief and its own proposal, nothing of the work. */
export const isBidderView = (engagement: Pick<EngagementView, 'standing'>): boolean => engagement.standing === 'bidder';

/** The work (SOW, milestones, updates, Q&A, changes, control) exists once a provider is awarded, for those the server lets read it. */
export function hasWork(engagement: Pick<EngagementView, 'provider' | 'allowedActions'>): boolean {
  return engagement.provider !== null && may(engagement, 'sow.read');
}
