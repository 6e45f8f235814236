import {
  type EngagementStatus,
  type EngagementType,
  engagementStatuses,
  engagementTypes,
  type RiskFlag,
  riskFlags,
} from '../../../shared/contracts/engagements';
import type { EngagementListFilters } from '../../api/engagements';

/**
 * The engagement list's filters as they live in the page address, so a filtered view can be
 * shared and survives a reload: `?status=in_progress,contracted&risk=missed_update&page=2`.
 */
export interface ListFilters {
  status: EngagementStatus[];
  type: EngagementType[];
  risk: RiskFlag[];
  providerOrgId: string | null;
  q: string;
  /** 1-based. */
  page: number;
}

export const emptyFilters: ListFilters = { status: [], type: [], risk: [], providerOrgId: null, q: '', page: 1 };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_QUERY = 200;

/** The known values of a comma list, each once, in the order of `allowed`. */
function listOf<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  if (!raw) return [];
  const given = new Set(raw.split(',').map((v) => v.trim()));
  return allowed.filter((v) => given.has(v));
}

export function filtersFromSearch(params: URLSearchParams): ListFilters {
  const provider = params.get('provider')?.trim() ?? '';
  const page = Number(params.get('page'));
  return {
    status: listOf(params.get('status'), engagementStatuses),
    type: listOf(params.get('type'), engagementTypes),
    risk: listOf(params.get('risk'), riskFlags),
    providerOrgId: UUID.test(provider) ? provider : null,
    q: (params.get('q') ?? '').trim().slice(0, MAX_QUERY),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

export function filtersToSearch(filters: ListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status.length) params.set('status', filters.status.join(','));
  if (filters.type.length) params.set('type', filters.type.join(','));
  if (filters.risk.length) params.set('risk', filters.risk.join(','));
  if (filters.providerOrgId) params.set('provider', filters.providerOrgId);
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

/** Changing any filter goes back to the first page: page 3 of another result means nothing. */
export function withFilters(filters: ListFilters, change: Partial<Omit<ListFilters, 'page'>>): ListFilters {
  return { ...filters, ...change, page: 1 };
}

export const hasFilters = (f: ListFilters): boolean =>
  f.status.length > 0 || f.type.length > 0 || f.risk.length > 0 || f.providerOrgId !== null || f.q.trim() !== '';

/** What the API is asked (the page becomes limit and offset). */
export function filtersToQuery(f: ListFilters): EngagementListFilters {
  return {
    ...(f.status.length && { status: f.status }),
    ...(f.type.length && { type: f.type }),
    ...(f.risk.length && { risk: f.risk }),
    ...(f.providerOrgId && { providerOrgId: f.providerOrgId }),
    ...(f.q.trim() && { q: f.q.trim() }),
  };
}

export const pageCount = (total: number, pageSize: number): number => Math.max(1, Math.ceil(total / pageSize));
