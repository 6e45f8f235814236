import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../core/audit/chain.js';
import type { Repos } from '../../core/store.js';
import type { AuditPage, AuditVerifyResult } from '../../shared/contracts/audit.js';
import { describeEachDatabase, openTestDatabase, postgresUrl } from '../../testing/db.js';
import { makeOrg, makeUser } from '../../testing/factories.js';
import { TestClient } from '../../testing/http.js';
import { createTestKit, useTestKit } from '../../testing/runtime.js';
import { backup, restore } from '../backup.js';
import { type AuditSealer, sealPending } from './audit-sealer.js';
import type { Database } from './database.js';
import { createRepos, createStore } from './repos.js';
import type { DB } from './schema.js';

/** A sealer that never seals: events written through it stay unsealed until someone else seals them. */
const idleSealer: AuditSealer = { poke: () => {}, sealNow: async () => 0, close: async () => {} };

class Rollback extends Error {}

/**
 * Runs `fn` while no sealer can seal: on PostgreSQL another connection holds the chain's head (a
 * server's sealer runs on a timer there); PGlite seals only in the writing transaction.
 */
async function withSealingHeld<T>(db: Kysely<DB>, backend: 'pglite' | 'postgres', fn: () => Promise<T>): Promise<T> {
  if (backend === 'pglite') return fn();
  let release: () => void = () => {};
  const released = new Promise<void>((r) => {
    release = r;
  });
  let held: () => void = () => {};
  const isHeld = new Promise<void>((r) => {
    held = r;
  });
  const holder = db.transaction().execute(async (tx) => {
    await tx.selectFrom('audit_head').select('seq').forUpdate().execute();
    held();
    await released;
  });
  await isHeld;
  try {
    return await fn();
  } finally {
    release();
    await holder;
  }
}

