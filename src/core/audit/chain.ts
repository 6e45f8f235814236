import { createHash } from 'node:crypto';

/**
 * The audit log's hash chain. Each event's hash is SHA-256 over the previous event's hash and
 * the event's canonical content, so changing, inserting or deleting any stored event breaks
 * the chain from that point on. This file is the one definition of that rule.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainContent {
  seq: number;
  id: string;
  occurredAt: string;
  type: string;
  actorUserId: string | null;
  actorLabel: string;
  orgId: string | null;
  /** The other party of an engagement event. Hashed only when present, so older events keep their hashes. */
  partyOrgId?: string | null;
  resourceType: string;
  resourceId: string;
  data: Record<string, unknown>;
  ip: string | null;
  requestId: string | null;
}

export interface ChainedEvent extends ChainContent {
  prevHash: string;
  hash: string;
}

/**
 * An event as the log lists it: sealed into the chain, or written and still waiting for the sealer
 * (seq, prevHash and hash null; docs/decisions/0012-audit-sealing.md). `pos` is the order of insertion.
 */
export interface LoggedEvent extends Omit<ChainContent, 'seq'> {
  pos: number;
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
}

/**
 * JSON with object keys sorted at every level and no insignificant white space. With `integers`,
 * numbers must be safe integers (a signed payload then has exactly one spelling per value).
 */
export function canonicalJson(value: unknown, numbers: 'finite' | 'integers' = 'finite'): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (numbers === 'integers' ? !Number.isSafeInteger(value) : !Number.isFinite(value))
      throw new Error(`canonicalJson: numbers must be ${numbers === 'integers' ? 'safe integers' : 'finite'}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v, numbers)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v, numbers)}`).join(',')}}`;
  }
  throw new Error(`canonicalJson: cannot encode ${typeof value}`);
}

export function eventHash(prevHash: string, content: ChainContent): string {
  const { seq, id, occurredAt, type, actorUserId, actorLabel, orgId, partyOrgId, resourceType, resourceId, data, ip, requestId } = content;
  const canonical = canonicalJson({
    seq,
    id,
    occurredAt,
    type,
    actorUserId,
    actorLabel,
    orgId,
    ...(partyOrgId ? { partyOrgId } : {}),
    resourceType,
    resourceId,
    data,
    ip,
    requestId,
  });
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export type ChainProblem = 'missing_event' | 'content_changed' | 'link_broken' | 'head_mismatch' | 'anchor_mismatch';

/** A link recorded outside the database (`kpo audit anchor`): the event at `seq` had this hash. */
export interface Anchor {
  seq: number;
  hash: string;
}

export type VerifyResult =
  | { ok: true; count: number; lastSeq: number; lastHash: string }
  | { ok: false; count: number; broken: { seq: number; id: string | null; problem: ChainProblem; message: string } };

/**
 * Walks the chain in seq order and names the first broken event. `head` is the last link the
 * writer recorded, which catches events deleted from the end of the log.
 */
export async function verifyChain(
  events: AsyncIterable<ChainedEvent>,
  head: { seq: number; hash: string },
  onProgress?: (checked: number) => void,
  anchors: readonly Anchor[] = [],
): Promise<VerifyResult> {
  const expected = new Map(anchors.map((a) => [a.seq, a.hash]));
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let count = 0;
  const fail = (seq: number, id: string | null, problem: ChainProblem, message: string): VerifyResult => ({
    ok: false,
    count,
    broken: { seq, id, problem, message },
  });

  for await (const event of events) {
    if (event.seq !== expectedSeq) {
      return fail(
        expectedSeq,
        null,
        'missing_event',
        event.seq > expectedSeq
          ? `Event #${expectedSeq} is missing: ${event.seq - expectedSeq} event(s) before #${event.seq} were deleted.`
          : `Event #${event.seq} appears out of order.`,
      );
    }
    if (event.prevHash !== prev) {
      return fail(
        event.seq,
        event.id,
        'link_broken',
        `Event #${event.seq} does not follow event #${event.seq - 1}: an earlier event was changed, replaced or deleted.`,
      );
    }
    if (eventHash(prev, event) !== event.hash) {
      return fail(event.seq, event.id, 'content_changed', `Event #${event.seq} (${event.type}) was changed after it was written.`);
    }
    const anchored = expected.get(event.seq);
    if (anchored !== undefined && anchored !== event.hash) {
      return fail(
        event.seq,
        event.id,
        'anchor_mismatch',
        `Event #${event.seq} does not match its anchor: the log was rewritten from there on.`,
      );
    }
    prev = event.hash;
    expectedSeq++;
    count++;
    if (onProgress && count % 500 === 0) onProgress(count);
  }
  onProgress?.(count);
  const lastSeq = expectedSeq - 1;
  if (head.seq > lastSeq) {
    return fail(lastSeq + 1, null, 'missing_event', `Events #${lastSeq + 1}–#${head.seq} at the end of the log were deleted.`);
  }
  const beyond = anchors.find((a) => a.seq > lastSeq);
  if (beyond) {
    return fail(
      beyond.seq,
      null,
      'anchor_mismatch',
      `The log ends at #${lastSeq}, but an anchor was taken at #${beyond.seq}: events were removed.`,
    );
  }
  if (head.seq !== lastSeq || head.hash !== prev) {
    return fail(lastSeq, null, 'head_mismatch', `The recorded end of the log (#${head.seq}) does not match the last event (#${lastSeq}).`);
  }
  return { ok: true, count, lastSeq, lastHash: prev };
}

