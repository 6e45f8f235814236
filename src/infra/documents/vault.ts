import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { SNIFF_BYTES } from '../../core/documents/files.js';
import type { StoredBlob, VaultStorage } from '../../core/documents/ports.js';
import { AppError } from '../../shared/errors.js';
import { ChunkOpener, ParallelChunkSealer } from '../crypto/chunked-aead.js';
import type { SecretBox } from '../crypto/master-key.js';
import type { DB } from '../db/schema.js';
import type { BlobStore } from './blob-stores.js';

/**
 * The document vault's encryption (docs/decisions/0006-document-vault.md). Each engagement has a
 * data key of its own (32 random bytes), stored only sealed by the master key; each blob is
 * encrypted with a key derived from the data key and the blob's id, in authenticated chunks:
 *
 *   blob = "KPOVLT01" | chunk size (u32) | chunks (crypto/chunked-aead.ts)
 *
 * Destroying the sealed data key makes every blob of the engagement unreadable (crypto-shredding),
 * wherever copies of the blobs are.
 */
const MAGIC = Buffer.from('KPOVLT01');
const HEADER_BYTES = MAGIC.length + 4;
// 1 MiB chunks: fewer cipher set-ups per file; the chunk size is in each blob's header, so older blobs still open.
const CHUNK_BYTES = 1024 * 1024;
const WRITE_BYTES = 1024 * 1024;
// Chunks being encrypted on the thread pool while the upload hashes the next ones: the memory bound per upload.
const IN_FLIGHT_BYTES = 4 * CHUNK_BYTES;
/** An upload nobody committed, older than this, is an orphan (its request died). */
export const ORPHAN_AFTER_MS = 60 * 60 * 1000;

const tampered = (what: string) =>
  new AppError('invalid_state', `A stored file does not authenticate (${what}): it was altered or damaged.`, { reason: 'blob_tampered' });

function blobKey(dataKey: Buffer, blobId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.from(blobId), 'kpo/vault-blob', 32));
}

export interface Vault extends VaultStorage {
  readonly store: BlobStore;
  /** Reads and authenticates every blob a document version names; what is wrong with which. */
  check(
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ checked: number; problems: { blobId: string; documentId: string; version: number; reason: string }[] }>;
  /** Removes blobs no version names that are older than `ORPHAN_AFTER_MS` (abandoned uploads). */
  cleanup(now: Date): Promise<{ removed: number }>;
  /** Refuses to go on with a master key that does not open the vault's data keys (a wrong KPO_MASTER_KEY stops the start). */
  assertMasterKey(): Promise<void>;
}

/** Which master keys sealed the vault's data keys (ids, never keys): a restore checks it has the same one. */
export async function sealedVaultKeyIds(db: Kysely<DB>): Promise<string[]> {
  const table = await sql`SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'vault_keys'`.execute(db);
  if (table.rows.length === 0) return [];
  const r = await sql<{ id: string }>`SELECT DISTINCT split_part(sealed_key, '.', 2) AS id FROM vault_keys
    WHERE sealed_key IS NOT NULL ORDER BY 1`.execute(db);
  return r.rows.map((row) => row.id);
}