/** Runs `tamper` and a verification of the whole chain in one transaction, then rolls both back. */
async function verifyTampered(db: Kysely<DB>, tamper: (tx: Kysely<DB>) => Promise<void>) {
  let result: Awaited<ReturnType<typeof verifyChain>> | null = null;
  await db
    .transaction()
    .execute(async (tx) => {
      await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`.execute(tx);
      await tamper(tx);
      const audit = createRepos(tx).audit;
      const head = await audit.head();
      result = await verifyChain(audit.scan(head.seq), head);
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  if (!result) throw new Error('not verified');
  return result as Awaited<ReturnType<typeof verifyChain>>;
}

describeEachDatabase('audit sealing: events written without a lock, sealed into one chain', (backend) => {
  const kit = useTestKit(backend);

  async function record(tx: Repos, name: string) {
    const { rt } = kit();
    await rt.recordAudit(tx, rt.system('test'), {
      type: 'org.created',
      data: { name, kind: 'client' },
      orgId: null,
      resource: { type: 'organization', id: name },
    });
  }

  async function seqs() {
    const rows = await kit().rt.database.db.selectFrom('audit_events').select(['seq', 'pos']).orderBy('pos').execute();
    return rows;
  }

  it('concurrent writers, some rolled back, and sealing at the same time keep one gapless chain that verifies', async () => {
    const { rt } = kit();
    await rt.store.sealAudit();
    const before = (await rt.store.read.audit.head()).seq;
    let sealing = true;
    const sealer = (async () => {
      while (sealing) {
        await rt.store.sealAudit();
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const writes = Array.from({ length: 40 }, (_, i) =>
      rt.store
        .transaction(async (tx) => {
          await record(tx, `writer ${i} a`);
          if (i % 3 === 0) await record(tx, `writer ${i} b`);
          if (i % 5 === 4) throw new Rollback();
        })
        .then(
          () => (i % 3 === 0 ? 2 : 1),
          async (e: unknown) => {
            if (!(e instanceof Rollback)) throw e;
            // As an insert into audit_events that is rolled back does: a number of the sequence is gone.
            await sql`SELECT nextval('audit_events_pos_seq')`.execute(rt.database.db);
            return 0;
          },
        ),
    );
    // One more after the rolled-back ones: its pos is past the gaps they left.
    const committed = (await Promise.all(writes)).reduce((a, b) => a + b, 0) + 1;
    await rt.store.transaction((tx) => record(tx, 'after the gaps'));
    sealing = false;
    await sealer;

    const verified = await rt.services.audit.verify(rt.system('test'));
    expect(verified).toMatchObject({ ok: true, lastSeq: before + committed, unsealed: { count: 0, oldestAt: null } });
    const rows = await seqs();
    // seq has no gaps, where pos has them (numbers the rolled-back inserts took from the sequence).
    expect(rows.map((r) => r.seq).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(rows.map((_, i) => i + 1));
    expect(rows.at(-1)?.pos).toBeGreaterThan(rows.length);
  });

  it('lists an unsealed event in time order with no seq or hash yet, and seals it on the next check', async () => {
    const { rt, app } = kit();
    const operator = await makeOrg(rt, 'operator');
    const auditor = await makeUser(rt, operator.id, ['auditor']);
    const client = new TestClient(app.app);
    expect((await client.login(auditor.email, auditor.password)).status).toBe(200);
    await rt.store.sealAudit();

    const page = await withSealingHeld(rt.database.db, backend, async () => {
      await createStore(rt.database.db, { auditSealer: idleSealer }).transaction((tx) => record(tx, 'waiting'));
      expect(await rt.store.read.audit.unsealed()).toMatchObject({ count: 1 });
      return client.get<AuditPage>('/api/audit-events?limit=5');
    });
    expect(page.status).toBe(200);
    const waiting = page.body.events.find((e) => e.resourceId === 'waiting');
    expect(waiting).toMatchObject({ seq: null, hash: null, type: 'org.created' });
    expect(page.body.events[0]?.id).toBe(waiting?.id); // the newest

    const verified = await client.post<AuditVerifyResult>('/api/audit-events/verify');
    expect(verified.body).toMatchObject({ ok: true, unsealed: { count: 0, oldestAt: null } });
    const after = await client.get<AuditPage>('/api/audit-events?limit=5');
    const sealed = after.body.events.find((e) => e.id === waiting?.id);
    expect(sealed?.seq).toBe(verified.body.lastSeq);
    expect(sealed?.hash).toBe(verified.body.lastHash);
  });

  it('lets the application seal an event once and change nothing else', async () => {
    const { rt } = kit();
    const db = rt.database.db;
    const unsealedStore = createStore(db, { auditSealer: idleSealer });
    await unsealedStore.transaction((tx) => record(tx, 'immutable'));
    const row = await db.selectFrom('audit_events').selectAll().where('resource_id', '=', 'immutable').executeTakeFirstOrThrow();
    // Not its content, not even while unsealed.
    await expect(sql`UPDATE audit_events SET actor_label = 'someone' WHERE pos = ${row.pos}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events WHERE pos = ${row.pos}`.execute(db)).rejects.toThrow(/append-only/);
    await rt.store.sealAudit();
    // Once sealed, not its place or hash either.
    await expect(sql`UPDATE audit_events SET seq = seq + 1000 WHERE pos = ${row.pos}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE audit_events SET hash = repeat('a', 64) WHERE pos = ${row.pos}`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('catches a sealed event changed, removed or reordered, also when more events were sealed after it', async () => {
    const { rt } = kit();
    const db = rt.database.db;
    for (let i = 0; i < 6; i++) await rt.store.transaction((tx) => record(tx, `tamper ${i}`));
    await rt.store.sealAudit();
    const target = await db.selectFrom('audit_events').selectAll().where('resource_id', '=', 'tamper 2').executeTakeFirstOrThrow();
    const seq = Number(target.seq);
    // More events sealed after the target, by another batch: sealing goes on from the true head.
    await createStore(db, { auditSealer: idleSealer }).transaction(async (tx) => {
      await record(tx, 'tamper late 1');
      await record(tx, 'tamper late 2');
    });
    await rt.store.sealAudit();

    expect(await verifyTampered(db, async () => {})).toMatchObject({ ok: true });
    const changed = await verifyTampered(db, async (tx) => {
      await sql`UPDATE audit_events SET data = '{"name":"forged","kind":"client"}'::jsonb WHERE pos = ${target.pos}`.execute(tx);
    });
    expect(changed).toMatchObject({ ok: false, broken: { seq, problem: 'content_changed' } });
    const removed = await verifyTampered(db, async (tx) => {
      await sql`DELETE FROM audit_events WHERE pos = ${target.pos}`.execute(tx);
    });
    expect(removed).toMatchObject({ ok: false, broken: { seq, problem: 'missing_event' } });
    const reordered = await verifyTampered(db, async (tx) => {
      await sql`UPDATE audit_events SET seq = -seq WHERE seq IN (${seq}, ${seq + 1})`.execute(tx);
      await sql`UPDATE audit_events SET seq = CASE WHEN seq = ${-seq}::bigint THEN ${seq + 1}::bigint ELSE ${seq}::bigint END WHERE seq IN (${-seq}::bigint, ${-(seq + 1)}::bigint)`.execute(
        tx,
      );
    });
    expect(reordered).toMatchObject({ ok: false, broken: { seq } });
    const lastRemoved = await verifyTampered(db, async (tx) => {
      await sql`DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)`.execute(tx);
    });
    expect(lastRemoved).toMatchObject({ ok: false, broken: { problem: 'missing_event' } });
  });

  it('backs up unsealed events as they are; the restored log verifies and seals them', async () => {
    const { rt } = kit();
    const db = rt.database.db;
    await rt.store.sealAudit();
    const sealedHead = (await rt.store.read.audit.head()).seq;
    const dir = mkdtempSync(join(tmpdir(), 'kpo-seal-backup-'));
    const target = await createTestKit(backend);
    try {
      const file = join(dir, 'kpo.backup');
      await withSealingHeld(db, backend, async () => {
        await createStore(db, { auditSealer: idleSealer }).transaction((tx) => record(tx, 'in the backup, unsealed'));
        await backup(db, file, { source: 'test', protection: { unencrypted: true } });
      });
      const restored = await restore(target.rt.database.db, file, { passphrase: null, allowUnencrypted: true });
      // The backup seals what waits unless another sealer holds the head (PostgreSQL here): then the
      // restore checks the sealed chain, and the event still waiting comes along as it was …
      const sealedByBackup = backend === 'pglite' ? 1 : 0;
      expect(restored.auditChain).toMatchObject({ ok: true, lastSeq: sealedHead + sealedByBackup });
      expect(restored.unsealedEvents).toBe(1 - sealedByBackup);
      // … and is sealed after it, onto the same chain.
      const verified = await target.rt.services.audit.verify(target.rt.system('test'));
      expect(verified).toMatchObject({ ok: true, lastSeq: sealedHead + 1, unsealed: { count: 0 } });
    } finally {
      await target.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Two connections at once: PostgreSQL only (PGlite is one connection, where this cannot happen).
const onPostgres = postgresUrl() ? describe : describe.skip;
onPostgres('audit sealing on PostgreSQL: an event changed while it is being sealed', () => {
  let database: Database | null = null;
  afterAll(async () => {
    await database?.close();
  });

  it('is caught: the seal covers what the sealer read, not what was changed under it', async () => {
    // A database without a server's sealer: only this test seals.
    database = await openTestDatabase('postgres');
    const db = database.db;
    await createStore(db, { auditSealer: idleSealer }).transaction((tx) =>
      tx.audit.append({
        id: randomUUID(),
        occurredAt: new Date().toISOString(),
        type: 'org.created',
        actorUserId: null,
        actorLabel: 'cli:test',
        orgId: null,
        resourceType: 'organization',
        resourceId: 'race',
        data: { name: 'sealed while changed', kind: 'client' },
        ip: null,
        requestId: null,
      }),
    );
    const row = await db.selectFrom('audit_events').select('pos').where('resource_id', '=', 'race').executeTakeFirstOrThrow();
    // The change holds its row (past the trigger without locking the table, as a superuser can); the
    // sealer reads the committed content, and waits on the row to seal it.
    let changed: () => void = () => {};
    const hasChanged = new Promise<void>((r) => {
      changed = r;
    });
    let release: () => void = () => {};
    const released = new Promise<void>((r) => {
      release = r;
    });
    const changer = db.transaction().execute(async (tx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(tx);
      await sql`UPDATE audit_events SET data = '{"name":"forged","kind":"client"}'::jsonb WHERE pos = ${row.pos}`.execute(tx);
      changed();
      await released;
    });
    await hasChanged;
    let sealed = false;
    const sealing = sealPending(db, true).finally(() => {
      sealed = true;
    });
    const sealerWaits = async () =>
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE audit_events a SET seq%'`.execute(db)
      ).rows[0]?.n ?? 0;
    while (!sealed && (await sealerWaits()) === 0) await new Promise((r) => setTimeout(r, 10));
    expect(sealed).toBe(false); // the sealer is waiting on the changed row
    release();
    await changer;
    expect(await sealing).toBe(1);
    const audit = createRepos(db).audit;
    const head = await audit.head();
    expect(await verifyChain(audit.scan(head.seq), head)).toMatchObject({
      ok: false,
      broken: { seq: head.seq, problem: 'content_changed' },
    });
  });
});
