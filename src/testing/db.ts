import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { type Database, openDatabase } from '../infra/db/database.js';
import { PGLITE_EXTENSIONS } from '../infra/db/pglite-extensions.js';
import { withDatabase } from './global-setup.js';

export type Backend = 'pglite' | 'postgres';

export const postgresUrl = () => process.env.TEST_DATABASE_URL ?? '';

/** A fresh, migrated database of its own for one test file (or one test). */
export async function openTestDatabase(backend: Backend): Promise<Database> {
  if (backend === 'pglite') {
    const dump = readFileSync(inject('pgliteTemplate'));
    const lite = await PGlite.create({ loadDataDir: new Blob([dump]), extensions: PGLITE_EXTENSIONS });
    const database = await openDatabase({ kind: 'pglite-instance', pglite: lite, location: 'memory (test)' });
    return {
      ...database,
      close: async () => {
        await database.close();
        await lite.close();
      },
    };
  }
  const url = postgresUrl();
  const name = `kpo_t_${inject('postgresTemplate').replace('kpo_tpl_', '')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url: withDatabase(url, name), poolSize: 4 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

const SKIP_POSTGRES = 'PostgreSQL: skipped, TEST_DATABASE_URL is not set (CI sets it)';

/**
 * Runs a suite once on embedded PGlite and once more on PostgreSQL when TEST_DATABASE_URL is
 * set; without it, the PostgreSQL run shows as skipped and says why.
 */
export function describeEachDatabase(name: string, suite: (backend: Backend) => void): void {
  describe(`${name} [PGlite]`, () => suite('pglite'));
  if (postgresUrl()) describe(`${name} [PostgreSQL]`, () => suite('postgres'));
  else describe.skip(`${name} [${SKIP_POSTGRES}]`, () => suite('postgres'));
}

/** A suite that needs a PostgreSQL server: run when TEST_DATABASE_URL is set, shown as skipped (and why) otherwise. */
export function describePostgres(name: string, suite: () => void): void {
  if (postgresUrl()) describe(name, suite);
  else describe.skip(`${name} [${SKIP_POSTGRES}]`, suite);
}

/** A kpo data directory on disk holding a migrated embedded database, as `kpo` would leave it. */
export async function makeTestDataDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kpo-data-'));
  const lite = await PGlite.create(join(dir, 'pg'), {
    loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]),
    extensions: PGLITE_EXTENSIONS,
  });
  await lite.close();
  return dir;
}

/** An empty PostgreSQL database of its own (for restore and multi-process tests); drop it when done. */
export async function makePostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const url = postgresUrl();
  const name = `kpo_t_${inject('postgresTemplate').replace('kpo_tpl_', '')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabase(url, name),
    async drop() {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
