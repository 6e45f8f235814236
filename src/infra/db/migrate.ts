import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { AppError } from '../../shared/errors.js';
import type { DB } from './schema.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  applied: { version: number; name: string; appliedAt: string }[];
  pending: { version: number; name: string }[];
}

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Any constant: serialises migrations of several processes starting at once on one database. */
const MIGRATION_LOCK_KEY = 4_715_201;

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  return files.map((file, index) => {
    const version = Number.parseInt(file.slice(0, 4), 10);
    if (version !== index + 1) {
      throw new AppError('internal', `Migration ${file} is out of sequence: expected version ${index + 1}.`);
    }
    const text = readFileSync(`${dir}/${file}`, 'utf8');
    return { version, name: file, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
  });
}

async function ensureTable(db: Kysely<DB>): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS kpo_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL
  )`.execute(db);
}

/** Compares applied migrations with the files; an edited or missing file fails loudly. */
function checkApplied(applied: { version: number; name: string; checksum: string }[], migrations: Migration[]): void {
  for (const row of applied) {
    const file = migrations.find((m) => m.version === row.version);
    if (!file) {
      throw new AppError(
        'invalid_state',
        `The database has migration ${row.name}, which this version of kpo does not know. Run a kpo at least as new as the one that migrated it.`,
        { reason: 'unknown_migration' },
      );
    }
    if (file.checksum !== row.checksum) {
      throw new AppError(
        'invalid_state',
        `Migration ${row.name} was changed after it was applied (checksum ${row.checksum.slice(0, 12)}… in the database, ${file.checksum.slice(0, 12)}… on disk). Applied migrations are never edited: add a new migration instead.`,
        { reason: 'migration_edited' },
      );
    }
  }
}

export async function migrationStatus(db: Kysely<DB>, migrations = loadMigrations()): Promise<MigrationStatus> {
  const applied = await db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(tx);
    await ensureTable(tx);
    return tx.selectFrom('kpo_migrations').selectAll().orderBy('version').execute();
  });
  checkApplied(applied, migrations);
  return {
    applied: applied.map((r) => ({ version: r.version, name: r.name, appliedAt: new Date(r.applied_at).toISOString() })),
    pending: migrations.filter((m) => !applied.some((a) => a.version === m.version)).map(({ version, name }) => ({ version, name })),
  };
}

/**
 * Applies pending migrations in one transaction under an advisory lock, so that several
 * processes starting together migrate once. `upTo` stops at a version (restore uses it).
 */
export async function migrate(
  db: Kysely<DB>,
  options: { migrations?: Migration[]; upTo?: number; now?: Date } = {},
): Promise<{ applied: string[] }> {
  const migrations = options.migrations ?? loadMigrations();
  return db.transaction().execute(async (tx) => {
    // The lock comes first: two processes creating the bookkeeping table at once collide in
    // PostgreSQL's catalogue even with IF NOT EXISTS.
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(tx);
    await ensureTable(tx);
    const applied = await tx.selectFrom('kpo_migrations').select(['version', 'name', 'checksum']).execute();
    checkApplied(applied, migrations);
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.some((a) => a.version === m.version)) continue;
      if (options.upTo !== undefined && m.version > options.upTo) break;
      await sql.raw(m.sql).execute(tx);
      await tx
        .insertInto('kpo_migrations')
        .values({ version: m.version, name: m.name, checksum: m.checksum, applied_at: options.now ?? new Date() })
        .execute();
      done.push(m.name);
    }
    return { applied: done };
  });
}
