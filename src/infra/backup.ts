import { randomBytes } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import { type VerifyResult, verifyChain } from '../core/audit/chain.js';
import { AppError } from '../shared/errors.js';
import { decryptStream, ENCRYPTED_MAGIC, encryptStream, MIN_PASSPHRASE_LENGTH } from './crypto/backup-stream.js';
import { loadMigrations, migrate, migrationStatus } from './db/migrate.js';
import { createRepos } from './db/repos.js';
import type { DB } from './db/schema.js';

/**
 * Backups are logical: gzip'd JSON lines, one per row, read in one REPEATABLE READ snapshot, so
 * a backup taken while kpo runs on PostgreSQL is consistent, and a backup restores into either
 * engine. Sessions and login attempts are passing security state and are left out: a restored
 * instance starts with everyone signed out. The gzip'd lines are encrypted and authenticated
 * under a passphrase (crypto/backup-stream.ts) unless the operator explicitly asks otherwise
 * (docs/decisions/0005-encrypted-backups.md).
 */
export const BACKUP_FORMAT = 'kpo-backup';
export const BACKUP_VERSION = 1;
const SKIPPED_TABLES = new Set(['kpo_migrations', 'sessions', 'login_attempts']);
const BATCH = 500;

interface Header {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  schemaVersion: number;
  source: string;
  tables: string[];
}

type Progress = (event: { table: string; rows: number }) => void;

