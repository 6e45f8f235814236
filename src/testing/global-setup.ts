import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../infra/db/database.js';
import { migrate } from '../infra/db/migrate.js';
import { PGLITE_EXTENSIONS } from '../infra/db/pglite-extensions.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory, dumped, that every test file loads its own copy of. */
    pgliteTemplate: string;
    /** A migrated PostgreSQL database to clone with CREATE DATABASE … TEMPLATE, or '' without TEST_DATABASE_URL. */
    postgresTemplate: string;
  }
}

/**
 * Migrating takes seconds; cloning a migrated template takes one. Build each template once per
 * run and let every test file clone it into a database of its own.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'kpo-test-'));
  const lite = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  const database = await openDatabase({ kind: 'pglite-instance', pglite: lite, location: 'template' });
  await migrate(database.db);
  await database.close();
  const dump = await lite.dumpDataDir('none');
  await lite.close();
  const templatePath = join(dir, 'template.tar');
  writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', templatePath);

  const url = process.env.TEST_DATABASE_URL;
  let templateDb = '';
  if (url) {
    templateDb = `kpo_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${templateDb}`);
    await admin.query(`CREATE DATABASE ${templateDb}`);
    await admin.end();
    const tpl = await openDatabase({ kind: 'postgres', url: withDatabase(url, templateDb), poolSize: 1 });
    await migrate(tpl.db);
    await tpl.close();
  }
  project.provide('postgresTemplate', templateDb);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url && templateDb) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const leftovers = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'kpo_t_${process.pid}_%' OR datname = $1`,
        [templateDb],
      );
      for (const row of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
      await admin.end();
    }
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
