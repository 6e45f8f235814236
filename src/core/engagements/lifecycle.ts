import { type EngagementStatus, needsReason, type TransitionAction } from '../../shared/contracts/engagements.js';
import { AppError } from '../../shared/errors.js';

/**
 * The engagement's life: draft → requested → proposing → contracted → in_progress → delivered →
 * accepted → closed, with on_hold (and back) and cancelled. Who may take each move, from which
 * states and under which conditions is the table of core/access/engagement-rules.ts (checked before
 * this is called); here is only where each move leads.
 */
const destinations: Record<TransitionAction, (e: { heldFrom: EngagementStatus | null }) => EngagementStatus> = {
  request: () => 'requested',
  start: () => 'in_progress',
  deliver: () => 'delivered',
  accept: () => 'accepted',
  send_back: () => 'in_progress',
  close: () => 'closed',
  hold: () => 'on_hold',
  resume: (e) => e.heldFrom ?? 'draft',
  cancel: () => 'cancelled',
};

export interface TransitionResult {
  from: EngagementStatus;
  to: EngagementStatus;
  heldFrom: EngagementStatus | null;
}

/** Where `action` takes an engagement (already allowed by the rules), or why it needs a reason first. */
export function transition(
  e: { status: EngagementStatus; heldFrom: EngagementStatus | null },
  action: TransitionAction,
  reason?: string,
): TransitionResult {
  if (needsReason(action) && !reason?.trim()) {
    throw new AppError('invalid_input', `Say why (${action.replace('_', ' ')}).`, {
      reason: 'validation',
      issues: [{ path: ['reason'], code: 'required', message: 'Give a reason.' }],
    });
  }
  const to = destinations[action](e);
  return { from: e.status, to, heldFrom: to === 'on_hold' ? e.status : null };
}

/** Whether proposals may still come in and be awarded. */
export const isBidding = (status: EngagementStatus) => status === 'requested' || status === 'proposing';

/** Whether the work is under way and the control figures are live. */
export const isUnderWay = (status: EngagementStatus) => status === 'in_progress' || status === 'delivered';
