import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describePostgres, makePostgresDatabase } from '../../testing/db.js';
import { type Database, openDatabase } from './database.js';
import { PLAN_EACH_TIME, PREPARED_MAX_PARAMETERS, PREPARED_PER_CONNECTION, PreparingClient } from './prepared.js';

describePostgres('prepared statements on PostgreSQL', () => {
  let target: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    target = await makePostgresDatabase();
  });
  afterAll(async () => {
    await target?.drop();
  });

  /** Runs `use` on a database of one connection (so every statement lands on the same one), then closes it. */
  async function onOneConnection(use: (db: Database['db']) => Promise<void>, preparedStatements = true): Promise<void> {
    const database = await openDatabase({ kind: 'postgres', url: target.url, poolSize: 1, preparedStatements });
    try {
      await use(database.db);
    } finally {
      await database.close();
    }
  }

  /** The statements this connection holds, as PostgreSQL lists them. */
  const preparedOn = async (db: Database['db']) =>
    (await sql<{ name: string; statement: string }>`SELECT name, statement FROM pg_prepared_statements ORDER BY name`.execute(db)).rows;

  it('prepares a query with parameters once per connection and answers it the same each time', async () => {
    await onOneConnection(async (db) => {
      const twice = [];
      for (const n of [1, 2, 3]) twice.push((await sql<{ v: number }>`SELECT ${n}::int + 1 AS v`.execute(db)).rows[0]?.v);
      expect(twice).toEqual([2, 3, 4]);
      const held = await preparedOn(db);
      // One statement for the three calls (the listing query itself has no parameters: sent as it was).
      expect(held.filter((s) => s.statement.includes('+ 1 AS v'))).toHaveLength(1);
      expect(held.every((s) => s.name.startsWith('kpo_'))).toBe(true);
    });
  });

  it('sends a script of several statements, which no prepared statement can hold, as it was', async () => {
    await onOneConnection(async (db) => {
      await sql`CREATE TABLE IF NOT EXISTS prepared_probe (id int PRIMARY KEY); INSERT INTO prepared_probe VALUES (1) ON CONFLICT DO NOTHING`.execute(
        db,
      );
      const rows = await sql<{ id: number }>`SELECT id FROM prepared_probe WHERE id = ${1}`.execute(db);
      expect(rows.rows).toEqual([{ id: 1 }]);
    });
  });

  it('survives a prepared statement failing inside a transaction, and runs it again after', async () => {
    await onOneConnection(async (db) => {
      await sql`CREATE TABLE IF NOT EXISTS prepared_unique (id int PRIMARY KEY)`.execute(db);
      const insert = (id: number) => sql`INSERT INTO prepared_unique (id) VALUES (${id})`.execute(db);
      await insert(10);
      await expect(
        db.transaction().execute(async (tx) => sql`INSERT INTO prepared_unique (id) VALUES (${10})`.execute(tx)),
      ).rejects.toThrow(/duplicate key/);
      await insert(11);
      const ids = (await sql<{ id: number }>`SELECT id FROM prepared_unique WHERE id >= ${10} ORDER BY id`.execute(db)).rows.map(
        (r) => r.id,
      );
      expect(ids).toEqual([10, 11]);
    });
  });

  it('keeps at most PREPARED_PER_CONNECTION statements a connection; texts past the cap still run, unnamed', async () => {
    const client = new PreparingClient({ connectionString: target.url });
    await client.connect();
    try {
      const count = PREPARED_PER_CONNECTION + 25;
      for (let i = 0; i < count; i++) {
        const r = await client.query(`SELECT $1::int + ${i} AS v`, [1]);
        expect(r.rows[0].v).toBe(1 + i);
      }
      expect(client.preparedCount).toBe(PREPARED_PER_CONNECTION);
      const held = await client.query('SELECT count(*)::int AS n FROM pg_prepared_statements');
      expect(held.rows[0].n).toBe(PREPARED_PER_CONNECTION);
    } finally {
      await client.end();
    }
  });

  it('prepares nothing when turned off (a pooler in transaction mode)', async () => {
    await onOneConnection(async (db) => {
      for (const n of [1, 2]) await sql`SELECT ${n}::int AS v`.execute(db);
      expect(await preparedOn(db)).toEqual([]);
    }, false);
  });
  it('prepares a statement afresh when a table it reads changed shape under it (another process migrated)', async () => {
    await onOneConnection(async (db) => {
      await sql`CREATE TABLE IF NOT EXISTS prepared_shape (id int PRIMARY KEY)`.execute(db);
      await sql`INSERT INTO prepared_shape VALUES (1) ON CONFLICT DO NOTHING`.execute(db);
      const read = () => sql<Record<string, unknown>>`SELECT * FROM prepared_shape WHERE id = ${1}`.execute(db);
      expect((await read()).rows).toEqual([{ id: 1 }]);
      await sql`ALTER TABLE prepared_shape ADD COLUMN note text`.execute(db);
      // PostgreSQL refuses the old plan once; the next call prepares the text again and sees the new column.
      await expect(read()).rejects.toThrow(/cached plan must not change result type/);
      expect((await read()).rows).toEqual([{ id: 1, note: null }]);
    });
  });
  it('sends a statement of many parameters (a multi-row insert) unnamed: its kept plan would hold the whole VALUES list', async () => {
    await onOneConnection(async (db) => {
      await sql`CREATE TABLE IF NOT EXISTS prepared_bulk (id int PRIMARY KEY)`.execute(db);
      const rows = Array.from({ length: PREPARED_MAX_PARAMETERS + 1 }, (_, i) => sql`(${1000 + i})`);
      await sql`INSERT INTO prepared_bulk (id) VALUES ${sql.join(rows)} ON CONFLICT DO NOTHING`.execute(db);
      const few = Array.from({ length: 3 }, (_, i) => sql`(${2000 + i})`);
      await sql`INSERT INTO prepared_bulk (id) VALUES ${sql.join(few)} ON CONFLICT DO NOTHING`.execute(db);
      const held = (await preparedOn(db)).filter((s) => s.statement.includes('prepared_bulk'));
      expect(held).toHaveLength(1);
      expect(held[0]?.statement).toContain('($1), ($2), ($3)');
      expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM prepared_bulk`.execute(db)).rows[0]?.n).toBe(
        PREPARED_MAX_PARAMETERS + 4,
      );
    });
  });

  it('sends a statement marked PLAN_EACH_TIME unnamed, so it is planned for its values on every call', async () => {
    await onOneConnection(async (db) => {
      for (const n of [1, 2, 3, 4, 5, 6, 7]) {
        const marked = await sql<{ v: number }>`SELECT ${n}::int * 2 AS v ${sql.raw(PLAN_EACH_TIME)}`.execute(db);
        expect(marked.rows[0]?.v).toBe(n * 2);
        await sql`SELECT ${n}::int * 3 AS v`.execute(db);
      }
      const held = (await preparedOn(db)).map((s) => s.statement);
      expect(held.filter((s) => s.includes('* 3 AS v'))).toHaveLength(1);
      expect(held.filter((s) => s.includes('* 2 AS v'))).toEqual([]);
    });
  });
});
