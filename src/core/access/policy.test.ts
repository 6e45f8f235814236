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

const engagement = {
  type: 'engagement' as const,
  clientOrgId: 'client-a',
  providerOrgId: 'prov-p',
  assignedProviderUserIds: ['prov-p-analyst'],
};

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
    expect(can(actor('prov-q', 'provider', ['provider_admin']), 'engagement.read', engagement)).toEqual({
      allowed: false,
      reason: 'other_organization',
    });
  });

  it('a client sees its own engagements and never another client’s', () => {
    expect(can(actor('client-a', 'client', ['reviewer']), 'engagement.read', engagement).allowed).toBe(true);
    expect(can(actor('client-b', 'client', ['client_admin']), 'engagement.read', engagement).allowed).toBe(false);
  });

  it('an API token acts only within its scopes', () => {
    const readOnly = actor('a', 'client', ['client_admin'], { via: 'token', scopes: ['read'] });
    expect(can(readOnly, 'member.list', { type: 'organization', orgId: 'a' }).allowed).toBe(true);
    expect(can(readOnly, 'member.invite', { type: 'organization', orgId: 'a' })).toEqual({ allowed: false, reason: 'token_scope' });
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
