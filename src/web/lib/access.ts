import type { MembershipView, OrgPermission } from '../../shared/contracts/identity';

/**
 * What the active membership may open in the UI: exactly the permissions the server's policy gave
 * it in the session (src/core/access/policy.ts `permissionsOf`). The UI never works them out again
 * from the roles; it shows the doors the server says will open, and the server still decides
 * every request.
 */
export type Permission = OrgPermission;

type Membership = Pick<MembershipView, 'orgId' | 'permissions'>;

export function can(membership: Membership | undefined, permission: Permission): boolean {
  return membership?.permissions.includes(permission) ?? false;
}

/** Members of the active organisation are managed by its admins; of any other, only by the operator. */
export function canManageMembersOf(membership: Membership | undefined, orgId: string): boolean {
  if (!membership) return false;
  return can(membership, membership.orgId === orgId ? 'members.manage' : 'organizations.manage');
}

export type NavKey = 'home' | 'engagements' | 'providers' | 'members' | 'organizations' | 'audit' | 'settings';
export interface NavItem {
  key: NavKey;
  path: string;
}

/** The navbar of the active membership: only the pages it may open. */
export function navigationFor(membership: Membership | undefined): NavItem[] {
  const items: (NavItem & { needs?: Permission })[] = [
    { key: 'home', path: '/' },
    { key: 'engagements', path: '/engagements', needs: 'engagements.list' },
    { key: 'providers', path: '/providers', needs: 'scorecards.read' },
    { key: 'members', path: '/members', needs: 'members.manage' },
    { key: 'organizations', path: '/organizations', needs: 'organizations.manage' },
    { key: 'audit', path: '/audit', needs: 'audit.read' },
    { key: 'settings', path: '/settings' },
  ];
  return items.filter((i) => i.needs === undefined || can(membership, i.needs)).map(({ key, path }) => ({ key, path }));
}
