import { type AuditEventType, auditEventTypes, type ResourceRef, resourceTypes } from '../../shared/contracts/audit';
import type { AuditFilterQuery } from '../api/endpoints';

export type ResourceType = ResourceRef['type'];

/**
 * The audit log's filters as people set them: whole days (Japan time, like the times in the
 * table), both ends included. They live in the page address so a filtered view can be shared
 * and survives a reload.
 */
export interface AuditFilters {
  orgId?: string;
  actorUserId?: string;
  type?: AuditEventType;
  resourceType?: ResourceType;
  resourceId?: string;
  /** YYYY-MM-DD, first day shown. */
  fromDate?: string;
  /** YYYY-MM-DD, last day shown. */
  toDate?: string;
}

export type AuditFilterKey = keyof AuditFilters;
const filterKeys: readonly AuditFilterKey[] = ['orgId', 'actorUserId', 'type', 'resourceType', 'resourceId', 'fromDate', 'toDate'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const validators: Record<AuditFilterKey, (value: string) => boolean> = {
  orgId: (v) => UUID.test(v),
  actorUserId: (v) => UUID.test(v),
  type: (v) => (auditEventTypes as readonly string[]).includes(v),
  resourceType: (v) => (resourceTypes as readonly string[]).includes(v),
  resourceId: (v) => v.length > 0 && v.length <= 200,
  fromDate: isCalendarDay,
  toDate: isCalendarDay,
};

/** Reads filters from the address; values that could not have come from the form are dropped. */
export function filtersFromSearch(params: URLSearchParams): AuditFilters {
  const filters: Record<string, string> = {};
  for (const key of filterKeys) {
    const value = params.get(key)?.trim();
    if (value && validators[key](value)) filters[key] = value;
  }
  return filters as AuditFilters;
}

export function filtersToSearch(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of filterKeys) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params;
}

/** Sets or clears one filter. */
export function withFilter(filters: AuditFilters, key: AuditFilterKey, value: string | null): AuditFilters {
  const next: Record<string, string> = { ...filters };
  if (value && validators[key](value.trim())) next[key] = value.trim();
  else delete next[key];
  return next as AuditFilters;
}

/**
 * The filters after someone changes one in the form. Another organisation has other people in
 * it, so choosing an organisation clears the actor.
 */
export function changeFilter(filters: AuditFilters, key: AuditFilterKey, value: string | null): AuditFilters {
  const next = withFilter(filters, key, value);
  return key === 'orgId' && next.orgId !== filters.orgId ? withFilter(next, 'actorUserId', null) : next;
}

/**
 * Whether the address should change: only when the filters it holds would, so an unchanged
 * choice adds no history entry (each change does, for the browser's back and forward).
 */
export function sameFilters(a: AuditFilters, b: AuditFilters): boolean {
  return filtersToSearch(a).toString() === filtersToSearch(b).toString();
}

/** The start of a day in Japan, as an ISO date-time with its offset. */
export const tokyoDayStart = (day: string): string => `${day}T00:00:00+09:00`;

function followingDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The API query for the filters: days become [start of first day, start of the day after the last). */
export function filtersToQuery(filters: AuditFilters): AuditFilterQuery {
  const { fromDate, toDate, ...rest } = filters;
  return {
    ...rest,
    ...(fromDate && { from: tokyoDayStart(fromDate) }),
    ...(toDate && { to: tokyoDayStart(followingDay(toDate)) }),
  };
}

export const hasFilters = (filters: AuditFilters): boolean => filterKeys.some((k) => filters[k] !== undefined);
