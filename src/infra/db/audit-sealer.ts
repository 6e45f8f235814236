import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { type ChainContent, eventHash } from '../../core/audit/chain.js';
import type { DB } from './schema.js';

/**
 * Sealing: audited writes store their events unsealed, without a shared lock; sealing links them to
 * the end of the one hash chain in order of insertion, under the audit_head row lock, a batch per
 * short transaction (docs/decisions/0012-audit-sealing.md; 0002 for the chain itself).
 */
export const SEAL_BATCH = 500;

/** How often each server process looks for events no poke sealed (the bound of docs/decisions/0012). */
export const AUDIT_SEAL_INTERVAL_MS = 1000;

const iso = (d: Date | string) => new Date(d).toISOString();

/** What the hash covers, as read back from the row: exactly what `kpo audit verify` recomputes. */
export const chainContentOf = (r: Selectable<DB['audit_events']>): Omit<ChainContent, 'seq'> => ({
  id: r.id,
  occurredAt: iso(r.occurred_at),
  type: r.type,
  actorUserId: r.actor_user_id,
  actorLabel: r.actor_label,
  orgId: r.org_id,
  partyOrgId: r.party_org_id,
  resourceType: r.resource_type,
  resourceId: r.resource_id,
  data: r.data,
  ip: r.ip,
  requestId: r.request_id,
});

/**
 * Seals the oldest unsealed events, up to SEAL_BATCH, inside `tx`. With `wait: false` it gives up
 * (null) when another sealer holds the head; a waiting sealer re-reads the head the one before it
 * committed, and then sees every event committed by then.
 */
export async function sealBatch(tx: Transaction<DB>, wait: boolean): Promise<number | null> {
  const locking = tx.selectFrom('audit_head').select(['seq', 'hash']).forUpdate();
  const head = await (wait ? locking : locking.skipLocked()).executeTakeFirst();
  if (!head) return null;
  const rows = await tx.selectFrom('audit_events').selectAll().where('seq', 'is', null).orderBy('pos').limit(SEAL_BATCH).execute();
  if (rows.length === 0) return 0;
  let { seq, hash } = head;
  const links = rows.map((r) => {
    const prevHash = hash;
    seq += 1;
    hash = eventHash(prevHash, { ...chainContentOf(r), seq });
    return { pos: r.pos, seq, prevHash, hash };
  });
  // The head first: the append-only trigger lets a seal name only a place the chain has reached.
  await tx.updateTable('audit_head').set({ seq, hash }).execute();
  await sql`UPDATE audit_events a SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
    FROM unnest(${links.map((l) => l.pos)}::bigint[], ${links.map((l) => l.seq)}::bigint[],
                ${links.map((l) => l.prevHash)}::text[], ${links.map((l) => l.hash)}::text[]) AS v(pos, seq, prev_hash, hash)
    WHERE a.pos = v.pos`.execute(tx);
  return rows.length;
}

/**
 * Seals everything unsealed, a batch per transaction. Null when `wait` is false and another sealer
 * was at work (what it read may not include the newest events: try again shortly). `known`: the
 * caller knows events wait (a commit just wrote some), so the first look is skipped.
 */
export async function sealPending(db: Kysely<DB>, wait: boolean, known = false): Promise<number | null> {
  let total = 0;
  for (let first = true; ; first = false) {
    // Most calls find nothing to do: look before taking the head's lock.
    const waiting =
      (known && first) || (await db.selectFrom('audit_events').select('pos').where('seq', 'is', null).limit(1).executeTakeFirst());
    if (!waiting) return total;
    const sealed = await db.transaction().execute((tx) => sealBatch(tx, wait));
    if (sealed === null) return null;
    total += sealed;
    if (sealed < SEAL_BATCH) return total;
  }
}

export interface AuditSealer {
  /** Seal soon (after a commit that wrote events: `wrote`, or to look for any); returns at once. */
  poke(wrote?: boolean): void;
  /** Seals every event committed so far, waiting for another process's sealer if need be. */
  sealNow(): Promise<number>;
  /** Stops the timer and seals what is left. */
  close(): Promise<void>;
}

/** How long a poke waits when another process is sealing, and how many times it tries again. */
const BUSY_RETRY_MS = 10;
const BUSY_RETRIES = 50;

/**
 * The sealer of one process (PostgreSQL, where many connections write at once). Pokes after this
 * process's commits seal within milliseconds; the timer (every `intervalMs`) catches events other
 * processes left (a process that ended before sealing, a poke that gave up while another sealed).
 */
export function createAuditSealer(db: Kysely<DB>, options: { intervalMs: number; onError: (e: unknown) => void }): AuditSealer {
  let running: Promise<void> | null = null;
  let again = false;
  /** A commit that wrote events poked since the last pass began: there is something to seal. */
  let written = false;
  let closed = false;

  async function run(): Promise<void> {
    let busy = 0;
    for (;;) {
      again = false;
      const known = written;
      written = false;
      const sealed = await sealPending(db, false, known).catch((e: unknown) => {
        options.onError(e);
        return 0;
      });
      if (sealed === null) {
        // Another process's sealer read before our commit, perhaps: try again shortly.
        if (++busy > BUSY_RETRIES) return;
        await new Promise((r) => setTimeout(r, BUSY_RETRY_MS));
        continue;
      }
      if (!again) return;
    }
  }

  function poke(wrote = false): void {
    if (closed) return;
    if (wrote) written = true;
    if (running) {
      again = true;
      return;
    }
    running = run().finally(() => {
      running = null;
      if (again) poke();
    });
  }

  const timer = setInterval(() => poke(), options.intervalMs);
  timer.unref();

  async function sealNow(): Promise<number> {
    await running;
    return (await sealPending(db, true)) ?? 0;
  }

  return {
    poke,
    sealNow,
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
      await sealPending(db, true).catch(options.onError);
    },
  };
}
