import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * Where the vault's encrypted blobs live. They are ciphertext already: a store only keeps bytes.
 * A blob being written is invisible until `commit`; a blob never named by a document version is
 * removed by the clean-up (vault.ts) after a delay.
 */
export interface BlobWriter {
  write(bytes: Uint8Array): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export interface StoredBlobRef {
  engagementId: string;
  blobId: string;
  /** When it was written (committed or not). */
  createdAt: Date;
  complete: boolean;
}

export interface BlobStore {
  readonly kind: 'local' | 'postgres';
  create(engagementId: string, blobId: string): Promise<BlobWriter>;
  /** The blob's bytes in pieces; null when there is no such (complete) blob. */
  read(engagementId: string, blobId: string): Promise<AsyncIterable<Uint8Array> | null>;
  delete(engagementId: string, blobId: string): Promise<void>;
  /** Deletes every blob of the engagement; how many there were. */
  deleteAll(engagementId: string): Promise<number>;
  list(): AsyncIterable<StoredBlobRef>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const safeId = (id: string) => {
  // Ids become path segments: only our own UUIDs ever do.
  if (!UUID.test(id)) throw new Error(`not a blob id: ${id}`);
  return id;
};

/** Files under `<data dir>/vault/<engagement>/<blob>.kpv`, written under a `.part` name and renamed when complete. */
export function localBlobStore(root: string): BlobStore {
  const dirOf = (engagementId: string) => join(root, safeId(engagementId));
  const fileOf = (engagementId: string, blobId: string) => join(dirOf(engagementId), `${safeId(blobId)}.kpv`);
  return {
    kind: 'local',
    async create(engagementId, blobId) {
      await mkdir(dirOf(engagementId), { recursive: true, mode: 0o700 });
      const final = fileOf(engagementId, blobId);
      const part = `${final}.part`;
      const handle = await open(part, 'wx', 0o600);
      let closed = false;
      const close = async () => {
        if (!closed) {
          closed = true;
          await handle.close();
        }
      };
      return {
        async write(bytes) {
          await handle.write(bytes);
        },
        async commit() {
          await handle.sync();
          await close();
          await rename(part, final);
        },
        async abort() {
          await close();
          await rm(part, { force: true });
        },
      };
    },
    async read(engagementId, blobId) {
      const file = fileOf(engagementId, blobId);
      try {
        await stat(file);
      } catch {
        return null;
      }
      return createReadStream(file, { highWaterMark: 256 * 1024 });
    },
    async delete(engagementId, blobId) {
      const file = fileOf(engagementId, blobId);
      await rm(file, { force: true });
      await rm(`${file}.part`, { force: true });
    },
    async deleteAll(engagementId) {
      const dir = dirOf(engagementId);
      let names: string[] = [];
      try {
        names = await readdir(dir);
      } catch {
        return 0;
      }
      await rm(dir, { recursive: true, force: true });
      return names.filter((n) => n.endsWith('.kpv')).length;
    },
    async *list() {
      let engagements: string[] = [];
      try {
        engagements = await readdir(root);
      } catch {
        return;
      }
      for (const engagementId of engagements.filter((e) => UUID.test(e))) {
        for (const name of await readdir(join(root, engagementId)).catch(() => [] as string[])) {
          const match = /^([0-9a-f-]{36})\.kpv(\.part)?$/.exec(name);
          if (!match?.[1]) continue;
          const info = await stat(join(root, engagementId, name)).catch(() => null);
          if (info) yield { engagementId, blobId: match[1], createdAt: info.mtime, complete: !match[2] };
        }
      }
    },
  };
}

/** Pieces of about this size make one row. */
const ROW_BYTES = 1024 * 1024;

/**
 * Rows in PostgreSQL, for several kpo processes on one database with no shared disk: a blob row,
 * then its bytes in rows of about 1 MiB, marked complete at the end.
 */
export function postgresBlobStore(db: Kysely<DB>): BlobStore {
  return {
    kind: 'postgres',
    async create(engagementId, blobId) {
      await db.insertInto('vault_blobs').values({ id: blobId, engagement_id: engagementId, created_at: new Date() }).execute();
      let seq = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async () => {
        if (pendingBytes === 0) return;
        const data = Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
        await db.insertInto('vault_blob_chunks').values({ blob_id: blobId, seq: seq++, data }).execute();
      };
      return {
        async write(bytes) {
          pending.push(Buffer.from(bytes));
          pendingBytes += bytes.byteLength;
          if (pendingBytes >= ROW_BYTES) await flush();
        },
        async commit() {
          await flush();
          await db.updateTable('vault_blobs').set({ complete: true }).where('id', '=', blobId).execute();
        },
        async abort() {
          await db.deleteFrom('vault_blobs').where('id', '=', blobId).execute();
        },
      };
    },
    async read(engagementId, blobId) {
      const blob = await db
        .selectFrom('vault_blobs')
        .select('complete')
        .where('id', '=', blobId)
        .where('engagement_id', '=', engagementId)
        .executeTakeFirst();
      if (!blob?.complete) return null;
      return (async function* () {
        for (let seq = 0; ; seq++) {
          const row = await db
            .selectFrom('vault_blob_chunks')
            .select('data')
            .where('blob_id', '=', blobId)
            .where('seq', '=', seq)
            .executeTakeFirst();
          if (!row) return;
          yield row.data;
        }
      })();
    },
    async delete(_engagementId, blobId) {
      await db.deleteFrom('vault_blobs').where('id', '=', blobId).execute();
    },
    async deleteAll(engagementId) {
      const r = await db.deleteFrom('vault_blobs').where('engagement_id', '=', engagementId).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async *list() {
      const rows = await db.selectFrom('vault_blobs').select(['id', 'engagement_id', 'created_at', 'complete']).execute();
      for (const r of rows) yield { engagementId: r.engagement_id, blobId: r.id, createdAt: new Date(r.created_at), complete: r.complete };
    },
  };
}
