import { describe, expect, it } from 'vitest';
import type { EngagementStatus } from '../../shared/contracts/engagements.js';
import { availableTransitions, type LifecycleFacts, transition } from './lifecycle.js';

const facts = (status: EngagementStatus, more: Partial<LifecycleFacts> = {}): LifecycleFacts => ({
  status,
  heldFrom: null,
  invitedProviders: 1,
  sowApproved: true,
  milestones: [{ status: 'accepted' }],
  ...more,
});

describe('engagement lifecycle', () => {
  it('walks the happy path from draft to closed', () => {
    const path: [EngagementStatus, Parameters<typeof transition>[1], 'client_lead' | 'provider_lead', EngagementStatus][] = [
      ['draft', 'request', 'client_lead', 'requested'],
      ['contracted', 'start', 'provider_lead', 'in_progress'],
      ['in_progress', 'deliver', 'provider_lead', 'delivered'],
      ['delivered', 'accept', 'client_lead', 'accepted'],
      ['accepted', 'close', 'client_lead', 'closed'],
    ];
    for (const [from, action, lead, to] of path) expect(transition(facts(from), action, lead).to).toBe(to);
  });

  it('refuses an illegal transition with invalid_state and the reason', () => {
    expect(() => transition(facts('draft'), 'deliver', 'provider_lead')).toThrowError(
      expect.objectContaining({ code: 'invalid_state', reason: 'cannot_deliver_from_draft' }),
    );
    expect(() => transition(facts('closed'), 'cancel', 'client_lead')).toThrowError(expect.objectContaining({ code: 'invalid_state' }));
  });

  it('guards each step with what must be true', () => {
    expect(() => transition(facts('draft', { invitedProviders: 0 }), 'request', 'client_lead')).toThrowError(
      expect.objectContaining({ reason: 'no_providers' }),
    );
    expect(() => transition(facts('contracted', { sowApproved: false }), 'start', 'client_lead')).toThrowError(
      expect.objectContaining({ reason: 'sow_not_approved' }),
    );
    expect(() => transition(facts('in_progress', { milestones: [{ status: 'in_progress' }] }), 'deliver', 'provider_lead')).toThrowError(
      expect.objectContaining({ reason: 'milestones_open' }),
    );
    expect(() => transition(facts('delivered', { milestones: [{ status: 'submitted' }] }), 'accept', 'client_lead')).toThrowError(
      expect.objectContaining({ reason: 'milestones_not_accepted' }),
    );
  });

  it('only the right side may act, and some actions need a reason', () => {
    expect(() => transition(facts('draft'), 'request', 'provider_lead')).toThrowError(expect.objectContaining({ code: 'forbidden' }));
    expect(() => transition(facts('in_progress'), 'hold', 'client_lead')).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
    expect(transition(facts('in_progress'), 'hold', 'client_lead', 'budget freeze')).toEqual({
      from: 'in_progress',
      to: 'on_hold',
      heldFrom: 'in_progress',
    });
  });

  it('resumes a held engagement where it was', () => {
    expect(transition(facts('on_hold', { heldFrom: 'contracted' }), 'resume', 'client_lead').to).toBe('contracted');
  });

  it('lists what each side can do now', () => {
    expect(availableTransitions(facts('in_progress', { milestones: [{ status: 'submitted' }] }), 'provider_lead')).toEqual(['deliver']);
    expect(availableTransitions(facts('in_progress'), 'client_lead').sort()).toEqual(['cancel', 'hold']);
    expect(availableTransitions(facts('in_progress'), null)).toEqual([]);
  });
});
