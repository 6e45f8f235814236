import { z } from 'zod';

export const orgKinds = ['client', 'provider', 'operator'] as const;
export const orgKindSchema = z.enum(orgKinds);
export type OrgKind = z.infer<typeof orgKindSchema>;

export const roles = [
  'client_admin',
  'engagement_owner',
  'reviewer',
  'finance',
  'provider_admin',
  'delivery_manager',
  'analyst',
  'auditor',
  'platform_admin',
] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Which roles a membership may hold, by the kind of organisation it is in. */
export const rolesByOrgKind: Record<OrgKind, readonly Role[]> = {
  client: ['client_admin', 'engagement_owner', 'reviewer', 'finance', 'auditor'],
  provider: ['provider_admin', 'delivery_manager', 'analyst', 'auditor'],
  operator: ['platform_admin', 'auditor'],
};

/** The role that administers members of an organisation of that kind. */
export const adminRoleByOrgKind: Record<OrgKind, Role> = {
  client: 'client_admin',
  provider: 'provider_admin',
  operator: 'platform_admin',
};

/** The roles in `wanted` that an organisation of this kind cannot grant. */
export function rolesNotAllowedFor(kind: OrgKind, wanted: readonly Role[]): Role[] {
  const allowed = rolesByOrgKind[kind];
  return wanted.filter((r) => !allowed.includes(r));
}
