import { describe, expect, it } from 'vitest';
import { type EngagementStatus, engagementStandings, engagementStatuses } from '../../shared/contracts/engagements.js';
import type { Role } from '../../shared/roles.js';
import type { Actor, UserActor } from './actor.js';
import {
  type ConditionFacts,
  type EngagementFacts,
  engagementRules,
  notificationAudience,
  openActions,
  ruleDecision,
  standingOn,
  statusSeenBy,
} from './engagement-rules.js';
import { actionEffects } from './policy.js';

const user = (orgId: string, orgKind: UserActor['orgKind'], roles: Role[], userId = `${orgId}-${roles.join('+')}`): UserActor => ({
  kind: 'user',
  userId,
  email: 'x@example.test',
  orgId,
  orgKind,
  roles,
  via: 'session',
  scopes: ['read', 'write'],
});

const facts = (over: Partial<EngagementFacts> = {}): EngagementFacts => ({
  clientOrgId: 'client',
  ownerUserId: 'owner',
  clientTeamUserIds: ['owner', 'reviewer', 'finance-on-team'],
  invitedProviders: [
    { orgId: 'winner', status: 'awarded' },
    { orgId: 'loser', status: 'not_awarded' },
    { orgId: 'quitter', status: 'declined' },
  ],
  awardedProviderOrgId: 'winner',
  providerTeamUserIds: ['analyst'],
  type: 'financial_modeling',
  status: 'in_progress',
  heldFrom: null,
  ...over,
});

const ready: ConditionFacts = {
  type: 'financial_modeling',
  invitedProviders: 2,
  submittedProposals: 1,
  currentSow: { clientApproved: true, providerApproved: true },
  sowApproved: true,
  milestones: ['accepted'],
};

describe('engagement rules: standing', () => {
  it('places each person of the client by role and team', () => {
    const f = facts();
    expect(standingOn(user('client', 'client', ['engagement_owner'], 'owner'), f)).toBe('client_lead');
    expect(standingOn(user('client', 'client', ['client_admin'], 'someone'), f)).toBe('client_lead');
    expect(standingOn(user('client', 'client', ['reviewer'], 'reviewer'), f)).toBe('client_member');
    // Finance and auditors follow read-only, on the team or not.
    expect(standingOn(user('client', 'client', ['finance'], 'finance-on-team'), f)).toBe('client_observer');
    expect(standingOn(user('client', 'client', ['auditor'], 'auditor'), f)).toBe('client_observer');
    expect(standingOn(user('client', 'client', ['reviewer'], 'not-on-team'), f)).toBeNull();
    expect(standingOn(user('other-client', 'client', ['client_admin']), f)).toBeNull();
  });

  it('places providers: the winner works, the others only learn how their bid ended', () => {
    const f = facts();
    expect(standingOn(user('winner', 'provider', ['delivery_manager']), f)).toBe('provider_lead');
    expect(standingOn(user('winner', 'provider', ['analyst'], 'analyst'), f)).toBe('provider_member');
    expect(standingOn(user('winner', 'provider', ['analyst'], 'unassigned'), f)).toBeNull();
    expect(standingOn(user('winner', 'provider', ['auditor']), f)).toBeNull();
    expect(standingOn(user('loser', 'provider', ['provider_admin']), f)).toBe('former_bidder');
    expect(standingOn(user('quitter', 'provider', ['delivery_manager']), f)).toBe('former_bidder');
    expect(standingOn(user('loser', 'provider', ['analyst']), f)).toBeNull();
  });

  it('a bidder stands on the engagement only while the request is out', () => {
    const bidding = facts({ status: 'proposing', awardedProviderOrgId: null, invitedProviders: [{ orgId: 'p', status: 'proposed' }] });
    const manager = user('p', 'provider', ['delivery_manager']);
    expect(standingOn(manager, bidding)).toBe('bidder');
    expect(standingOn(manager, { ...bidding, status: 'on_hold', heldFrom: 'requested' })).toBe('bidder');
    // Invited to a draft not sent yet, or cancelled before it was sent: not theirs to know.
    expect(standingOn(manager, { ...bidding, status: 'draft', invitedProviders: [{ orgId: 'p', status: 'invited' }] })).toBeNull();
    expect(standingOn(manager, { ...bidding, status: 'on_hold', heldFrom: 'draft' })).toBeNull();
    expect(standingOn(manager, { ...bidding, status: 'cancelled', invitedProviders: [{ orgId: 'p', status: 'invited' }] })).toBeNull();
    // Cancelled while bidding: the bid ended with it.
    expect(standingOn(manager, { ...bidding, status: 'cancelled', invitedProviders: [{ orgId: 'p', status: 'cancelled' }] })).toBe(
      'former_bidder',
    );
  });

  it('an anonymous request stands nowhere; the system (jobs, CLI) acts for the client', () => {
    const anonymous: Actor = { kind: 'anonymous' };
    expect(standingOn(anonymous, facts())).toBeNull();
    expect(standingOn({ kind: 'system', label: 'job' }, facts())).toBe('client_lead');
  });
});

