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

/** Whether the membership has at least one of the permissions (a page with several doors in). */
export function canAny(membership: Membership | undefined, permissions: readonly Permission[]): boolean {
  return permissions.some((p) => can(membership, p));
}

/** Members of the active organisation are managed by its admins; of any other, only by the operator. */
export function canManageMembersOf(membership: Membership | undefined, orgId: string): boolean {
  if (!membership) return false;
  return can(membership, membership.orgId === orgId ? 'members.manage' : 'organizations.manage');
}

export type NavKey =
  | 'home'
  | 'engagements'
  | 'reviews'
  | 'calibration'
  | 'providers'
  | 'members'
  | 'organizations'
  | 'audit'
  | 'rubrics'
  | 'timesheet'
  | 'approvals'
  | 'load'
  | 'capacity'
  | 'settings';
export interface NavItem {
  key: NavKey;
  path: string;
}

/** The doors of the calibration page: taking part in rounds, or running them. */
export const CALIBRATION_PERMISSIONS: readonly Permission[] = ['calibration.take', 'calibration.manage'];

/** The navbar of the active membership: only the pages it may open (`needs`: any one of them). */
export function navigationFor(membership: Membership | undefined): NavItem[] {
  const items: (NavItem & { needs?: readonly Permission[] })[] = [
    { key: 'home', path: '/' },
    { key: 'engagements', path: '/engagements', needs: ['engagements.list'] },
    { key: 'reviews', path: '/reviews', needs: ['reviews.queue'] },
    { key: 'calibration', path: '/calibration', needs: CALIBRATION_PERMISSIONS },
    { key: 'providers', path: '/providers', needs: ['scorecards.read'] },
    { key: 'members', path: '/members', needs: ['members.manage'] },
    { key: 'organizations', path: '/organizations', needs: ['organizations.manage'] },
    { key: 'audit', path: '/audit', needs: ['audit.read'] },
    // Rubric templates are kept with rubrics.manage; the people who review against them read them too.
    { key: 'rubrics', path: '/settings/rubrics', needs: ['rubrics.manage', 'reviews.queue'] },
    // Time (#14): one's own week and load; the weeks waiting for those who approve them.
    { key: 'timesheet', path: '/time', needs: ['time.own'] },
    { key: 'approvals', path: '/time/approvals', needs: ['time.approve'] },
    { key: 'load', path: '/time/load', needs: ['load.own'] },
    // Capacity (#14): the provider's people × weeks, for its delivery managers and admin.
    { key: 'capacity', path: '/capacity', needs: ['capacity.board'] },
    { key: 'settings', path: '/settings' },
  ];
  return items.filter((i) => i.needs === undefined || canAny(membership, i.needs)).map(({ key, path }) => ({ key, path }));
}
