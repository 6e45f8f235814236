import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { EngagementView } from '../../shared/contracts/engagements.js';
import { describeEachDatabase } from '../../testing/db.js';
import { brief, parties } from '../../testing/engagements.js';
import { createTestKit, type TestKit } from '../../testing/runtime.js';

/** Bytes that do not compress and are easy to recognise. */
const content = (size: number) => {
  const bytes = randomBytes(size);
  bytes.write('SECRET-MARKER-', 0, 'latin1');
  return bytes;
};

async function* pieces(bytes: Buffer, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function engagementOf(k: TestKit): Promise<string> {
  const { as } = await parties(k);
  return (await as.owner.post<EngagementView>('/api/engagements', brief())).body.id;
}

describeEachDatabase('the vault on both blob stores', (backend) => {
  for (const store of ['local', 'postgres'] as const) {
    describe(`store: ${store}`, () => {
      it('round-trips a multi-chunk stream, stores only ciphertext, refuses any changed byte, seals values under the data key', {
        timeout: 120_000,
      }, async () => {
        const k = await createTestKit(backend, { KPO_VAULT_STORE: store });
        try {
          const e = await engagementOf(k);
          const plain = content(3 * 1024 * 1024 + 123);
          // Pieces of odd sizes, as a network delivers them.
          const stored = await k.rt.vault.put(e, pieces(plain, 70_001), 10 * 1024 * 1024);
          expect(stored.sizeBytes).toBe(plain.length);
          expect(stored.sha256).toBe(createHash('sha256').update(plain).digest('hex'));
          expect(Buffer.from(stored.head).equals(plain.subarray(0, 64 * 1024))).toBe(true);
          expect(Buffer.from(stored.tail).equals(plain.subarray(plain.length - 64 * 1024))).toBe(true);
          expect(Buffer.from(await k.rt.vault.read(e, stored.blobId)).equals(plain)).toBe(true);

          const db = k.rt.database.db;
          if (store === 'postgres') {
            const rows = await db
              .selectFrom('vault_blob_chunks')
              .select(['seq', 'data'])
              .where('blob_id', '=', stored.blobId)
              .orderBy('seq')
              .execute();
            expect(rows.length).toBeGreaterThan(2);
            expect(rows.some((r) => Buffer.from(r.data).includes('SECRET-MARKER'))).toBe(false);
            await sql`UPDATE vault_blob_chunks SET data = overlay(data placing '\\x00'::bytea from 100 for 1) WHERE blob_id = ${stored.blobId} AND seq = 1`.execute(
              db,
            );
          } else {
            const dir = join(k.rt.config.dataDir, 'vault', e);
            const [file] = readdirSync(dir);
            const path = join(dir, file ?? '');
            const bytes = readFileSync(path);
            expect(bytes.includes('SECRET-MARKER')).toBe(false);
            bytes[2 * 1024 * 1024] = (bytes[2 * 1024 * 1024] ?? 0) ^ 1;
            writeFileSync(path, bytes);
          }
          await expect(k.rt.vault.read(e, stored.blobId)).rejects.toMatchObject({ reason: 'blob_tampered' });

          const sealed = await k.rt.vault.seal(e, 'test', '山田太郎');
          expect(sealed).not.toContain('山田');
          expect(await k.rt.vault.open(e, 'test', sealed)).toBe('山田太郎');
          await expect(k.rt.vault.open(e, 'other purpose', sealed)).rejects.toMatchObject({ reason: 'blob_tampered' });
        } finally {
          await k.close();
        }
      });

      it('an empty or oversize stream leaves nothing; the clean-up removes what no version names, once old enough', {
        timeout: 120_000,
      }, async () => {
        const k = await createTestKit(backend, { KPO_VAULT_STORE: store });
        try {
          const e = await engagementOf(k);
          await expect(k.rt.vault.put(e, pieces(Buffer.alloc(0), 10), 1000)).rejects.toMatchObject({ reason: 'empty_file' });
          await expect(k.rt.vault.put(e, pieces(content(5000), 1000), 4096)).rejects.toMatchObject({ reason: 'file_too_large' });
          const listed = async () => {
            const all = [];
            for await (const b of k.rt.vault.store.list()) all.push(b);
            return all;
          };
          expect(await listed()).toEqual([]);
          // An upload whose request died after its blob was written: no version names it.
          const orphan = await k.rt.vault.put(e, pieces(content(1000), 1000), 4096);
          expect((await k.rt.vault.cleanup(new Date())).removed).toBe(0);
          if (store === 'local') {
            const dir = join(k.rt.config.dataDir, 'vault', e);
            const old = new Date(Date.now() - 2 * 3_600_000);
            utimesSync(join(dir, `${orphan.blobId}.kpv`), old, old);
            expect((await k.rt.vault.cleanup(new Date())).removed).toBe(1);
          } else {
            expect((await k.rt.vault.cleanup(new Date(Date.now() + 2 * 3_600_000))).removed).toBe(1);
          }
          expect(await listed()).toEqual([]);
        } finally {
          await k.close();
        }
      });
    });
  }
});
