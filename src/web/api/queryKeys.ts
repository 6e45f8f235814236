import type { AuditFilterQuery } from './endpoints';
import type { EngagementListFilters } from './engagements';

/** Cache keys, one place, so changes invalidate exactly what they touch. */
export const queryKeys = {
  organizations: ['organizations'] as const,
  organization: (orgId: string) => ['organizations', orgId] as const,
  members: (orgId: string) => ['members', orgId] as const,
  invitations: (orgId: string) => ['invitations', orgId] as const,
  invitationPreview: (token: string) => ['invitation-preview', token] as const,
  tokens: ['tokens'] as const,
  audit: (filters: AuditFilterQuery) => ['audit', filters] as const,
  engagements: ['engagements'] as const,
  engagementList: (filters: EngagementListFilters, page: number) => ['engagements', 'list', filters, page] as const,
  /** Everything about one engagement starts with this, so one invalidation refreshes the page. */
  engagement: (id: string) => ['engagements', 'one', id] as const,
  engagementPart: (id: string, part: EngagementPart) => ['engagements', 'one', id, part] as const,
  providerDirectory: ['providers', 'directory'] as const,
  scorecards: ['providers', 'scorecards'] as const,
  notifications: ['notifications'] as const,
};

export type EngagementPart = 'proposals' | 'sow' | 'milestones' | 'updates' | 'questions' | 'changes' | 'control';