/** An organisation's check of the chain: its own events counted, another's named by position only. */
export type OrganizationVerifyResult =
  | { ok: true; count: number; lastSeq?: number; lastHash?: string }
  | {
      ok: false;
      count: number;
      broken: { seq: number; id: string | null; problem: ChainProblem; message: string; ownEvent: boolean };
    };

const unseenMessages: Record<ChainProblem, (seq: number) => string> = {
  missing_event: (seq) => `Event #${seq} is missing from the log.`,
  content_changed: (seq) => `Event #${seq}, which your organisation cannot see, was changed after it was written.`,
  link_broken: (seq) => `Event #${seq}, which your organisation cannot see, does not follow the event before it.`,
  head_mismatch: (seq) => `The recorded end of the log does not match event #${seq}.`,
  anchor_mismatch: (seq) => `Event #${seq}, which your organisation cannot see, does not match its anchor.`,
};

/**
 * Checks the events one organisation may see (`isOwn`) for what they are: links of the one
 * chain. The whole chain is walked and every hash recomputed — an event's hash covers the one
 * before it, whoever's that is — exactly as `verifyChain` does; only the answer differs. It counts
 * the organisation's own events and ends at its last one, and names a broken event of another
 * organisation by its position alone: never its id, type or content (docs/decisions/0004).
 */
export async function verifyChainFor(
  events: AsyncIterable<ChainedEvent>,
  head: { seq: number; hash: string },
  isOwn: (event: ChainedEvent) => boolean,
  onProgress?: (checked: number) => void,
): Promise<OrganizationVerifyResult> {
  let count = 0;
  let lastOwn: ChainedEvent | null = null;
  // verifyChain asks for the next event only once the one before it has passed.
  let pending: ChainedEvent | null = null;
  const passed = (event: ChainedEvent) => {
    if (!isOwn(event)) return;
    count++;
    lastOwn = event;
  };
  async function* tapped(): AsyncGenerator<ChainedEvent> {
    for await (const event of events) {
      if (pending) passed(pending);
      pending = event;
      yield event;
    }
    if (pending) passed(pending);
    pending = null;
  }

  const result = await verifyChain(tapped(), head, onProgress);
  if (result.ok) {
    const last = lastOwn as ChainedEvent | null;
    return last ? { ok: true, count, lastSeq: last.seq, lastHash: last.hash } : { ok: true, count };
  }
  const { broken } = result;
  const failed = pending as ChainedEvent | null;
  const ownEvent = broken.id !== null && failed !== null && failed.id === broken.id && isOwn(failed);
  if (ownEvent || broken.id === null) return { ok: false, count, broken: { ...broken, ownEvent } };
  return {
    ok: false,
    count,
    broken: { seq: broken.seq, id: null, problem: broken.problem, message: unseenMessages[broken.problem](broken.seq), ownEvent },
  };
}
