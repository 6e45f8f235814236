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
import { sealPending } from './db/audit-sealer.js';
import { loadMigrations, migrate, migrationStatus } from './db/migrate.js';
import { createRepos } from './db/repos.js';
import type { DB } from './db/schema.js';
import type { BlobStore, BlobWriter } from './documents/blob-stores.js';

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
// The vault's blobs travel as blob lines, whatever store they live in (vault_blobs rows are the PostgreSQL store's).
// engagement_visibility and engagement_names are derived: their triggers rebuild them as the engagements and invitations are restored.
// provider_answer_stats is derived too: the first view of the control figures computes it again.
const SKIPPED_TABLES = new Set([
  'kpo_migrations',
  'sessions',
  'login_attempts',
  'vault_blobs',
  'vault_blob_chunks',
  'engagement_visibility',
  'engagement_names',
  'provider_answer_stats',
]);
/** Base64 pieces of a blob per line. */
const BLOB_LINE_BYTES = 192 * 1024;

/** The vault's store as seen from a connection (the PostgreSQL store must read and write inside the backup's or restore's transaction). */
export type BlobStoreOn = (db: Kysely<DB>) => BlobStore;
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
  options: { source: string; protection: BackupProtection; onProgress?: Progress; blobs?: BlobStoreOn },
): Promise<{ rows: number; tables: Record<string, number>; blobs: number; encrypted: boolean }> {
  const { source, protection, onProgress } = options;
  let blobCount = 0;
  if ('passphrase' in protection && protection.passphrase.length < MIN_PASSPHRASE_LENGTH)
    throw new AppError('invalid_input', `The backup passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters.`, {
      reason: 'invalid_option',
    });
  const status = await migrationStatus(db);
  if (status.pending.length > 0)
    throw new AppError('invalid_state', 'The database has pending migrations; run `kpo db migrate` first.', {
      reason: 'pending_migrations',
    });
  // Seal what is waiting first, so the backup carries hashed events — unless another sealer is at it
  // (never wait on the head's lock): what travels unsealed, restore seals (decision 0012).
  await sealPending(db, false);
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
        // The vault: the encrypted blobs every kept document version names, as they are (still encrypted:
        // a backup holds no key, and the restored vault opens only with the same master key).
        if (options.blobs && tables.includes('document_versions')) {
          const store = options.blobs(tx);
          const named = await sql<{ blob_id: string; engagement_id: string }>`
            SELECT v.blob_id, d.engagement_id FROM document_versions v JOIN documents d ON d.id = v.document_id
            WHERE d.destroyed_at IS NULL ORDER BY v.blob_id`.execute(tx);
          for (const { blob_id: blobId, engagement_id: engagementId } of named.rows) {
            const source = await store.read(engagementId, blobId);
            if (!source)
              throw new AppError('invalid_state', `The vault is missing blob ${blobId}; run \`kpo vault check\`.`, {
                reason: 'blob_missing',
              });
            let piece = 0;
            let pending = Buffer.alloc(0);
            for await (const bytes of source) {
              pending = Buffer.concat([pending, Buffer.from(bytes)]);
              while (pending.length >= BLOB_LINE_BYTES) {
                await write({ b: blobId, e: engagementId, i: piece++, d: pending.subarray(0, BLOB_LINE_BYTES).toString('base64') });
                pending = pending.subarray(BLOB_LINE_BYTES);
              }
            }
            await write({ b: blobId, e: engagementId, i: piece++, d: pending.toString('base64'), last: true });
            blobCount++;
            onProgress?.({ table: 'vault', rows: blobCount });
          }
        }
        await write({ end: true, counts, blobs: blobCount });
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
  return {
    rows: Object.values(counts).reduce((a, b) => a + b, 0),
    tables: counts,
    blobs: blobCount,
    encrypted: 'passphrase' in protection,
  };
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
    /** Where the vault's blobs go. */
    blobs?: BlobStoreOn;
  },
): Promise<{
  rows: number;
  blobs: number;
  header: Header;
  auditChain: VerifyResult & { ok: true };
  /** Events that travelled unsealed (written while the backup ran): restored as they were, for the next seal to chain. */
  unsealedEvents: number;
  encrypted: boolean;
}> {
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
  let blobs = 0;
  // Blobs written so far: a restore that fails removes them again (nothing restored).
  const written: { engagementId: string; blobId: string }[] = [];
  let store: BlobStore | null = null;
  const { verified: auditChain, unsealedEvents } = await db
    .transaction()
    .execute(async (tx) => {
      store = options.blobs?.(tx) ?? null;
      let writer: { blobId: string; next: number; w: BlobWriter } | null = null;
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
        if (typeof line.b === 'string') {
          await flush();
          if (!store)
            throw new AppError('invalid_input', 'The backup holds vault files but no vault is configured.', { reason: 'bad_backup' });
          const blobId = line.b;
          const engagementId = String(line.e);
          if (!writer || writer.blobId !== blobId) {
            if (writer || line.i !== 0)
              throw new AppError('invalid_input', `The backup's vault file ${blobId} is incomplete.`, { reason: 'bad_backup' });
            writer = { blobId, next: 0, w: await store.create(engagementId, blobId) };
            written.push({ engagementId, blobId });
          }
          if (line.i !== writer.next++)
            throw new AppError('invalid_input', `The backup's vault file ${blobId} is out of order.`, { reason: 'bad_backup' });
          await writer.w.write(Buffer.from(String(line.d), 'base64'));
          if (line.last === true) {
            await writer.w.commit();
            writer = null;
            blobs++;
            onProgress?.({ table: 'vault', rows: blobs });
          }
          continue;
        }
        if (line.end === true) {
          ended = true;
          const expected = line.counts as Record<string, number>;
          await flush();
          if (writer) throw new AppError('invalid_input', 'The backup ends inside a vault file.', { reason: 'bad_backup' });
          if ((Number(line.blobs) || 0) !== blobs)
            throw new AppError('invalid_input', `The backup is inconsistent: ${blobs} vault files, expected ${line.blobs}.`, {
              reason: 'bad_backup',
            });
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
      const unsealed = await audit.unsealed();
      await options.beforeCommit?.(tx);
      return { verified, unsealedEvents: unsealed.count };
    })
    .catch(async (e) => {
      const target = options.blobs?.(db);
      if (target?.kind === 'local') for (const b of written) await target.delete(b.engagementId, b.blobId);
      throw e;
    });
  await migrate(db);
  return { rows, blobs, header: first, auditChain, unsealedEvents, encrypted };
}
