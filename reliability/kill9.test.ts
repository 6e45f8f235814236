import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_CLAIM_LEASE_MS } from '../src/core/idempotency.js';
import { openDatabase } from '../src/infra/db/database.js';
import {
  type Actors,
  checkWrites,
  createPostgresDatabase,
  int,
  kpo,
  log,
  makeWrite,
  POSTGRES_URL,
  pgQuery,
  prng,
  type Query,
  reconnect,
  type Server,
  send,
  signInActors,
  startServer,
  type Write,
  type WriteKind,
  writeResult,
} from './harness.js';

/**
 * kill -9 of `kpo serve` at a random moment of a mixed write load, ROUNDS times per backend. After
 * each kill, before the restart: `kpo audit verify` passes (on PGlite it must also take over the
 * dead server's lock), every write the clients were told succeeded is in the database exactly once,
 * and nothing of the load is half-written. Then the server restarts (no stale lock may block it) and
 * the writes that got no answer are sent again with the same Idempotency-Key, as a client would,
 * once their claim's lease has run out: each must then be done exactly once (answered 2xx, or 409
 * already_done when it was done but its answer was lost with the server).
 */
const ROUNDS = int('KPO_RELIABILITY_ROUNDS', 50);
const SEED = int('KPO_RELIABILITY_SEED', Date.now() % 2 ** 31);
const WRITERS = 6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const kinds: WriteKind[] = ['engagement', 'question', 'update'];

const backends = POSTGRES_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe.each(backends)('kill -9 during a write load on %s', (backend) => {
  it(`every acknowledged write survives ${ROUNDS} kills, nothing half-written, the chain verifies`, async () => {
    const random = prng(SEED + (backend === 'postgres' ? 1 : 0));
    const dataDir = mkdtempSync(join(tmpdir(), 'kpo-rel-kill-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = { KPO_DATA_DIR: dataDir };
    if (backend === 'postgres') {
      const db = await createPostgresDatabase(`kpo_rel_kill_${process.pid}`);
      cleanups.push(db.drop);
      env.DATABASE_URL = db.url;
    }
    log(`[${backend}] seed ${SEED}, ${ROUNDS} rounds, data in ${dataDir}`);

    let server: Server = await startServer(env, ['--demo']);
    let actors: Actors = await signInActors(server.url);
    const acknowledged: Write[] = [];
    let unanswered: (Write & { lostAt: number })[] = [];
    const problems: string[] = [];
    const restartMs: number[] = [];
    const stats = {
      acknowledged: 0,
      unanswered: 0,
      retriedReplayed: 0,
      retriedCreated: 0,
      retriedAnswerLost: 0,
      reads: 0,
    };

    /** The retries a client makes after a lost answer (same key, same body), once the key's lease ran out. */
    const retryDue = async (all: boolean) => {
      const due = unanswered.filter((w) => all || Date.now() - w.lostAt > IDEMPOTENCY_CLAIM_LEASE_MS + 1000);
      unanswered = unanswered.filter((w) => !due.includes(w));
      for (const w of due) {
        const r = await send(actors, w);
        const reason = r.status === 409 ? (JSON.parse(r.body) as { error: { reason?: string } }).error.reason : undefined;
        if (r.status >= 200 && r.status < 300) {
          acknowledged.push(w);
          if (r.headers['idempotency-replayed'] === 'true') stats.retriedReplayed++;
          else stats.retriedCreated++;
        } else if (reason === 'already_done') {
          acknowledged.push(w);
          stats.retriedAnswerLost++;
        } else problems.push(`retry of ${w.kind} ${w.key} after restart: HTTP ${r.status} ${r.body.slice(0, 200)}`);
      }
    };

    const verify = async (label: string) => {
      const audit = await kpo(['audit', 'verify', '--json'], env);
      if (audit.code !== 0) problems.push(`${label}: kpo audit verify exited ${audit.code}: ${audit.err}${audit.out.slice(0, 300)}`);
      let q: Query & { end(): Promise<void> };
      if (backend === 'postgres') q = pgQuery(env.DATABASE_URL as string);
      else {
        const database = await openDatabase({ kind: 'pglite', dataDir });
        const lite = database.pglite;
        if (!lite) throw new Error('no PGlite');
        q = { rows: async (text, params) => (await lite.query(text, params)).rows as never[], end: () => database.close() };
      }
      try {
        for (const p of await checkWrites(q, acknowledged)) problems.push(`${label}: ${p}`);
      } finally {
        await q.end();
      }
    };

    for (let round = 1; round <= ROUNDS; round++) {
      await retryDue(false);
      let stop = false;
      let ackedThisRound = 0;
      const writer = async () => {
        while (!stop) {
          if (random() < 0.25) {
            await actors.owner.request('GET', '/api/engagements?limit=20').then(
              (r) => {
                if (r.status === 200) stats.reads++;
                else if (!stop) problems.push(`round ${round}: GET list: HTTP ${r.status}`);
              },
              () => {},
            );
            continue;
          }
          const w = makeWrite(kinds[Math.floor(random() * kinds.length)] as WriteKind, actors.engagementId);
          try {
            const r = await send(actors, w);
            if (r.status >= 200 && r.status < 300) {
              acknowledged.push(w);
              ackedThisRound++;
            } else problems.push(`round ${round}: ${w.kind}: HTTP ${r.status} ${r.body.slice(0, 200)}`);
          } catch {
            // No answer: the server died with the request in flight. It may or may not have been done.
            unanswered.push({ ...w, lostAt: Date.now() });
            stats.unanswered++;
          }
        }
      };
      const killAfter = Math.round(200 + random() * 2800);
      const writers = Array.from({ length: WRITERS }, writer);
      await sleep(killAfter);
      // No new request after this point: those in flight are the ones the kill cuts off.
      stop = true;
      await server.kill9();
      await Promise.all(writers);
      stats.acknowledged += ackedThisRound;

      await verify(`after kill ${round}`);
      try {
        server = await startServer(env);
      } catch (e) {
        problems.push(`restart after kill ${round} failed: ${(e as Error).message.slice(0, 2000)}`);
        break;
      }
      restartMs.push(server.startMs);
      actors = reconnect(actors, server.url);
      log(
        `[${backend}] round ${round}/${ROUNDS}: killed after ${killAfter} ms, ${ackedThisRound} writes acknowledged (${acknowledged.length} in all), ` +
          `${unanswered.length} unanswered waiting for their lease, restart ${(server.startMs / 1000).toFixed(1)} s, problems so far ${problems.length}`,
      );
    }
    const last = Math.max(0, ...unanswered.map((w) => w.lostAt));
    await sleep(Math.max(0, last + IDEMPOTENCY_CLAIM_LEASE_MS + 1000 - Date.now()));
    await retryDue(true);
    await server.stop();
    await verify('at the end');

    const sorted = [...restartMs].sort((a, b) => a - b);
    const file = writeResult(`kill9-${backend}`, {
      seed: SEED,
      rounds: ROUNDS,
      writers: WRITERS,
      ...stats,
      restartMs: { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1) },
      problems,
    });
    log(`[${backend}] ${acknowledged.length} acknowledged writes checked after every kill; results in ${file}`);
    expect(problems).toEqual([]);
  });
});