/** How a backup is protected: a passphrase, or an explicit choice of none. */
export type BackupProtection = { passphrase: string } | { unencrypted: true };

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/** User tables in an order where every foreign key points backwards. */
async function tablesInDependencyOrder(db: Kysely<DB>): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`.execute(db);
  const deps = await sql<{ child: string; parent: string }>`
    SELECT cl.relname AS child, pl.relname AS parent FROM pg_constraint k
    JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class pl ON pl.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = cl.relnamespace
    WHERE k.contype = 'f' AND n.nspname = 'public' AND cl.relname <> pl.relname`.execute(db);
  const names = tables.rows.map((t) => t.name).filter((t) => !SKIPPED_TABLES.has(t));
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t)) return;
    if (path.has(t)) throw new AppError('internal', `Foreign keys form a cycle through ${t}.`);
    path.add(t);
    for (const d of deps.rows) if (d.child === t && names.includes(d.parent)) visit(d.parent, path);
    path.delete(t);
    ordered.push(t);
  };
  for (const t of names) visit(t, new Set());
  return ordered;
}

async function primaryKey(db: Kysely<DB>, table: string): Promise<string[]> {
  const r = await sql<{ column: string }>`
    SELECT a.attname AS column FROM pg_index i
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
    WHERE i.indrelid = ${table}::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`.execute(db);
  if (r.rows.length === 0) throw new AppError('internal', `Table ${table} has no primary key; it cannot be backed up in batches.`);
  return r.rows.map((row) => row.column);
}

export async function backup(
  db: Kysely<DB>,
  file: string,
  options: { source: string; protection: BackupProtection; onProgress?: Progress },
): Promise<{ rows: number; tables: Record<string, number>; encrypted: boolean }> {
  const { source, protection, onProgress } = options;
  if ('passphrase' in protection && protection.passphrase.length < MIN_PASSPHRASE_LENGTH)
    throw new AppError('invalid_input', `The backup passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters.`, {
      reason: 'invalid_option',
    });
  const status = await migrationStatus(db);
  if (status.pending.length > 0)
    throw new AppError('invalid_state', 'The database has pending migrations; run `kpo db migrate` first.', {
      reason: 'pending_migrations',
    });
  // Written under a temporary name and renamed when complete: FILE is a whole backup or untouched.
  const partial = `${file}.partial-${randomBytes(4).toString('hex')}`;
  const gzip = createGzip();
  const stages: (Transform | ReturnType<typeof createWriteStream>)[] = [gzip];
  if ('passphrase' in protection) stages.push(encryptStream(protection.passphrase));
  stages.push(createWriteStream(partial, { mode: 0o600 }));
  const out = pipelineAsync(stages);
  out.catch(() => {});
  const write = (obj: unknown) =>
    new Promise<void>((resolve) => (gzip.write(`${JSON.stringify(obj)}\n`) ? resolve() : gzip.once('drain', resolve)));
  const counts: Record<string, number> = {};
  try {
    await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (tx) => {
        await sql`SET TRANSACTION READ ONLY`.execute(tx);
        const tables = await tablesInDependencyOrder(tx);
        const header: Header = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          schemaVersion: status.applied.at(-1)?.version ?? 0,
          source,
          tables,
        };
        await write(header);
        for (const table of tables) {
          const pk = await primaryKey(tx, table);
          const pkList = sql.join(pk.map((c) => sql.ref(`t.${c}`)));
          let last: unknown[] | null = null;
          counts[table] = 0;
          for (;;) {
            const after: ReturnType<typeof sql> = last ? sql`WHERE (${pkList}) > (${sql.join(last.map((v) => sql`${v}`))})` : sql``;
            const rows = await sql<{ j: Record<string, unknown>; k: unknown[] }>`
              SELECT row_to_json(t) AS j, json_build_array(${pkList}) AS k
              FROM ${sql.table(table)} t ${after} ORDER BY ${pkList} LIMIT ${BATCH}`.execute(tx);
            for (const r of rows.rows) await write({ t: table, r: r.j });
            counts[table] += rows.rows.length;
            onProgress?.({ table, rows: counts[table] });
            if (rows.rows.length < BATCH) break;
            last = rows.rows.at(-1)?.k ?? null;
          }
        }
        await write({ end: true, counts });
      });
    gzip.end();
    await out;
    renameSync(partial, file);
  } catch (e) {
    gzip.destroy();
    await out.catch(() => {});
    rmSync(partial, { force: true });
    throw e;
  }
  return { rows: Object.values(counts).reduce((a, b) => a + b, 0), tables: counts, encrypted: 'passphrase' in protection };
}

function firstBytes(file: string, n: number): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new AppError('not_found', `Cannot read ${file}: ${(e as Error).message}.`, { reason: 'file_not_found' });
  }
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

/** The backup's plain JSON text, decrypted and checked on the way when it is encrypted. */
function openBackup(file: string, protection: { passphrase: string | null; allowUnencrypted: boolean }): Readable {
  const start = firstBytes(file, ENCRYPTED_MAGIC.length);
  const noop = () => {};
  if (start.equals(ENCRYPTED_MAGIC)) {
    if (!protection.passphrase)
      throw new AppError('invalid_input', `${file} is encrypted: give its passphrase (KPO_BACKUP_PASSPHRASE or --passphrase-file).`, {
        reason: 'backup_passphrase_required',
      });
    return pipeline(createReadStream(file), decryptStream(protection.passphrase), createGunzip(), noop);
  }
  if (start.subarray(0, 2).equals(GZIP_MAGIC)) {
    if (!protection.allowUnencrypted)
      throw new AppError(
        'invalid_input',
        `${file} is an unencrypted backup: nothing proves it is unchanged. Restore it with --unencrypted if you trust where it was kept.`,
        { reason: 'backup_unencrypted' },
      );
    return pipeline(createReadStream(file), createGunzip(), noop);
  }
  throw new AppError('invalid_input', `${file} is not a kpo backup.`, { reason: 'bad_backup' });
}

async function* readLines(file: string, source: Readable): AsyncGenerator<Record<string, unknown>> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of source) {
      rest += decoder.write(chunk as Buffer);
      let start = 0;
      for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n', start)) {
        const line = rest.slice(start, nl);
        start = nl + 1;
        if (line.trim()) yield JSON.parse(line) as Record<string, unknown>;
      }
      rest = rest.slice(start);
    }
    rest += decoder.end();
    if (rest.trim()) yield JSON.parse(rest) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('invalid_input', `${file} is not a readable kpo backup (${(e as Error).message}).`, { reason: 'bad_backup' });
  } finally {
    source.destroy();
  }
}

/** Restores into an empty database: migrates to the backup's schema, loads every row, then migrates the rest. */
export async function restore(
  db: Kysely<DB>,
  file: string,
  options: {
    passphrase: string | null;
    allowUnencrypted: boolean;
    onProgress?: Progress;
    /** A last check of the loaded rows; throwing restores nothing. */
    beforeCommit?: (tx: Kysely<DB>) => Promise<void>;
  },
): Promise<{ rows: number; header: Header; auditChain: VerifyResult & { ok: true }; encrypted: boolean }> {
  const { onProgress } = options;
  const encrypted = firstBytes(file, ENCRYPTED_MAGIC.length).equals(ENCRYPTED_MAGIC);
  const lines = readLines(file, openBackup(file, options));
  const first = (await lines.next()).value as Header | undefined;
  if (!first || first.format !== BACKUP_FORMAT)
    throw new AppError('invalid_input', `${file} is not a kpo backup.`, { reason: 'bad_backup' });
  if (first.version !== BACKUP_VERSION)
    throw new AppError('invalid_input', `Backup format ${first.version} is not supported by this kpo.`, { reason: 'bad_backup' });
  const known = loadMigrations().length;
  if (first.schemaVersion > known) {
    throw new AppError('invalid_state', `The backup comes from a newer kpo (schema ${first.schemaVersion}); this one knows ${known}.`, {
      reason: 'backup_too_new',
    });
  }
  await migrate(db, { upTo: first.schemaVersion });
  const nonEmpty = await sql<{
    n: number;
  }>`SELECT (SELECT count(*) FROM organizations) + (SELECT count(*) FROM users) + (SELECT count(*) FROM audit_events) AS n`.execute(db);
  if (Number(nonEmpty.rows[0]?.n ?? 0) > 0) {
    throw new AppError('invalid_state', 'The target database is not empty. Restore into an empty data directory or database.', {
      reason: 'target_not_empty',
    });
  }
  let rows = 0;
  const auditChain = await db.transaction().execute(async (tx) => {
    for (const table of first.tables) await sql`DELETE FROM ${sql.table(table)}`.execute(tx);
    const batch = { table: '', rows: [] as unknown[] };
    const counts: Record<string, number> = {};
    const flush = async () => {
      if (batch.rows.length === 0) return;
      await sql`INSERT INTO ${sql.table(batch.table)} SELECT * FROM json_populate_recordset(NULL::${sql.table(batch.table)}, ${JSON.stringify(batch.rows)}::json)`.execute(
        tx,
      );
      counts[batch.table] = (counts[batch.table] ?? 0) + batch.rows.length;
      onProgress?.({ table: batch.table, rows: counts[batch.table] ?? 0 });
      rows += batch.rows.length;
      batch.rows = [];
    };
    let ended = false;
    for await (const line of lines) {
      // Read on to the end of the file after the end marker: an encrypted backup's last chunk is
      // only known to be whole (not cut short, nothing appended) when the stream ends cleanly.
      if (ended) throw new AppError('invalid_input', 'The backup has data after its end marker.', { reason: 'bad_backup' });
      if (line.end === true) {
        ended = true;
        const expected = line.counts as Record<string, number>;
        await flush();
        for (const [t, n] of Object.entries(expected)) {
          if ((counts[t] ?? 0) !== n)
            throw new AppError('invalid_input', `The backup is inconsistent: ${t} has ${counts[t] ?? 0} rows, expected ${n}.`, {
              reason: 'bad_backup',
            });
        }
        continue;
      }
      const table = line.t as string;
      if (!first.tables.includes(table))
        throw new AppError('invalid_input', `The backup names an unknown table ${table}.`, { reason: 'bad_backup' });
      if (batch.table !== table) {
        await flush();
        batch.table = table;
      }
      batch.rows.push(line.r);
      if (batch.rows.length >= BATCH) await flush();
    }
    if (!ended)
      throw new AppError('invalid_input', 'The backup is truncated: its end marker is missing. Nothing was restored.', {
        reason: 'bad_backup',
      });
    // Sequences behind serial columns continue after the restored rows.
    const serials = await sql<{ tbl: string; col: string; seq: string }>`
      SELECT c.table_name AS tbl, c.column_name AS col, pg_get_serial_sequence(c.table_name, c.column_name) AS seq
      FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.column_default LIKE 'nextval(%'`.execute(tx);
    for (const s of serials.rows) {
      if (!first.tables.includes(s.tbl)) continue;
      await sql`SELECT setval(${s.seq}, coalesce((SELECT max(${sql.ref(s.col)}) FROM ${sql.table(s.tbl)}), 0) + 1, false)`.execute(tx);
    }
    // A backup whose audit log was altered restores nothing: verify before committing.
    const audit = createRepos(tx).audit;
    const head = await audit.head();
    const verified = await verifyChain(audit.scan(head.seq), head);
    if (!verified.ok) {
      throw new AppError('invalid_input', `The backup's audit log does not verify (${verified.broken.message}). Nothing was restored.`, {
        reason: 'backup_tampered',
      });
    }
    await options.beforeCommit?.(tx);
    return verified;
  });
  await migrate(db);
  return { rows, header: first, auditChain, encrypted };
}
