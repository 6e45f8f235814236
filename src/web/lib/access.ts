import type { MembershipView } from '../../shared/contracts/identity';
import { adminRoleByOrgKind, type Role } from '../../shared/roles';

/**
 * What the active membership may open in the UI. These mirror the server's policy
 * (src/core/access/policy.ts) so people are not shown doors that will not open; the server
 * still decides every request.
 */
export type Permission =
  | 'manageMembers'
  | 'manageOrganizations'
  | 'readAuditLog'
  | 'readInstanceAuditLog'
  | 'listEngagements'
  | 'createEngagement'
  | 'readScorecards'
  | 'manageWebhooks';

type Membership = Pick<MembershipView, 'orgId' | 'orgKind' | 'roles'>;

const has = (m: Membership, ...roles: Role[]) => roles.some((r) => m.roles.includes(r));

export const isOrgAdmin = (m: Membership): boolean => has(m, adminRoleByOrgKind[m.orgKind]);

const rules: Record<Permission, (m: Membership) => boolean> = {
  manageMembers: isOrgAdmin,
  manageOrganizations: (m) => m.orgKind === 'operator' && has(m, 'platform_admin'),
  readAuditLog: (m) => has(m, 'auditor') || isOrgAdmin(m),
  readInstanceAuditLog: (m) => m.orgKind === 'operator' && has(m, 'platform_admin', 'auditor'),
  // Everyone of a client or provider sees the engagements they stand on; the operator none.
  listEngagements: (m) => m.orgKind === 'client' || m.orgKind === 'provider',
  createEngagement: (m) => m.orgKind === 'client' && has(m, 'client_admin', 'engagement_owner'),
  readScorecards: (m) => m.orgKind === 'client' && has(m, 'client_admin', 'engagement_owner', 'finance', 'auditor'),
  // Engagement events go to client and provider organisations; their administrators wire them up.
  manageWebhooks: (m) => m.orgKind !== 'operator' && isOrgAdmin(m),
};

export function can(membership: Membership | undefined, permission: Permission): boolean {
  return membership !== undefined && rules[permission](membership);
}

/** Members of the active organisation are managed by its admins; of any other, only by the operator. */
export function canManageMembersOf(membership: Membership | undefined, orgId: string): boolean {
  if (!membership) return false;
  return membership.orgId === orgId ? isOrgAdmin(membership) : can(membership, 'manageOrganizations');
}

export type NavKey = 'home' | 'engagements' | 'providers' | 'members' | 'organizations' | 'audit' | 'settings';
export interface NavItem {
  key: NavKey;
  path: string;
}

/** The navbar of the active membership: only the pages its roles open. */
export function navigationFor(membership: Membership | undefined): NavItem[] {
  const items: (NavItem & { needs?: Permission })[] = [
    { key: 'home', path: '/' },
    { key: 'engagements', path: '/engagements', needs: 'listEngagements' },
    { key: 'providers', path: '/providers', needs: 'readScorecards' },
    { key: 'members', path: '/members', needs: 'manageMembers' },
    { key: 'organizations', path: '/organizations', needs: 'manageOrganizations' },
    { key: 'audit', path: '/audit', needs: 'readAuditLog' },
    { key: 'settings', path: '/settings' },
  ];
  return items.filter((i) => i.needs === undefined || can(membership, i.needs)).map(({ key, path }) => ({ key, path }));
}
