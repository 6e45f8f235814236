import {
  type AuditActor,
  type AuditEvent,
  type AuditPage,
  type AuditQuery,
  encodeAuditCursor,
  type SystemActorKind,
} from '../../shared/contracts/audit.js';
import type { Actor, RequestContext } from '../access/actor.js';
import { authorize } from '../access/policy.js';
import type { Store } from '../store.js';
import {
  type Anchor,
  type ChainedEvent,
  type LoggedEvent,
  type OrganizationVerifyResult,
  type VerifyResult,
  verifyChain,
  verifyChainFor,
} from './chain.js';

/** A person's name and e-mail, by user id: what the log shows for the people in it. */
export type PeopleById = ReadonlyMap<string, { displayName: string; email: string }>;

const systemPrefixes: readonly SystemActorKind[] = ['cli', 'job', 'login'];

/**
 * How the log shows who acted. The recorded label stays what it was when hashed (a person's
 * e-mail, or `seed`, `cli:root@host`, `job:sla-check`, `login:<e-mail tried>`, `anonymous`);
 * a person is shown by the name they have now.
 */
export function auditActorOf(event: Pick<LoggedEvent, 'actorUserId' | 'actorLabel'>, people: PeopleById): AuditActor {
  const label = event.actorLabel;
  if (event.actorUserId) {
    const person = people.get(event.actorUserId);
    return { kind: 'user', userId: event.actorUserId, displayName: person?.displayName ?? label, email: person?.email ?? label };
  }
  if (label === 'seed' || label === 'anonymous') return { kind: 'system', system: label, detail: '' };
  const colon = label.indexOf(':');
  const prefix = label.slice(0, colon) as SystemActorKind;
  if (colon > 0 && systemPrefixes.includes(prefix)) return { kind: 'system', system: prefix, detail: label.slice(colon + 1) };
  return { kind: 'system', system: 'other', detail: label };
}

/** An event for the API: a sealed one with its place and hash, an unsealed one with null for both. */
export const toAuditEvent = (e: Omit<LoggedEvent, 'pos' | 'prevHash'>, people: PeopleById = new Map()): AuditEvent => ({
  seq: e.seq,
  id: e.id,
  occurredAt: e.occurredAt,
  type: e.type as AuditEvent['type'],
  actorUserId: e.actorUserId,
  actorLabel: e.actorLabel,
  actor: auditActorOf(e, people),
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

/** Events still waiting to be sealed when a check ends (written while it ran). */
type Unsealed = { count: number; oldestAt: string | null };

export function auditService(deps: { store: Store }) {
  const { store } = deps;

  async function peopleOf(events: readonly LoggedEvent[]): Promise<PeopleById> {
    const ids = [...new Set(events.flatMap((e) => (e.actorUserId ? [e.actorUserId] : [])))];
    if (ids.length === 0) return new Map();
    const users = await store.read.users.getMany(ids);
    return new Map(users.map((u) => [u.id, { displayName: u.displayName, email: u.email }]));
  }

  return {
    /** A page of the log, newest first (occurredAt, then order of insertion); `nextBefore` continues it. */
    async list(ctx: RequestContext, query: AuditQuery): Promise<AuditPage> {
      const scoped = scopedQuery(ctx, query);
      const rows = await store.read.audit.query({ ...scoped, limit: scoped.limit + 1 });
      const page = rows.slice(0, scoped.limit);
      const last = page.at(-1);
      const people = await peopleOf(page);
      return {
        events: page.map((e) => toAuditEvent(e, people)),
        nextBefore: rows.length > scoped.limit && last ? encodeAuditCursor(last) : null,
      };
    },

    /** The filtered log as CSV lines (header first), in the list's order, read page by page. */
    async *exportCsv(ctx: RequestContext, query: Omit<AuditQuery, 'limit' | 'before'>): AsyncGenerator<string> {
      const scoped = scopedQuery(ctx, { ...query, limit: 500 });
      yield `${CSV_COLUMNS.join(',')}\r\n`;
      let before: AuditQuery['before'];
      for (;;) {
        const rows = await store.read.audit.query({ ...scoped, ...(before !== undefined && { before }) });
        for (const e of rows) yield `${CSV_COLUMNS.map((c) => csvCell(toAuditEvent(e)[c])).join(',')}\r\n`;
        const last = rows.at(-1);
        if (rows.length < scoped.limit || !last) return;
        before = { occurredAt: last.occurredAt, pos: last.pos };
      }
    },

    /** The whole chain, in seq order (the operator's auditors, and the CLI). */
    async verify(
      ctx: RequestContext,
      onProgress?: (checked: number, total: number) => void,
      anchors: readonly Anchor[] = [],
    ): Promise<VerifyResult & { unsealed: Unsealed }> {
      authorize(ctx.actor, 'audit.verify', { type: 'audit_log', orgId: null });
      await store.sealAudit();
      const total = await store.read.audit.count();
      const head = await store.read.audit.head();
      const result = await verifyChain(store.read.audit.scan(head.seq), head, onProgress && ((n) => onProgress(n, total)), anchors);
      return { ...result, unsealed: await store.read.audit.unsealed() };
    },

    /**
     * One organisation's events (its own and those it is the other party of), checked as links
     * of the whole chain; another organisation's broken event is named by position only.
     */
    async verifyOrganization(
      ctx: RequestContext,
      orgId: string,
      onProgress?: (checked: number, total: number) => void,
    ): Promise<OrganizationVerifyResult & { orgId: string; unsealed: Unsealed }> {
      authorize(ctx.actor, 'audit.verify', { type: 'audit_log', orgId });
      await store.sealAudit();
      const total = await store.read.audit.count();
      const head = await store.read.audit.head();
      const isOwn = (e: ChainedEvent) => e.orgId === orgId || e.partyOrgId === orgId;
      const result = await verifyChainFor(store.read.audit.scan(head.seq), head, isOwn, onProgress && ((n) => onProgress(n, total)));
      return { ...result, orgId, unsealed: await store.read.audit.unsealed(orgId) };
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;
