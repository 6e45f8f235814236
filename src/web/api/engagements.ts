import type { LoadEffectView } from '../../shared/contracts/capacity';
import type {
  ChangeRequestView,
  ChangeSet,
  ControlFigures,
  CreateEngagementRequest,
  EngagementList,
  EngagementPage,
  EngagementStatus,
  EngagementType,
  EngagementView,
  MilestoneView,
  ProposalInput,
  ProposalView,
  ProviderScorecard,
  QuestionView,
  RiskFlag,
  SowContent,
  SowView,
  StatusUpdateInput,
  StatusUpdateView,
  TransitionAction,
  UpdateBriefRequest,
} from '../../shared/contracts/engagements';
import type { ProviderProposalView, StaffingPlanInput } from '../../shared/contracts/staffing';
import { apiRequest } from './client';

/** The engagements API (src/server/routes/engagements.ts): one function per route. */

export interface EngagementListFilters {
  status?: readonly EngagementStatus[];
  type?: readonly EngagementType[];
  risk?: readonly RiskFlag[];
  providerOrgId?: string | undefined;
  q?: string | undefined;
}

export interface OrgRef {
  orgId: string;
  name: string;
}

export type TeamRole = 'owner' | 'reviewer' | 'lead' | 'analyst';
export type MilestoneMove = 'start' | 'submit' | 'accept' | 'send_back';
export type ChangeDecision = 'approve' | 'reject' | 'withdraw';

const list = (values: readonly string[] | undefined) => (values && values.length > 0 ? values.join(',') : undefined);
const e = (id: string) => `/api/engagements/${encodeURIComponent(id)}`;
const sub = (id: string, path: string) => `${e(id)}/${path}`;

export const engagementsApi = {
  list: (filters: EngagementListFilters, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    apiRequest<EngagementList>('GET', '/api/engagements', {
      query: {
        status: list(filters.status),
        type: list(filters.type),
        risk: list(filters.risk),
        providerOrgId: filters.providerOrgId,
        q: filters.q,
        limit: page.limit,
        offset: page.offset,
      },
      ...(signal && { signal }),
    }),
  create: (body: CreateEngagementRequest) => apiRequest<EngagementView>('POST', '/api/engagements', { body }),
  /** The engagement, or for a provider whose bid is over, how it ended. */
  get: (id: string) => apiRequest<EngagementPage>('GET', e(id)),
  updateBrief: (id: string, body: UpdateBriefRequest) => apiRequest<EngagementView>('PATCH', e(id), { body }),
  inviteProviders: (id: string, providerOrgIds: string[]) =>
    apiRequest<EngagementView>('POST', sub(id, 'providers'), { body: { providerOrgIds } }),
  transition: (id: string, body: { action: TransitionAction; reason?: string; version: number }) =>
    apiRequest<EngagementView>('POST', sub(id, 'transitions'), { body }),
  /** With a plan (provider people), the answer carries what it does to the person's load (`loadEffect`). */
  assign: (id: string, body: { userId: string; role: TeamRole; plan?: { minutesPerWeek: number; to?: string; overrideReason?: string } }) =>
    apiRequest<EngagementView & { loadEffect?: LoadEffectView }>('POST', sub(id, 'team'), { body }),
  unassign: (id: string, userId: string) => apiRequest<EngagementView>('DELETE', sub(id, `team/${encodeURIComponent(userId)}`)),
};

export const providersApi = {
  directory: () => apiRequest<OrgRef[]>('GET', '/api/providers'),
  scorecards: () => apiRequest<ProviderScorecard[]>('GET', '/api/providers/scorecards'),
};

export const proposalsApi = {
  /** The client's proposals are `ProposalView`s; a provider's own carry its internal staffing plan too. */
  list: (id: string) => apiRequest<(ProposalView | ProviderProposalView)[]>('GET', sub(id, 'proposals')),
  /** `staffing` replaces the proposal's internal staffing plan (left alone when not given). */
  save: (id: string, proposal: ProposalInput, version: number, staffing?: StaffingPlanInput) =>
    apiRequest<ProviderProposalView>('PUT', sub(id, 'proposal'), { body: { proposal, version, ...(staffing && { staffing }) } }),
  submit: (id: string, version: number) => apiRequest<ProviderProposalView>('POST', sub(id, 'proposal/submit'), { body: { version } }),
  withdraw: (id: string, version: number) => apiRequest<ProviderProposalView>('POST', sub(id, 'proposal/withdraw'), { body: { version } }),
  award: (id: string, proposalId: string, version: number) =>
    apiRequest<EngagementView>('POST', sub(id, 'award'), { body: { proposalId, version } }),
};

export const sowApi = {
  get: (id: string) => apiRequest<SowView>('GET', sub(id, 'sow')),
  revise: (id: string, content: SowContent, baseVersion: number) =>
    apiRequest<SowView>('PUT', sub(id, 'sow'), { body: { content, baseVersion } }),
  approve: (id: string, version: number) => apiRequest<SowView>('POST', sub(id, 'sow/approve'), { body: { version } }),
};

export const workApi = {
  milestones: (id: string) => apiRequest<MilestoneView[]>('GET', sub(id, 'milestones')),
  moveMilestone: (id: string, milestoneId: string, action: MilestoneMove, comment?: string) => {
    const path = action === 'start' || action === 'submit' ? 'progress' : 'decision';
    const body = { action, ...(comment?.trim() && { comment }) };
    return apiRequest<MilestoneView[]>('POST', sub(id, `milestones/${encodeURIComponent(milestoneId)}/${path}`), { body });
  },
  updates: (id: string) => apiRequest<StatusUpdateView[]>('GET', sub(id, 'updates')),
  postUpdate: (id: string, body: StatusUpdateInput) => apiRequest<StatusUpdateView[]>('POST', sub(id, 'updates'), { body }),
  questions: (id: string) => apiRequest<QuestionView[]>('GET', sub(id, 'questions')),
  ask: (id: string, body: { title: string; body: string; assigneeUserId: string | null }) =>
    apiRequest<QuestionView[]>('POST', sub(id, 'questions'), { body }),
  reply: (id: string, questionId: string, body: string) =>
    apiRequest<QuestionView[]>('POST', sub(id, `questions/${encodeURIComponent(questionId)}/answers`), { body: { body } }),
  closeQuestion: (id: string, questionId: string) =>
    apiRequest<QuestionView[]>('POST', sub(id, `questions/${encodeURIComponent(questionId)}/close`)),
  changeRequests: (id: string) => apiRequest<ChangeRequestView[]>('GET', sub(id, 'change-requests')),
  proposeChange: (id: string, body: { summary: string; reason: string; changes: ChangeSet }) =>
    apiRequest<ChangeRequestView[]>('POST', sub(id, 'change-requests'), { body }),
  decideChange: (id: string, changeId: string, decision: ChangeDecision, comment?: string) =>
    apiRequest<ChangeRequestView[]>('POST', sub(id, `change-requests/${encodeURIComponent(changeId)}/decision`), {
      body: { decision, ...(comment?.trim() && { comment }) },
    }),
  control: (id: string) => apiRequest<ControlFigures>('GET', sub(id, 'control')),
};
