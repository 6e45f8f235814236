import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Backend, describeEachDatabase, openTestDatabase } from '../../testing/db.js';
import type { Database } from './database.js';
import { loadMigrations, migrate, migrationStatus } from './migrate.js';

const REAL = fileURLToPath(new URL('./migrations/', import.meta.url));

function migrationsDir(extra: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kpo-migrations-'));
  for (const m of loadMigrations(REAL)) copyFileSync(join(REAL, m.name), join(dir, m.name));
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}

describeEachDatabase('migrations', (backend: Backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await database.close();
  });

  it('applies a new migration once, in order, and records its checksum', async () => {
    const next = loadMigrations(REAL).length + 1;
    const name = `${String(next).padStart(4, '0')}_test_widgets.sql`;
    const dir = migrationsDir({ [name]: 'CREATE TABLE test_widgets (id int PRIMARY KEY);' });
    const first = await migrate(database.db, { migrations: loadMigrations(dir) });
    expect(first.applied).toEqual([name]);
    expect((await migrate(database.db, { migrations: loadMigrations(dir) })).applied).toEqual([]);
    const status = await migrationStatus(database.db, loadMigrations(dir));
    expect(status.pending).toEqual([]);
    expect(status.applied.at(-1)?.name).toBe(name);

    // Editing an applied migration fails loudly, naming it.
    const edited = migrationsDir({ [name]: 'CREATE TABLE test_widgets (id bigint PRIMARY KEY);' });
    await expect(migrate(database.db, { migrations: loadMigrations(edited) })).rejects.toThrow(
      new RegExp(`${name} was changed after it was applied`),
    );
    // A database migrated by a newer kpo is refused too.
    await expect(migrationStatus(database.db, loadMigrations(REAL))).rejects.toThrow(/does not know/);
  });

  it('rolls back a failing migration entirely', async () => {
    const next = loadMigrations(REAL).length + 2;
    const name = `${String(next).padStart(4, '0')}_broken.sql`;
    const dir = migrationsDir({
      [`${String(next - 1).padStart(4, '0')}_test_widgets.sql`]: 'CREATE TABLE test_widgets (id int PRIMARY KEY);',
      [name]: 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;',
    });
    await expect(migrate(database.db, { migrations: loadMigrations(dir) })).rejects.toThrow(/no_such_table/);
    const exists = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'half_done'`.execute(database.db);
    expect(exists.rows[0]?.n).toBe(0);
  });

  it('rejects migration files out of sequence', () => {
    const skipped = String(loadMigrations(REAL).length + 2).padStart(4, '0');
    const dir = migrationsDir({ [`${skipped}_gap.sql`]: 'SELECT 1;' });
    expect(() => loadMigrations(dir)).toThrow(/out of sequence/);
  });
});
