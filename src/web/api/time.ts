import type {
  BulkApproveRequest,
  BulkApproveResult,
  EngagementTimeView,
  HiddenCostView,
  InternalRatesRequest,
  InternalRatesView,
  LoadView,
  PendingTimesheetsView,
  ProviderHiddenCostView,
  SuggestionAccept,
  SuggestionDismiss,
  TimeEntryInput,
  TimeEntryView,
  TimeSuggestionsView,
  TimesheetView,
} from '../../shared/contracts/time';
import { apiRequest } from './client';

/** The time API (src/server/routes/time.ts): one function per route. */

const engagement = (id: string) => `/api/engagements/${encodeURIComponent(id)}`;
const org = (orgId: string) => `/api/organizations/${encodeURIComponent(orgId)}`;
const person = (orgId: string, userId: string) => `${org(orgId)}/people/${encodeURIComponent(userId)}`;
const week = (orgId: string, userId: string, monday: string) => `${person(orgId, userId)}/timesheets/${encodeURIComponent(monday)}`;

export const timeApi = {
  log: (engagementId: string, body: TimeEntryInput) =>
    apiRequest<TimeEntryView>('POST', `${engagement(engagementId)}/time-entries`, { body }),
  import: (engagementId: string, csv: string) =>
    apiRequest<{ entries: TimeEntryView[] }>('POST', `${engagement(engagementId)}/time-entries/import`, { body: { csv } }),
  engagementTime: (engagementId: string) => apiRequest<EngagementTimeView>('GET', `${engagement(engagementId)}/time-entries`),
  hiddenCost: (engagementId: string) => apiRequest<HiddenCostView>('GET', `${engagement(engagementId)}/hidden-cost`),
  week: (orgId: string, userId: string, monday: string) => apiRequest<TimesheetView>('GET', week(orgId, userId, monday)),
  move: (orgId: string, userId: string, monday: string, move: 'submit' | 'approve' | 'return', body: { version: number; note?: string }) =>
    apiRequest<TimesheetView>('POST', `${week(orgId, userId, monday)}/${move}`, { body }),
  suggestions: (orgId: string, userId: string, monday: string) =>
    apiRequest<TimeSuggestionsView>('GET', `${person(orgId, userId)}/time-suggestions/${encodeURIComponent(monday)}`),
  acceptSuggestion: (engagementId: string, body: SuggestionAccept) =>
    apiRequest<TimeEntryView>('POST', `${engagement(engagementId)}/time-suggestions/accept`, { body }),
  dismissSuggestion: (engagementId: string, body: SuggestionDismiss) =>
    apiRequest<{ dismissed: boolean }>('POST', `${engagement(engagementId)}/time-suggestions/dismiss`, { body }),
  pending: (orgId: string) => apiRequest<PendingTimesheetsView>('GET', `${org(orgId)}/timesheets`),
  approveMany: (orgId: string, body: BulkApproveRequest) =>
    apiRequest<BulkApproveResult>('POST', `${org(orgId)}/timesheets/approve`, { body }),
  providerHiddenCost: (orgId: string) => apiRequest<ProviderHiddenCostView>('GET', `${org(orgId)}/hidden-cost`),
  load: (orgId: string, userId: string, query: { from?: string; to?: string } = {}) =>
    apiRequest<LoadView>('GET', `${person(orgId, userId)}/load`, { query }),
  rates: (orgId: string) => apiRequest<InternalRatesView>('GET', `${org(orgId)}/internal-rates`),
  saveRates: (orgId: string, body: InternalRatesRequest) => apiRequest<InternalRatesView>('PUT', `${org(orgId)}/internal-rates`, { body }),
};

export const timeKeys = {
  all: ['time'] as const,
  week: (orgId: string, userId: string, monday: string) => ['time', 'week', orgId, userId, monday] as const,
  pending: (orgId: string) => ['time', 'pending', orgId] as const,
  suggestions: (orgId: string, userId: string, monday: string) => ['time', 'suggestions', orgId, userId, monday] as const,
  load: (orgId: string, userId: string) => ['time', 'load', orgId, userId] as const,
  rates: (orgId: string) => ['time', 'rates', orgId] as const,
  providerHiddenCost: (orgId: string) => ['time', 'hidden-cost', orgId] as const,
  /** Under the engagement, so refreshing the engagement refreshes them. */
  engagementTime: (engagementId: string) => ['engagements', 'one', engagementId, 'time'] as const,
  hiddenCost: (engagementId: string) => ['engagements', 'one', engagementId, 'hidden-cost'] as const,
};
