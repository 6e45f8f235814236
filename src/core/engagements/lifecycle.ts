import type { EngagementStatus, TransitionAction } from '../../shared/contracts/engagements.js';
import { AppError } from '../../shared/errors.js';

/**
 * The engagement's life: draft → requested → proposing → contracted → in_progress → delivered →
 * accepted → closed, with on_hold (and back) and cancelled. Each action names who may take it,
 * from which states, and what must be true; anything else is refused with `invalid_state`.
 */
export type Lead = 'client_lead' | 'provider_lead';

export interface LifecycleFacts {
  status: EngagementStatus;
  heldFrom: EngagementStatus | null;
  invitedProviders: number;
  /** The current SOW version is approved by both sides. */
  sowApproved: boolean;
  milestones: readonly { status: 'planned' | 'in_progress' | 'submitted' | 'accepted' }[];
}

interface Rule {
  from: readonly EngagementStatus[];
  by: readonly Lead[];
  to: (facts: LifecycleFacts) => EngagementStatus;
  /** Why the action cannot be taken now, or null. */
  blocked?: (facts: LifecycleFacts) => { reason: string; message: string } | null;
  needsReason?: boolean;
}

const ACTIVE: readonly EngagementStatus[] = ['requested', 'proposing', 'contracted', 'in_progress', 'delivered'];

export const lifecycleRules: Record<TransitionAction, Rule> = {
  request: {
    from: ['draft'],
    by: ['client_lead'],
    to: () => 'requested',
    blocked: (f) =>
      f.invitedProviders === 0 ? { reason: 'no_providers', message: 'Invite at least one provider to propose first.' } : null,
  },
  start: {
    from: ['contracted'],
    by: ['client_lead', 'provider_lead'],
    to: () => 'in_progress',
    blocked: (f) => (f.sowApproved ? null : { reason: 'sow_not_approved', message: 'Both sides approve the SOW before work starts.' }),
  },
  deliver: {
    from: ['in_progress'],
    by: ['provider_lead'],
    to: () => 'delivered',
    blocked: (f) =>
      f.milestones.every((m) => m.status === 'submitted' || m.status === 'accepted')
        ? null
        : { reason: 'milestones_open', message: 'Submit every milestone before delivering.' },
  },
  accept: {
    from: ['delivered'],
    by: ['client_lead'],
    to: () => 'accepted',
    blocked: (f) =>
      f.milestones.every((m) => m.status === 'accepted')
        ? null
        : { reason: 'milestones_not_accepted', message: 'Accept every milestone before accepting the engagement.' },
  },
  send_back: { from: ['delivered'], by: ['client_lead'], to: () => 'in_progress', needsReason: true },
  close: { from: ['accepted'], by: ['client_lead'], to: () => 'closed' },
  hold: { from: ACTIVE, by: ['client_lead'], to: () => 'on_hold', needsReason: true },
  resume: {
    from: ['on_hold'],
    by: ['client_lead'],
    to: (f) => f.heldFrom ?? 'draft',
  },
  cancel: { from: ['draft', ...ACTIVE, 'on_hold'], by: ['client_lead'], to: () => 'cancelled', needsReason: true },
};

export interface TransitionResult {
  from: EngagementStatus;
  to: EngagementStatus;
  heldFrom: EngagementStatus | null;
}

/** What `action` by `lead` does to an engagement with these facts, or why it cannot. */
export function transition(facts: LifecycleFacts, action: TransitionAction, lead: Lead | null, reason?: string): TransitionResult {
  const rule = lifecycleRules[action];
  if (lead === null || !rule.by.includes(lead)) {
    throw new AppError(
      'forbidden',
      `Only the ${rule.by.map((b) => b.replace('_lead', '')).join(' or ')} lead may ${action.replace('_', ' ')} an engagement.`,
      {
        reason: 'not_lead',
      },
    );
  }
  if (!rule.from.includes(facts.status)) {
    throw new AppError('invalid_state', `An engagement that is ${facts.status} cannot be asked to ${action.replace('_', ' ')}.`, {
      reason: `cannot_${action}_from_${facts.status}`,
    });
  }
  const blocked = rule.blocked?.(facts);
  if (blocked) throw new AppError('invalid_state', blocked.message, { reason: blocked.reason });
  if (rule.needsReason && !reason?.trim()) {
    throw new AppError('invalid_input', `Say why (${action.replace('_', ' ')}).`, {
      reason: 'validation',
      issues: [{ path: ['reason'], code: 'required', message: 'Give a reason.' }],
    });
  }
  const to = rule.to(facts);
  return { from: facts.status, to, heldFrom: to === 'on_hold' ? facts.status : null };
}

/** The actions `lead` could take now (for the UI; every request is checked again). */
export function availableTransitions(facts: LifecycleFacts, lead: Lead | null): TransitionAction[] {
  if (!lead) return [];
  return (Object.keys(lifecycleRules) as TransitionAction[]).filter((action) => {
    const rule = lifecycleRules[action];
    return rule.by.includes(lead) && rule.from.includes(facts.status) && !rule.blocked?.(facts);
  });
}

/** Whether proposals may still come in and be awarded. */
export const isBidding = (status: EngagementStatus) => status === 'requested' || status === 'proposing';

/** Whether the work is under way and the control figures are live. */
export const isUnderWay = (status: EngagementStatus) => status === 'in_progress' || status === 'delivered';
