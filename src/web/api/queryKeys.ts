import type { AuditFilterQuery } from './endpoints';
import type { EngagementListFilters } from './engagements';
import type { AnalysisView } from './financialModels';

/** Cache keys, one place, so changes invalidate exactly what they touch. */
export const queryKeys = {
  organizations: ['organizations'] as const,
  organization: (orgId: string) => ['organizations', orgId] as const,
  members: (orgId: string) => ['members', orgId] as const,
  invitations: (orgId: string) => ['invitations', orgId] as const,
  invitationPreview: (token: string) => ['invitation-preview', token] as const,
  tokens: ['tokens'] as const,
  webhooks: (orgId: string) => ['webhooks', orgId] as const,
  audit: (filters: AuditFilterQuery) => ['audit', filters] as const,
  engagements: ['engagements'] as const,
  engagementList: (filters: EngagementListFilters, page: number) => ['engagements', 'list', filters, page] as const,
  /** Everything about one engagement starts with this, so one invalidation refreshes the page. */
  engagement: (id: string) => ['engagements', 'one', id] as const,
  engagementPart: (id: string, part: EngagementPart) => ['engagements', 'one', id, part] as const,
  /** An engagement's financial models: under the engagement, so refreshing it refreshes them. */
  models: (id: string) => ['engagements', 'one', id, 'models'] as const,
  model: (id: string, modelId: string) => ['engagements', 'one', id, 'models', modelId] as const,
  modelVersion: (id: string, modelId: string, version: number) => ['engagements', 'one', id, 'models', modelId, 'v', version] as const,
  modelComments: (id: string, modelId: string, version: number) =>
    ['engagements', 'one', id, 'models', modelId, 'v', version, 'comments'] as const,
  modelAnalysis: (id: string, modelId: string, version: number, view: AnalysisView) =>
    ['engagements', 'one', id, 'models', modelId, 'v', version, 'analysis', view] as const,
  modelCompare: (id: string, modelId: string, from: number, to: number) =>
    ['engagements', 'one', id, 'models', modelId, 'compare', from, to] as const,
  /** A draft's analysis depends on nothing saved: keyed by the draft itself, outside the engagement. */
  draftAnalysis: (id: string, modelId: string, draft: unknown, view: AnalysisView) =>
    ['model-draft-analysis', id, modelId, draft, view] as const,
  /** An engagement's document vault and its access review: under the engagement, so refreshing it refreshes them. */
  documents: (id: string) => ['engagements', 'one', id, 'documents'] as const,
  accessReview: (id: string) => ['engagements', 'one', id, 'access-review'] as const,
  providerDirectory: ['providers', 'directory'] as const,
  scorecards: ['providers', 'scorecards'] as const,
  notifications: ['notifications'] as const,
};

export type EngagementPart = 'proposals' | 'sow' | 'milestones' | 'updates' | 'questions' | 'changes' | 'control';
