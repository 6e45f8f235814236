import type {
  AllocationRequest,
  AllocationView,
  CapacityBoardView,
  LeaveRequest,
  LeaveView,
  PersonCapacityView,
  StrainView,
} from '../../shared/contracts/capacity';
import { apiRequest } from './client';

/** The capacity API (src/server/routes/capacity.ts): one function per route. */

const org = (orgId: string) => `/api/organizations/${encodeURIComponent(orgId)}`;
const person = (orgId: string, userId: string) => `${org(orgId)}/people/${encodeURIComponent(userId)}`;

export interface BoardRange {
  from?: string;
  to?: string;
}

export const capacityApi = {
  board: (orgId: string, range: BoardRange = {}) =>
    apiRequest<CapacityBoardView>('GET', `${org(orgId)}/capacity-board`, { query: { from: range.from, to: range.to } }),
  personBoard: (orgId: string, userId: string, range: BoardRange = {}) =>
    apiRequest<CapacityBoardView>('GET', `${person(orgId, userId)}/capacity-board`, { query: { from: range.from, to: range.to } }),
  strain: (orgId: string, userId: string) => apiRequest<StrainView>('GET', `${person(orgId, userId)}/strain`),
  capacity: (orgId: string, userId: string) => apiRequest<PersonCapacityView>('GET', `${person(orgId, userId)}/capacity`),
  addLeave: (orgId: string, userId: string, body: LeaveRequest) =>
    apiRequest<LeaveView>('POST', `${person(orgId, userId)}/leave`, { body }),
  plan: (orgId: string, userId: string, body: AllocationRequest) =>
    apiRequest<AllocationView>('PUT', `${person(orgId, userId)}/allocations`, { body }),
  preview: (orgId: string, userId: string, body: AllocationRequest) =>
    apiRequest<AllocationView>('POST', `${person(orgId, userId)}/allocations/preview`, { body }),
};

export const capacityKeys = {
  all: ['capacity'] as const,
  board: (orgId: string, from: string) => ['capacity', 'board', orgId, from] as const,
  strain: (orgId: string, userId: string) => ['capacity', 'strain', orgId, userId] as const,
  preview: (orgId: string, userId: string, engagementId: string, minutesPerWeek: number) =>
    ['capacity', 'preview', orgId, userId, engagementId, minutesPerWeek] as const,
};
