import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/roles.js';
import type { UserActor } from './actor.js';
import type { EngagementFacts } from './engagement-rules.js';
import { authorize, can } from './policy.js';

const actor = (orgId: string, orgKind: UserActor['orgKind'], roles: Role[], extra: Partial<UserActor> = {}): UserActor => ({
  kind: 'user',
  userId: `${orgId}-${roles.join('+')}`,
  email: 'x@example.test',
  orgId,
  orgKind,
  roles,
  via: 'session',
  scopes: ['read', 'write'],
  ...extra,
});

const facts: EngagementFacts = {
  clientOrgId: 'client-a',
  ownerUserId: 'client-a-engagement_owner',
  clientTeamUserIds: ['client-a-engagement_owner', 'client-a-reviewer'],
  invitedProviders: [
    { orgId: 'prov-p', status: 'awarded' },
    { orgId: 'prov-q', status: 'not_awarded' },
  ],
  awardedProviderOrgId: 'prov-p',
  providerTeamUserIds: ['prov-p-analyst'],
  type: 'market_research',
  status: 'in_progress',
  heldFrom: null,
};
const engagement = { type: 'engagement' as const, facts };

describe('access policy', () => {
  it('denies by default: an action with no rule for the resource is refused', () => {
    expect(can(actor('a', 'client', ['client_admin']), 'engagement.read', { type: 'organization', orgId: 'a' })).toEqual({
      allowed: false,
      reason: 'no_rule',
    });
  });

  it('need-to-know: a provider analyst sees only engagements they are assigned to', () => {
    expect(can(actor('prov-p', 'provider', ['analyst']), 'engagement.read', engagement).allowed).toBe(true);
    expect(can(actor('prov-p', 'provider', ['analyst'], { userId: 'prov-p-other' }), 'engagement.read', engagement)).toEqual({
      allowed: false,
      reason: 'not_assigned',
    });
    expect(can(actor('prov-p', 'provider', ['delivery_manager']), 'engagement.read', engagement).allowed).toBe(true);
    expect(can(actor('prov-r', 'provider', ['provider_admin']), 'engagement.read', engagement)).toEqual({
      allowed: false,
      reason: 'other_organization',
    });
  });

  it('a provider that bid and lost sees how its bid ended and its own proposal, never the work', () => {
    const loser = actor('prov-q', 'provider', ['delivery_manager']);
    expect(can(loser, 'engagement.read', engagement).allowed).toBe(true);
    expect(can(loser, 'proposal.read', engagement).allowed).toBe(true);
    expect(can(loser, 'sow.read', engagement)).toEqual({ allowed: false, reason: 'missing_role' });
    expect(can(loser, 'question.ask', engagement).allowed).toBe(false);
    expect(can(actor('prov-q', 'provider', ['analyst']), 'engagement.read', engagement).allowed).toBe(false);
  });

  it('the right action in the wrong state is refused with the state, not the role', () => {
    const owner = actor('client-a', 'client', ['engagement_owner']);
    expect(can(owner, 'engagement.edit_brief', engagement)).toMatchObject({ allowed: false, reason: 'wrong_state' });
    expect(() => authorize(owner, 'engagement.edit_brief', engagement)).toThrowError(
      expect.objectContaining({ code: 'invalid_state', reason: 'brief_locked' }),
    );
  });

  it('read-only client roles read and export, and write nothing', () => {
    for (const role of ['finance', 'auditor'] as const) {
      const observer = actor('client-a', 'client', [role]);
      expect(can(observer, 'control.read', engagement).allowed).toBe(true);
      expect(can(observer, 'model.export', engagement).allowed).toBe(true);
      for (const write of ['question.ask', 'question.answer', 'question.close', 'milestone.decide', 'change.decide'] as const)
        expect(can(observer, write, engagement), `${role} ${write}`).toEqual({ allowed: false, reason: 'missing_role' });
    }
  });

  it('an anonymous request is refused everything, the engagement included', () => {
    expect(can({ kind: 'anonymous' }, 'engagement.read', engagement)).toEqual({ allowed: false, reason: 'anonymous' });
    expect(can({ kind: 'anonymous' }, 'org.read', { type: 'organization', orgId: 'client-a' })).toEqual({
      allowed: false,
      reason: 'anonymous',
    });
    expect(() => authorize({ kind: 'anonymous' }, 'instance.org.list', { type: 'instance' })).toThrowError(
      expect.objectContaining({ code: 'unauthenticated' }),
    );
  });

  it("scorecards: a client's people who weigh providers, and a provider's managers; never an analyst or the operator", () => {
    const own = (a: UserActor) => can(a, 'scorecard.read', { type: 'engagements', orgId: a.orgId }).allowed;
    expect(own(actor('client-a', 'client', ['finance']))).toBe(true);
    expect(own(actor('client-a', 'client', ['reviewer']))).toBe(false);
    expect(own(actor('prov-p', 'provider', ['delivery_manager']))).toBe(true);
    expect(own(actor('prov-p', 'provider', ['analyst']))).toBe(false);
    expect(own(actor('op', 'operator', ['platform_admin']))).toBe(false);
  });

  it('webhooks are for clients and providers: the operator has no engagement events to hear', () => {
    expect(can(actor('op', 'operator', ['platform_admin']), 'webhook.manage', { type: 'organization', orgId: 'op' }).allowed).toBe(false);
    expect(can(actor('a', 'client', ['client_admin']), 'webhook.manage', { type: 'organization', orgId: 'a' }).allowed).toBe(true);
  });

  it('on the client side: the owner leads, reviewers and finance follow, others in the client see nothing', () => {
    const bidding = { type: 'engagement' as const, facts: { ...facts, status: 'proposing' as const, awardedProviderOrgId: null } };
    expect(can(actor('client-a', 'client', ['engagement_owner']), 'proposal.award', bidding).allowed).toBe(true);
    expect(can(actor('client-a', 'client', ['reviewer']), 'proposal.award', bidding)).toEqual({
      allowed: false,
      reason: 'missing_role',
    });
    expect(can(actor('client-a', 'client', ['reviewer']), 'proposal.read', engagement).allowed).toBe(true);
    expect(can(actor('client-a', 'client', ['finance']), 'control.read', engagement).allowed).toBe(true);
    const otherOwner = actor('client-a', 'client', ['engagement_owner'], { userId: 'client-a-someone-else' });
    expect(can(otherOwner, 'engagement.read', engagement)).toEqual({ allowed: false, reason: 'not_assigned' });
  });

  it('only the owners and admins of a client create engagements; anyone lists their own', () => {
    expect(
      can(actor('client-a', 'client', ['engagement_owner']), 'engagement.create', { type: 'engagements', orgId: 'client-a' }).allowed,
    ).toBe(true);
    expect(can(actor('client-a', 'client', ['reviewer']), 'engagement.create', { type: 'engagements', orgId: 'client-a' }).allowed).toBe(
      false,
    );
    expect(
      can(actor('prov-p', 'provider', ['provider_admin']), 'engagement.create', { type: 'engagements', orgId: 'prov-p' }).allowed,
    ).toBe(false);
    expect(can(actor('prov-p', 'provider', ['analyst']), 'engagement.list', { type: 'engagements', orgId: 'prov-p' }).allowed).toBe(true);
    expect(can(actor('prov-p', 'provider', ['analyst']), 'engagement.list', { type: 'engagements', orgId: 'client-a' }).allowed).toBe(
      false,
    );
  });

  it('a client sees its own engagements and never another client’s', () => {
    expect(can(actor('client-a', 'client', ['reviewer']), 'engagement.read', engagement).allowed).toBe(true);
    expect(can(actor('client-a', 'client', ['client_admin'], { userId: 'admin' }), 'engagement.read', engagement).allowed).toBe(true);
    expect(can(actor('client-b', 'client', ['client_admin']), 'engagement.read', engagement).allowed).toBe(false);
  });

  it('an API token acts only within its scopes', () => {
    const readOnly = actor('a', 'client', ['client_admin'], { via: 'token', scopes: ['read'] });
    expect(can(readOnly, 'member.list', { type: 'organization', orgId: 'a' }).allowed).toBe(true);
    expect(can(readOnly, 'engagement.create', { type: 'engagements', orgId: 'a' })).toEqual({ allowed: false, reason: 'token_scope' });
    expect(can({ ...readOnly, scopes: ['read', 'write'] }, 'engagement.create', { type: 'engagements', orgId: 'a' }).allowed).toBe(true);
    // Administration is never for tokens, whatever their scopes.
    expect(can({ ...readOnly, scopes: ['read', 'write'] }, 'member.invite', { type: 'organization', orgId: 'a' })).toEqual({
      allowed: false,
      reason: 'session_required',
    });
  });

  it('API tokens cannot manage API tokens (no escalation by token)', () => {
    const token = actor('a', 'client', ['client_admin'], { via: 'token', scopes: ['read', 'write'] });
    expect(can(token, 'token.create', { type: 'api_token', ownerUserId: token.userId })).toEqual({
      allowed: false,
      reason: 'session_required',
    });
  });

  it('the operator administers organisations but has no rule for their engagements', () => {
    const op = actor('op', 'operator', ['platform_admin']);
    expect(can(op, 'member.invite', { type: 'organization', orgId: 'client-a' }).allowed).toBe(true);
    expect(can(op, 'engagement.read', engagement).allowed).toBe(false);
  });

  it('authorize throws forbidden with the reason', () => {
    expect(() => authorize(actor('b', 'client', ['client_admin']), 'member.list', { type: 'organization', orgId: 'a' })).toThrowError(
      expect.objectContaining({ code: 'forbidden', reason: 'other_organization' }),
    );
  });

  it('the system actor (CLI, jobs) is allowed', () => {
    expect(can({ kind: 'system', label: 'cli' }, 'instance.org.create', { type: 'instance' }).allowed).toBe(true);
  });
});
