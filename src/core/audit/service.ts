import type { AuditEvent, AuditPage, AuditQuery } from '../../shared/contracts/audit.js';
import type { Actor, RequestContext } from '../access/actor.js';
import { authorize } from '../access/policy.js';
import type { Store } from '../store.js';
import { type Anchor, type ChainedEvent, type VerifyResult, verifyChain } from './chain.js';

export const toAuditEvent = (e: ChainedEvent): AuditEvent => ({
  seq: e.seq,
  id: e.id,
  occurredAt: e.occurredAt,
  type: e.type as AuditEvent['type'],
  actorUserId: e.actorUserId,
  actorLabel: e.actorLabel,
  orgId: e.orgId,
  partyOrgId: e.partyOrgId ?? null,
  resourceType: e.resourceType,
  resourceId: e.resourceId,
  data: e.data,
  ip: e.ip,
  requestId: e.requestId,
  hash: e.hash,
});

/**
 * Whose events a query may return: an organisation's auditors see their organisation's log;
 * the operator's auditors may see one organisation's or the whole instance's.
 */
export function auditLogResource(actor: Actor, requestedOrgId: string | undefined): { type: 'audit_log'; orgId: string | null } {
  const orgId = requestedOrgId ?? (actor.kind === 'user' && actor.orgKind !== 'operator' ? actor.orgId : null);
  return { type: 'audit_log', orgId };
}

function scopedQuery(ctx: RequestContext, query: AuditQuery): AuditQuery {
  const resource = auditLogResource(ctx.actor, query.orgId);
  authorize(ctx.actor, 'audit.read', resource);
  const { orgId } = resource;
  return orgId === null ? query : { ...query, orgId };
}

export const CSV_COLUMNS = [
  'seq',
  'occurredAt',
  'type',
  'actorLabel',
  'actorUserId',
  'orgId',
  'partyOrgId',
  'resourceType',
  'resourceId',
  'ip',
  'requestId',
  'data',
  'hash',
] as const;

/** RFC 4180 quoting, and a leading quote on cells that a spreadsheet would run as a formula. */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function auditService(deps: { store: Store }) {
  const { store } = deps;
  return {
    async list(ctx: RequestContext, query: AuditQuery): Promise<AuditPage> {
      const scoped = scopedQuery(ctx, query);
      const rows = await store.read.audit.query({ ...scoped, limit: scoped.limit + 1 });
      const page = rows.slice(0, scoped.limit);
      const last = page.at(-1);
      return { events: page.map(toAuditEvent), nextBefore: rows.length > scoped.limit && last ? last.seq : null };
    },

    /** The filtered log as CSV lines (header first), read page by page. */
    async *exportCsv(ctx: RequestContext, query: Omit<AuditQuery, 'limit' | 'before'>): AsyncGenerator<string> {
      const scoped = scopedQuery(ctx, { ...query, limit: 500 });
      yield `${CSV_COLUMNS.join(',')}\r\n`;
      let before: number | undefined;
      for (;;) {
        const rows = await store.read.audit.query({ ...scoped, ...(before !== undefined && { before }) });
        for (const e of rows) yield `${CSV_COLUMNS.map((c) => csvCell(toAuditEvent(e)[c])).join(',')}\r\n`;
        if (rows.length < scoped.limit) return;
        before = rows.at(-1)?.seq;
      }
    },

    async verify(
      ctx: RequestContext,
      onProgress?: (checked: number, total: number) => void,
      anchors: readonly Anchor[] = [],
    ): Promise<VerifyResult> {
      authorize(ctx.actor, 'audit.read', { type: 'audit_log', orgId: null });
      const total = await store.read.audit.count();
      const head = await store.read.audit.head();
      return verifyChain(store.read.audit.scan(head.seq), head, onProgress && ((n) => onProgress(n, total)), anchors);
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;