describe('engagement rules: the table', () => {
  const reads = (Object.keys(actionEffects) as (keyof typeof actionEffects)[]).filter((a) => actionEffects[a] === 'read');

  it('read-only people are read-only in every state: observers and former bidders only read', () => {
    for (const status of engagementStatuses) {
      for (const standing of ['client_observer', 'former_bidder'] as const) {
        const open = openActions(standing, status, ready);
        expect(
          open.filter((a) => !reads.includes(a)),
          `${standing} in ${status}`,
        ).toEqual([]);
      }
    }
    expect(openActions('former_bidder', 'in_progress', ready)).toEqual(['engagement.read', 'proposal.read']);
  });

  it('bidders never see the work, in any state', () => {
    const work = ['sow.read', 'control.read', 'model.read', 'question.ask', 'milestone.work', 'update.post'] as const;
    for (const status of engagementStatuses) {
      const open = openActions('bidder', status, ready);
      for (const a of work) expect(open, `${a} in ${status}`).not.toContain(a);
    }
  });

  it('lists what each lead can do now, the lifecycle moves included', () => {
    const moves = (standing: 'client_lead' | 'provider_lead', status: EngagementStatus, f: ConditionFacts = ready) =>
      openActions(standing, status, f).filter((a) => a.startsWith('engagement.') && a !== 'engagement.read');
    expect(moves('provider_lead', 'in_progress', { ...ready, milestones: ['submitted'] })).toEqual([
      'engagement.assign_team',
      'engagement.deliver',
    ]);
    expect(moves('client_lead', 'in_progress')).toEqual(['engagement.assign_team', 'engagement.hold', 'engagement.cancel']);
    expect(moves('client_lead', 'draft')).toEqual([
      'engagement.edit_brief',
      'engagement.invite_providers',
      'engagement.assign_team',
      'engagement.request',
      'engagement.cancel',
    ]);
    expect(moves('client_lead', 'on_hold')).toEqual(['engagement.assign_team', 'engagement.resume', 'engagement.cancel']);
    expect(moves('client_lead', 'closed')).toEqual([]);
  });

  it('a change is proposed while the work is contracted or in progress, never after delivery', () => {
    for (const standing of ['client_lead', 'provider_lead'] as const) {
      expect(openActions(standing, 'in_progress', ready)).toContain('change.propose');
      expect(openActions(standing, 'delivered', ready)).not.toContain('change.propose');
    }
  });

  it('conditions: each move waits for what must be true', () => {
    const blocked = (standing: 'client_lead' | 'provider_lead', status: EngagementStatus, f: Partial<ConditionFacts>) =>
      openActions(standing, status, { ...ready, ...f });
    expect(blocked('client_lead', 'draft', { invitedProviders: 0 })).not.toContain('engagement.request');
    expect(blocked('client_lead', 'contracted', { currentSow: { clientApproved: true, providerApproved: false } })).not.toContain(
      'engagement.start',
    );
    expect(blocked('provider_lead', 'in_progress', { milestones: ['in_progress'] })).not.toContain('engagement.deliver');
    expect(blocked('client_lead', 'delivered', { milestones: ['submitted'] })).not.toContain('engagement.accept');
    expect(blocked('client_lead', 'proposing', { submittedProposals: 0 })).not.toContain('proposal.award');
    expect(blocked('provider_lead', 'contracted', { currentSow: { clientApproved: false, providerApproved: true } })).not.toContain(
      'sow.approve',
    );
    expect(blocked('client_lead', 'contracted', { currentSow: { clientApproved: false, providerApproved: true } })).toContain(
      'sow.approve',
    );
    expect(blocked('provider_lead', 'in_progress', { type: 'market_research' })).not.toContain('model.write');
  });

  it('refuses with the standing or with the state, and names the move', () => {
    expect(ruleDecision(engagementRules['engagement.deliver'], 'engagement.deliver', 'client_lead', 'in_progress')).toEqual({
      kind: 'standing',
    });
    expect(ruleDecision(engagementRules['engagement.deliver'], 'engagement.deliver', 'provider_lead', 'draft')).toMatchObject({
      kind: 'state',
      reason: 'cannot_deliver_from_draft',
    });
    expect(ruleDecision(engagementRules['engagement.edit_brief'], 'engagement.edit_brief', 'client_lead', 'contracted')).toMatchObject({
      reason: 'brief_locked',
    });
    expect(ruleDecision(engagementRules['question.ask'], 'question.ask', 'client_lead', 'draft')).toMatchObject({ reason: 'wrong_state' });
  });

  it('every standing appears in the table, and every notification kind names who hears it', () => {
    const named = new Set(Object.values(engagementRules).flatMap((rule) => Object.keys(rule)));
    expect([...named].sort()).toEqual([...engagementStandings].sort());
    for (const [kind, standings] of Object.entries(notificationAudience)) expect(standings.length, kind).toBeGreaterThan(0);
  });
});

describe('engagement rules: what a bidder sees', () => {
  it('sees the bidding as a lone bidder would: proposing once its own proposal is in', () => {
    expect(statusSeenBy('bidder', { status: 'proposing', heldFrom: null }, 'invited')).toEqual({ status: 'requested', heldFrom: null });
    expect(statusSeenBy('bidder', { status: 'proposing', heldFrom: null }, 'proposed')).toEqual({ status: 'proposing', heldFrom: null });
    expect(statusSeenBy('bidder', { status: 'on_hold', heldFrom: 'proposing' }, 'invited')).toEqual({
      status: 'on_hold',
      heldFrom: 'requested',
    });
    expect(statusSeenBy('client_lead', { status: 'proposing', heldFrom: null }, null)).toEqual({ status: 'proposing', heldFrom: null });
  });
});
