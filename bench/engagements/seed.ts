// Seeds the benchmark's world into a kpo database: organisations and people through the real
// admin service (argon2 hashes, memberships, audit events), then the engagement history as
// batched multi-row INSERTs in one transaction, generated 5,000 engagements at a time (100,000
// engagements seed in minutes without holding their history in memory at once), then VACUUM ANALYZE.
//
// Run alone: DATABASE_URL=postgres://… (or KPO_DATA_DIR=…) node --import tsx bench/engagements/seed.ts [--engagements N]
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/infra/db/schema.js';
import type { Runtime } from '../../src/runtime.js';
import { BENCH_PASSWORD, engagementChunks, type OrgSpec, TABLE_ORDER, type WorldIds, type WorldRows, worldOrgs } from './world.js';

/**
 * What autovacuum does to freshly loaded tables in a PostgreSQL left at its defaults: statistics,
 * and the visibility map that lets an index-only scan skip the table (without it the list's count
 * and page read every row's heap page: 0.62 ms instead of 0.20 for the count of 1,001 here). The
 * machines' own PostgreSQL runs with autovacuum off (a CI setting), so the bench does it itself.
 */
const settle = (db: Kysely<DB>) => sql`VACUUM ANALYZE`.execute(db);

export interface SeedResult {
  /** Organisations and people through the services. */
  identityMs: number;
  /** Building the history in memory (derivedState included). */
  generateMs: number;
  /** The batched INSERTs. */
  insertMs: number;
  analyzeMs: number;
  /** The SLA watch over the seeded history: the first pass looks at everything, the next only at what is due. */
  sla: Record<'firstPass' | 'steadyPass', { engagements: number; breaches: number; escalations: number; reminders: number; ms: number }>;
  totalMs: number;
  rows: Record<string, number>;
  ids: WorldIds;
  orgs: OrgSpec[];
}

const BATCH_PARAMS = 30_000;

