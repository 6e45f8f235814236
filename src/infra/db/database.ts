import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { type DataDirLock, lockDataDir } from './lock.js';
import { PGLITE_EXTENSIONS } from './pglite-extensions.js';
import { PreparingClient } from './prepared.js';
import type { DB } from './schema.js';

// bigint (int8) columns hold sequence numbers, counts and yen amounts well below 2^53: read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
// numeric holds weights and hours (small, fractional): numbers too.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));
// A calendar date is a date, not an instant: keep YYYY-MM-DD rather than a Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  readonly db: Kysely<DB>;
  readonly kind: DatabaseKind;
  /** Where the data lives, for messages: a directory or a URL without its password. */
  readonly location: string;
  /** The embedded engine, when kind is pglite (backups, tests). */
  readonly pglite: PGlite | null;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  /** preparedStatements: each query planned once per connection (default); off behind a transaction-mode pooler. */
  | { kind: 'postgres'; url: string; poolSize?: number; preparedStatements?: boolean }
  | { kind: 'pglite'; dataDir: string }
  /** An engine someone else opened and owns (tests clone a migrated template). */
  | { kind: 'pglite-instance'; pglite: PGlite; location: string };

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

async function ping(db: Kysely<DB>): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize ?? 10,
      // Not through a pooler that hands a session's statements to another (PgBouncer in transaction mode).
      Client: target.preparedStatements === false ? pg.Client : PreparingClient,
    });
    // An idle connection the server ends (a restart, a failover, an administrator) is dropped from
    // the pool and replaced on next use; without this listener node-postgres would crash the process.
    pool.on('error', (err) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`, { code: 'KPO_DB_CONNECTION_LOST' }));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', location: redactUrl(target.url), pglite: null, ping: () => ping(db), close: () => db.destroy() };
  }

  let lock: DataDirLock | null = null;
  let pglite: PGlite;
  let location: string;
  let ownsEngine = true;
  if (target.kind === 'pglite') {
    lock = lockDataDir(target.dataDir);
    location = target.dataDir;
    try {
      pglite = await PGlite.create(join(target.dataDir, 'pg'), { extensions: PGLITE_EXTENSIONS });
    } catch (e) {
      lock.release();
      throw e;
    }
  } else {
    pglite = target.pglite;
    location = target.location;
    ownsEngine = false;
  }
  // PGlite is one connection: the pool hands it out to one query or transaction at a time.
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    location,
    pglite,
    ping: () => ping(db),
    async close() {
      await db.destroy();
      if (ownsEngine) await pglite.close();
      lock?.release();
    },
  };
}