export function createVault(db: Kysely<DB>, store: BlobStore, box: SecretBox): Vault {
  async function dataKey(engagementId: string, create: boolean): Promise<{ key: Buffer; keyId: string }> {
    let row = await db.selectFrom('vault_keys').selectAll().where('engagement_id', '=', engagementId).executeTakeFirst();
    if (!row && create) {
      const key = randomBytes(32);
      await db
        .insertInto('vault_keys')
        .values({
          engagement_id: engagementId,
          key_id: randomBytes(8).toString('hex'),
          sealed_key: box.seal(key.toString('base64'), engagementId),
          created_at: new Date(),
        })
        .onConflict((oc) => oc.column('engagement_id').doNothing())
        .execute();
      row = await db.selectFrom('vault_keys').selectAll().where('engagement_id', '=', engagementId).executeTakeFirst();
    }
    if (row && row.sealed_key === null)
      throw new AppError('invalid_state', "This engagement's data was destroyed: its key is gone.", { reason: 'vault_key_destroyed' });
    if (!row?.sealed_key) throw new AppError('invalid_state', 'A stored file is missing.', { reason: 'blob_missing' });
    return { key: Buffer.from(box.open(row.sealed_key, engagementId), 'base64'), keyId: row.key_id };
  }

  async function decrypt(engagementId: string, blobId: string, sink: (plain: Buffer) => void): Promise<void> {
    const { key } = await dataKey(engagementId, false);
    const source = await store.read(engagementId, blobId);
    if (!source) throw new AppError('invalid_state', 'A stored file is missing.', { reason: 'blob_missing' });
    let header: Buffer | null = Buffer.alloc(0);
    let opener: ChunkOpener | null = null;
    for await (const piece of source) {
      let data: Buffer = Buffer.from(piece);
      if (!opener) {
        header = Buffer.concat([header ?? Buffer.alloc(0), data]);
        if (header.length < HEADER_BYTES) continue;
        if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw tampered('not a vault blob');
        const chunkBytes = header.readUInt32BE(MAGIC.length);
        if (chunkBytes > 16 * 1024 * 1024) throw tampered('impossible chunk size');
        opener = new ChunkOpener(blobKey(key, blobId), chunkBytes, tampered);
        data = header.subarray(HEADER_BYTES);
        header = null;
      }
      for (const plain of opener.push(data)) sink(plain);
    }
    if (!opener) throw tampered('too short');
    opener.finish();
  }

  return {
    store,

    async put(engagementId, content, maxBytes): Promise<StoredBlob> {
      const { key } = await dataKey(engagementId, true);
      const blobId = randomUUID();
      const sealer = new ParallelChunkSealer(blobKey(key, blobId), CHUNK_BYTES, IN_FLIGHT_BYTES);
      const hash = createHash('sha256');
      const writer = await store.create(engagementId, blobId);
      const header = Buffer.alloc(HEADER_BYTES);
      MAGIC.copy(header);
      header.writeUInt32BE(CHUNK_BYTES, MAGIC.length);
      let size = 0;
      let head = Buffer.alloc(0);
      // The last pieces, as many as make SNIFF_BYTES: the tail is cut from them once, at the end.
      let recent: Buffer[] = [];
      let recentBytes = 0;
      // The sealed stream goes to the store in batches of about 1 MiB, its pieces written as they
      // are (joining them would cost a copy into fresh memory). One batch at a time, in order,
      // each written while the next chunks are hashed and sealed.
      let out: Buffer[] = [header];
      let outBytes = header.length;
      let writing: Promise<void> = Promise.resolve();
      const flush = async () => {
        if (outBytes === 0) return;
        const batch = out;
        out = [];
        outBytes = 0;
        await writing;
        writing = (async () => {
          for (const piece of batch) await writer.write(piece);
        })();
        // A failed write fails the next flush or the commit; never an unhandled rejection meanwhile.
        writing.catch(() => {});
      };
      const emit = async (chunks: Buffer[]) => {
        for (const chunk of chunks) {
          out.push(chunk);
          outBytes += chunk.length;
          if (outBytes >= WRITE_BYTES) await flush();
        }
      };
      try {
        for await (const piece of content) {
          const bytes = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
          size += bytes.length;
          if (size > maxBytes)
            throw new AppError('payload_too_large', `The file is larger than ${maxBytes} bytes.`, {
              reason: 'file_too_large',
              params: { max: `${Math.floor(maxBytes / (1024 * 1024))} MB` },
            });
          hash.update(bytes);
          if (head.length < SNIFF_BYTES) head = Buffer.concat([head, bytes.subarray(0, SNIFF_BYTES - head.length)]);
          recent.push(bytes);
          recentBytes += bytes.length;
          while (recent.length > 1 && recentBytes - (recent[0]?.length ?? 0) >= SNIFF_BYTES) recentBytes -= recent.shift()?.length ?? 0;
          await emit(await sealer.push(bytes));
        }
        if (size === 0) throw new AppError('invalid_input', 'The file is empty.', { reason: 'empty_file' });
        await emit(await sealer.finish());
        await flush();
        await writing;
        await writer.commit();
      } catch (e) {
        // The store is aborted only once its last write has settled.
        await writing.catch(() => {});
        await writer.abort();
        throw e;
      }
      const tailAll = Buffer.concat(recent);
      recent = [];
      const tail = tailAll.subarray(Math.max(0, tailAll.length - SNIFF_BYTES));
      return { blobId, sizeBytes: size, sha256: hash.digest('hex'), head, tail };
    },

    async read(engagementId, blobId) {
      const parts: Buffer[] = [];
      await decrypt(engagementId, blobId, (plain) => parts.push(plain));
      return new Uint8Array(Buffer.concat(parts));
    },

    async discard(engagementId, blobId) {
      await store.delete(engagementId, blobId);
    },

    async seal(engagementId, purpose, plain) {
      const { key } = await dataKey(engagementId, true);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', blobKey(key, `value:${purpose}`), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
    },

    async open(engagementId, purpose, sealed) {
      const { key } = await dataKey(engagementId, false);
      const raw = Buffer.from(sealed, 'base64');
      try {
        const decipher = createDecipheriv('aes-256-gcm', blobKey(key, `value:${purpose}`), raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(raw.length - 16));
        return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
      } catch {
        throw tampered(`sealed ${purpose}`);
      }
    },

    async deleteBlobsOf(engagementId) {
      return store.deleteAll(engagementId);
    },

    async check(onProgress) {
      const versions = await db
        .selectFrom('document_versions')
        .innerJoin('documents', 'documents.id', 'document_versions.document_id')
        .select([
          'document_versions.blob_id',
          'document_versions.document_id',
          'document_versions.version',
          'documents.engagement_id',
          'document_versions.sha256',
        ])
        .where('documents.destroyed_at', 'is', null)
        .orderBy('documents.engagement_id')
        .execute();
      const problems: { blobId: string; documentId: string; version: number; reason: string }[] = [];
      let done = 0;
      for (const v of versions) {
        const hash = createHash('sha256');
        try {
          await decrypt(v.engagement_id, v.blob_id, (plain) => hash.update(plain));
          if (hash.digest('hex') !== v.sha256)
            problems.push({ blobId: v.blob_id, documentId: v.document_id, version: v.version, reason: 'sha256_mismatch' });
        } catch (e) {
          const reason = e instanceof AppError ? (e.reason ?? e.code) : 'unreadable';
          problems.push({ blobId: v.blob_id, documentId: v.document_id, version: v.version, reason });
        }
        onProgress?.(++done, versions.length);
      }
      return { checked: versions.length, problems };
    },

    async assertMasterKey() {
      const row = await db
        .selectFrom('vault_keys')
        .select(['engagement_id', 'sealed_key'])
        .where('sealed_key', 'is not', null)
        .limit(1)
        .executeTakeFirst();
      if (row?.sealed_key) box.open(row.sealed_key, row.engagement_id);
    },

    async cleanup(now) {
      // Blobs a kept version names stay; those of destroyed documents (their key is gone) and of uploads never completed go.
      const named = new Set(
        (
          await db
            .selectFrom('document_versions')
            .innerJoin('documents', 'documents.id', 'document_versions.document_id')
            .select('document_versions.blob_id')
            .where('documents.destroyed_at', 'is', null)
            .execute()
        ).map((r) => r.blob_id),
      );
      let removed = 0;
      for await (const blob of store.list()) {
        if (named.has(blob.blobId) || now.getTime() - blob.createdAt.getTime() < ORPHAN_AFTER_MS) continue;
        await store.delete(blob.engagementId, blob.blobId);
        removed++;
      }
      return { removed };
    },
  };
}
