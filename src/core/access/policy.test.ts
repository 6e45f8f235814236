import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/roles.js';
import type { UserActor } from './actor.js';
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

const facts = {
  clientOrgId: 'client-a',
  ownerUserId: 'client-a-engagement_owner',
  clientTeamUserIds: ['client-a-engagement_owner', 'client-a-reviewer'],
  invitedProviderOrgIds: ['prov-p', 'prov-q'],
  awardedProviderOrgId: 'prov-p',
  providerTeamUserIds: ['prov-p-analyst'],
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

  it('a provider that bid and lost sees the brief and its own proposal, never the work', () => {
    const loser = actor('prov-q', 'provider', ['delivery_manager']);
    expect(can(loser, 'engagement.read', engagement).allowed).toBe(true);
    expect(can(loser, 'sow.read', engagement)).toEqual({ allowed: false, reason: 'missing_role' });
    expect(can(loser, 'question.ask', engagement).allowed).toBe(false);
    expect(can(actor('prov-q', 'provider', ['analyst']), 'engagement.read', engagement).allowed).toBe(false);
  });

  it('on the client side: the owner leads, reviewers and finance follow, others in the client see nothing', () => {
    expect(can(actor('client-a', 'client', ['engagement_owner']), 'proposal.award', engagement).allowed).toBe(true);
    expect(can(actor('client-a', 'client', ['reviewer']), 'proposal.award', engagement)).toEqual({
      allowed: false,
      reason: 'missing_role',
    });
    expect(can(actor('client-a', 'client', ['reviewer']), 'proposal.read_all', engagement).allowed).toBe(true);
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
