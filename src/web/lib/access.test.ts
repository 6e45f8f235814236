import { describe, expect, it } from 'vitest';
import type { OrgKind, Role } from '../../shared/roles';
import { can, canManageMembersOf, navigationFor } from './access';

const member = (orgKind: OrgKind, ...roles: Role[]) => ({ orgId: 'org-1', orgKind, roles });
const navKeys = (m: ReturnType<typeof member> | undefined) => navigationFor(m).map((i) => i.key);

describe('navigationFor', () => {
  it('shows an analyst home, engagements and settings', () => {
    expect(navKeys(member('provider', 'analyst'))).toEqual(['home', 'engagements', 'settings']);
  });

  it('gives org admins members and the audit log', () => {
    expect(navKeys(member('client', 'client_admin'))).toEqual(['home', 'engagements', 'providers', 'members', 'audit', 'settings']);
    expect(navKeys(member('provider', 'provider_admin'))).toEqual(['home', 'engagements', 'members', 'audit', 'settings']);
  });

  it('gives auditors the audit log but not members', () => {
    expect(navKeys(member('client', 'auditor'))).toEqual(['home', 'engagements', 'providers', 'audit', 'settings']);
  });

  it('gives the platform admin organisations too', () => {
    expect(navKeys(member('operator', 'platform_admin'))).toEqual(['home', 'members', 'organizations', 'audit', 'settings']);
  });

  it('does not treat a client role as admin of a provider', () => {
    expect(navKeys(member('provider', 'client_admin'))).toEqual(['home', 'engagements', 'settings']);
  });

  it('shows the basics while no membership is known', () => {
    expect(navKeys(undefined)).toEqual(['home', 'settings']);
  });
});

describe('engagements in the navigation', () => {
  it('gives client and provider people the engagement list, and the operator none', () => {
    expect(navKeys(member('client', 'reviewer'))).toEqual(['home', 'engagements', 'settings']);
    expect(navKeys(member('provider', 'delivery_manager'))).toEqual(['home', 'engagements', 'settings']);
    expect(navKeys(member('operator', 'auditor'))).not.toContain('engagements');
  });

  it('shows provider scorecards to the client roles that may read them', () => {
    expect(navKeys(member('client', 'engagement_owner'))).toContain('providers');
    expect(navKeys(member('client', 'finance'))).toContain('providers');
    expect(navKeys(member('client', 'reviewer'))).not.toContain('providers');
    expect(navKeys(member('provider', 'provider_admin'))).not.toContain('providers');
  });

  it('lets only client admins and engagement owners write a brief', () => {
    expect(can(member('client', 'engagement_owner'), 'createEngagement')).toBe(true);
    expect(can(member('client', 'client_admin'), 'createEngagement')).toBe(true);
    expect(can(member('client', 'reviewer'), 'createEngagement')).toBe(false);
    expect(can(member('provider', 'delivery_manager'), 'createEngagement')).toBe(false);
  });
});

describe('can', () => {
  it('lets only operator auditors and platform admins read the whole instance log', () => {
    expect(can(member('operator', 'auditor'), 'readInstanceAuditLog')).toBe(true);
    expect(can(member('operator', 'platform_admin'), 'readInstanceAuditLog')).toBe(true);
    expect(can(member('client', 'auditor'), 'readInstanceAuditLog')).toBe(false);
    expect(can(member('client', 'client_admin'), 'readInstanceAuditLog')).toBe(false);
  });
});

describe('canManageMembersOf', () => {
  it('lets an admin manage their own organisation only', () => {
    expect(canManageMembersOf(member('client', 'client_admin'), 'org-1')).toBe(true);
    expect(canManageMembersOf(member('client', 'client_admin'), 'org-2')).toBe(false);
  });

  it('lets the platform admin manage any organisation', () => {
    expect(canManageMembersOf(member('operator', 'platform_admin'), 'org-2')).toBe(true);
    expect(canManageMembersOf(member('operator', 'auditor'), 'org-2')).toBe(false);
  });
});

describe('webhooks', () => {
  it('are managed by the administrators of a client or provider, not by other roles or the operator', () => {
    expect(can(member('client', 'client_admin'), 'manageWebhooks')).toBe(true);
    expect(can(member('provider', 'provider_admin'), 'manageWebhooks')).toBe(true);
    expect(can(member('client', 'engagement_owner'), 'manageWebhooks')).toBe(false);
    expect(can(member('provider', 'delivery_manager'), 'manageWebhooks')).toBe(false);
    expect(can(member('operator', 'platform_admin'), 'manageWebhooks')).toBe(false);
  });
});
