import type { AuditFilterQuery } from './endpoints';

/** Cache keys, one place, so changes invalidate exactly what they touch. */
export const queryKeys = {
  organizations: ['organizations'] as const,
  organization: (orgId: string) => ['organizations', orgId] as const,
  members: (orgId: string) => ['members', orgId] as const,
  invitations: (orgId: string) => ['invitations', orgId] as const,
  invitationPreview: (token: string) => ['invitation-preview', token] as const,
  tokens: ['tokens'] as const,
  audit: (filters: AuditFilterQuery) => ['audit', filters] as const,
};