/** `--engagements N` (or `--engagements=N`), else BENCH_ENGAGEMENTS, else 10,000. */
export function engagementsOption(argv: readonly string[], env: Record<string, string | undefined>): number {
  const at = argv.findIndex((a) => a === '--engagements' || a.startsWith('--engagements='));
  const raw = at < 0 ? env.BENCH_ENGAGEMENTS : (argv[at]?.split('=')[1] ?? argv[at + 1]);
  const n = Number(raw ?? 10_000);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--engagements wants a whole number above 0, not ${raw}`);
  return n;
}

/** Engagements generated and inserted together: their history stays in memory one chunk at a time. */
const CHUNK_ENGAGEMENTS = 5_000;

async function insertRows(trx: Kysely<Record<string, Record<string, unknown>>>, rows: WorldRows): Promise<void> {
  for (const table of TABLE_ORDER) {
    const all = rows[table] as Record<string, unknown>[];
    if (all.length === 0) continue;
    const perRow = Object.keys(all[0] ?? {}).length;
    const size = Math.max(1, Math.floor(BATCH_PARAMS / perRow));
    for (let i = 0; i < all.length; i += size) {
      await trx
        .insertInto(table)
        .values(all.slice(i, i + size))
        .execute();
    }
  }
}

export async function seedWorld(
  rt: Runtime,
  options: { engagements: number; seed?: number; now?: Date; slaWatch?: boolean; log?: (s: string) => void },
): Promise<SeedResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const orgs = worldOrgs();
  const ctx = rt.system('seed');
  const ids: WorldIds = {};
  for (const spec of orgs) {
    const org = await rt.services.admin.ensureOrganization(ctx, { name: spec.name, kind: spec.kind });
    const people: Record<string, string> = {};
    // argon2 runs off the main thread: hash a few passwords at once.
    await Promise.all(
      spec.people.map(async (p) => {
        const existing = await rt.store.read.users.getByEmail(p.email);
        people[p.key] = existing
          ? existing.id
          : (
              await rt.services.admin.createUser(ctx, {
                email: p.email,
                displayName: p.displayName,
                password: BENCH_PASSWORD,
                orgId: org.id,
                roles: p.roles,
              })
            ).id;
      }),
    );
    ids[spec.key] = { id: org.id, people };
  }
  const identityMs = performance.now() - started;
  log(`  ${orgs.length} organisations, ${orgs.reduce((s, o) => s + o.people.length, 0)} people: ${(identityMs / 1000).toFixed(1)} s`);

  // Generated and inserted a chunk at a time in one transaction (batched multi-row INSERTs).
  const t1 = performance.now();
  let generateMs = 0;
  const counts: Record<string, number> = Object.fromEntries(TABLE_ORDER.map((t) => [t, 0]));
  // The tables differ in shape; Kysely checks each row's type where WorldRows is built.
  const loose = rt.database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  await loose.transaction().execute(async (trx) => {
    const chunks = engagementChunks(
      ids,
      orgs,
      { engagements: options.engagements, seed: options.seed ?? 20261127, now: options.now ?? new Date() },
      CHUNK_ENGAGEMENTS,
    );
    for (;;) {
      const g0 = performance.now();
      const next = chunks.next();
      generateMs += performance.now() - g0;
      if (next.done) break;
      for (const t of TABLE_ORDER) counts[t] = (counts[t] ?? 0) + next.value[t].length;
      await insertRows(trx, next.value);
      log(`  ${counts.engagements?.toLocaleString('en')} engagements inserted: ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    }
  });
  const insertMs = performance.now() - t1 - generateMs;
  const total = Object.values(counts).reduce((s, n) => s + n, 0);
  log(
    `  generated ${total.toLocaleString('en')} rows in ${(generateMs / 1000).toFixed(1)} s, inserted in ${(insertMs / 1000).toFixed(1)} s`,
  );

  const t3 = performance.now();
  await settle(rt.database.db);
  const analyzeMs = performance.now() - t3;

  // A server that has been running has watched every engagement once already; after that the
  // watch looks only at engagements whose next deadline, reminder or escalation has come.
  // `slaWatch: false` skips the first pass (≈ 13 ms an engagement here: 20 minutes at 100,000)
  // and tells the watch nothing is due, so that it stays out of the measurements; the lists read
  // none of what it writes (breaches, escalations), the engagement page's figures would.
  if (options.slaWatch === false) {
    await rt.database.db.updateTable('engagements').set({ sla_check_due_at: null }).execute();
    await settle(rt.database.db);
    const skipped = { engagements: 0, breaches: 0, escalations: 0, reminders: 0, ms: 0 };
    return {
      identityMs,
      generateMs,
      insertMs,
      analyzeMs,
      sla: { firstPass: skipped, steadyPass: skipped },
      totalMs: performance.now() - started,
      rows: counts,
      ids,
      orgs,
    };
  }
  const t4 = performance.now();
  const firstPass = await rt.services.engagements.oversight.checkSlas();
  const slaFirstPassMs = performance.now() - t4;
  const t5 = performance.now();
  const steadyPass = await rt.services.engagements.oversight.checkSlas();
  const slaSteadyPassMs = performance.now() - t5;
  log(
    `  SLA watch: first pass ${firstPass.engagements} engagements, ${firstPass.breaches} breaches in ${(slaFirstPassMs / 1000).toFixed(1)} s; ` +
      `then ${steadyPass.engagements} engagements in ${slaSteadyPassMs.toFixed(0)} ms`,
  );
  await settle(rt.database.db);
  const sla = { firstPass: { ...firstPass, ms: slaFirstPassMs }, steadyPass: { ...steadyPass, ms: slaSteadyPassMs } };
  return { identityMs, generateMs, insertMs, analyzeMs, sla, totalMs: performance.now() - started, rows: counts, ids, orgs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadConfig } = await import('../../src/infra/config.js');
  const { createRuntime } = await import('../../src/runtime.js');
  const rt = await createRuntime(loadConfig({ ...process.env, KPO_LOG_LEVEL: 'warn' }));
  try {
    const r = await seedWorld(rt, { engagements: engagementsOption(process.argv, process.env), log: console.log });
    console.log(JSON.stringify({ ...r, ids: undefined, orgs: undefined }, null, 2));
  } finally {
    await rt.close();
  }
}
