import type {
  ConflictReport,
  DeclarationsRequest,
  DeclarationsView,
  OverrideRequest,
  RestrictedListRequest,
  RestrictedListView,
  SubjectsRequest,
  SubjectsView,
} from '../../shared/contracts/conflicts';
import { apiRequest } from './client';

const e = (id: string) => `/api/engagements/${encodeURIComponent(id)}`;
const list = (orgId: string) => `/api/organizations/${encodeURIComponent(orgId)}/restricted-list`;

/** Conflict walls (src/server/routes/conflicts.ts). */
export const conflictsApi = {
  myDeclarations: () => apiRequest<DeclarationsView>('GET', '/api/conflict-declarations'),
  saveMyDeclarations: (body: DeclarationsRequest) => apiRequest<DeclarationsView>('PUT', '/api/conflict-declarations', { body }),
  restrictedList: (orgId: string) => apiRequest<RestrictedListView>('GET', list(orgId)),
  saveRestrictedList: (orgId: string, body: RestrictedListRequest) => apiRequest<RestrictedListView>('PUT', list(orgId), { body }),
  subjects: (id: string) => apiRequest<SubjectsView>('GET', `${e(id)}/conflict-subjects`),
  setSubjects: (id: string, body: SubjectsRequest) => apiRequest<SubjectsView>('PUT', `${e(id)}/conflict-subjects`, { body }),
  report: (id: string) => apiRequest<ConflictReport>('GET', `${e(id)}/conflicts`),
  override: (id: string, body: OverrideRequest) => apiRequest<ConflictReport>('POST', `${e(id)}/conflicts/overrides`, { body }),
};

/** Cache keys: the engagement's under the engagement (one invalidation refreshes the page); the rest on their own. */
export const conflictKeys = {
  mine: ['conflicts', 'mine'] as const,
  restrictedList: (orgId: string) => ['conflicts', 'restricted-list', orgId] as const,
  subjects: (id: string) => ['engagements', 'one', id, 'conflict-subjects'] as const,
  report: (id: string) => ['engagements', 'one', id, 'conflicts'] as const,
};
