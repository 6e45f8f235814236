import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../infra/config.js';
import { DEFAULT_DEMO_PASSWORD } from '../infra/demo/seed.js';
import { createRuntime } from '../runtime.js';
import { createApp } from '../server/app.js';
import type { DocumentLibrary } from '../shared/contracts/documents.js';
import type { EngagementList } from '../shared/contracts/engagements.js';
import { kpo } from '../testing/cli.js';
import { makeTestDataDir } from '../testing/db.js';
import { TestClient } from '../testing/http.js';
import { EXIT_VERIFY_FAILED, exitCodeOf } from './exit-codes.js';

/** Each `kpo` call opens the embedded database from disk: the time-out fits a busy machine, not a speed. */
const TIMEOUT = 300_000;
const PASSPHRASE = 'a long backup passphrase 2026';

describe('kpo vault on an embedded data directory', { timeout: TIMEOUT }, () => {
  it('backup and restore carry the vault, the restored vault decrypts; check finds a changed file; cleanup removes abandoned uploads; trace names a download', async () => {
    const key = randomBytes(32).toString('base64');
    const source = await makeTestDataDir();
    const env = { KPO_DATA_DIR: source, KPO_MASTER_KEY: key };
    expect((await kpo(['seed', 'demo'], env)).code).toBe(0);
    const checked = await kpo(['vault', 'check', '--json'], env);
    expect(checked.code, checked.err).toBe(0);
    // The demo's three documents and the consumer survey's response file.
    expect(JSON.parse(checked.out)).toEqual({ checked: 4, problems: [] });

    // A download by the analyst the demo granted the financial data to, watermarked with a fingerprint.
    const rt = await createRuntime(loadConfig({ ...env, KPO_LOG_LEVEL: 'silent' }));
    let leaked: string;
    let downloadId: string;
    try {
      const analyst = new TestClient(createApp(rt, { webDir: null }).app);
      expect((await analyst.login('analyst2@knowledge-bridge.example', DEFAULT_DEMO_PASSWORD)).status).toBe(200);
      const sakura = (await analyst.get<EngagementList>('/api/engagements?q=Sakura')).body.items[0]?.id;
      const library = (await analyst.get<DocumentLibrary>(`/api/engagements/${sakura}/documents`)).body;
      expect(library.documents.map((d) => [d.name, d.allowedActions])).toEqual(
        expect.arrayContaining([
          ['対象会社_財務データ_5期.csv', ['view', 'download']],
          ['stock-options-exercise-prices.pdf', ['view']],
        ]),
      );
      expect(library.documents.map((d) => d.name)).not.toContain('取締役会資料_買収方針.txt');
      const csv = library.documents.find((d) => d.name.endsWith('.csv'));
      const reply = await analyst.raw('GET', `/api/engagements/${sakura}/documents/${csv?.id}/versions/1/content`);
      expect(reply.status).toBe(200);
      leaked = join(mkdtempSync(join(tmpdir(), 'kpo-leak-')), 'leaked.csv');
      writeFileSync(leaked, Buffer.from(await reply.arrayBuffer()));
      const access = await rt.database.db.selectFrom('document_accesses').select('id').orderBy('at', 'desc').executeTakeFirstOrThrow();
      downloadId = access.id;
    } finally {
      await rt.close();
    }
    const traced = await kpo(['vault', 'trace', leaked, '--json'], env);
    expect(traced.code, traced.err).toBe(0);
    const fingerprints = JSON.parse(traced.out).fingerprints as {
      downloadId: string;
      valid: boolean;
      download: { user: { email: string } };
    }[];
    expect(fingerprints.length).toBeGreaterThan(0);
    for (const f of fingerprints)
      expect(f).toMatchObject({ downloadId, valid: true, download: { user: { email: 'analyst2@knowledge-bridge.example' } } });
    const clean = join(mkdtempSync(join(tmpdir(), 'kpo-clean-')), 'clean.txt');
    writeFileSync(clean, 'no fingerprint here');
    expect((await kpo(['vault', 'trace', clean], env)).code).toBe(EXIT_VERIFY_FAILED);

    // Backup and restore: the vault travels (still encrypted) and opens only with the same master key.
    const file = join(mkdtempSync(join(tmpdir(), 'kpo-backup-')), 'vault.backup');
    const backedUp = await kpo(['backup', file, '--json'], { ...env, KPO_BACKUP_PASSPHRASE: PASSPHRASE });
    expect(backedUp.code, backedUp.err).toBe(0);
    expect(JSON.parse(backedUp.out)).toMatchObject({ blobs: 4 });
    const target = await makeTestDataDir();
    const withoutKey = await kpo(['restore', file], { KPO_DATA_DIR: target, KPO_BACKUP_PASSPHRASE: PASSPHRASE });
    expect(withoutKey.code).toBe(exitCodeOf.invalid_state);
    expect(withoutKey.err).toMatch(/vault keys are encrypted with master key/);
    const leftOver = readdirSync(target, { recursive: true }).filter((f) => String(f).includes('.kpv'));
    expect(leftOver).toEqual([]);
    const restored = await kpo(['restore', file, '--json'], {
      KPO_DATA_DIR: target,
      KPO_BACKUP_PASSPHRASE: PASSPHRASE,
      KPO_MASTER_KEY: key,
    });
    expect(restored.code, restored.err).toBe(0);
    expect(JSON.parse(restored.out)).toMatchObject({ vaultFiles: 4 });
    const restoredCheck = await kpo(['vault', 'check', '--json'], { KPO_DATA_DIR: target, KPO_MASTER_KEY: key });
    expect(JSON.parse(restoredCheck.out)).toEqual({ checked: 4, problems: [] });
    // A wrong master key stops the start with a clear message.
    const wrongKey = await kpo(['vault', 'check'], { KPO_DATA_DIR: target, KPO_MASTER_KEY: randomBytes(32).toString('base64') });
    expect(wrongKey.code).toBe(exitCodeOf.invalid_state);
    expect(wrongKey.err).toMatch(/master key/);

    // One changed byte in a stored file: the check names it and fails.
    const vaultDir = join(source, 'vault');
    const [engagement] = readdirSync(vaultDir);
    const dir = join(vaultDir, engagement ?? '');
    const [blob] = readdirSync(dir).filter((f) => f.endsWith('.kpv'));
    const path = join(dir, blob ?? '');
    const bytes = readFileSync(path);
    bytes[20] = (bytes[20] ?? 0) ^ 0xff;
    writeFileSync(path, bytes);
    const broken = await kpo(['vault', 'check', '--json'], env);
    expect(broken.code).toBe(EXIT_VERIFY_FAILED);
    expect(JSON.parse(broken.out).problems).toEqual([
      expect.objectContaining({ blobId: blob?.replace('.kpv', ''), reason: 'blob_tampered' }),
    ]);

    // Abandoned uploads: a file still being written and one no version names, both over an hour old.
    const orphan = join(dir, '00000000-0000-4000-8000-000000000001.kpv');
    const partial = join(dir, '00000000-0000-4000-8000-000000000002.kpv.part');
    const fresh = join(dir, '00000000-0000-4000-8000-000000000003.kpv.part');
    for (const f of [orphan, partial, fresh]) writeFileSync(f, 'x');
    const hoursAgo = new Date(Date.now() - 2 * 3_600_000);
    for (const f of [orphan, partial]) utimesSync(f, hoursAgo, hoursAgo);
    const cleaned = await kpo(['vault', 'cleanup', '--json'], env);
    expect(JSON.parse(cleaned.out)).toEqual({ removed: 2 });
    expect(readdirSync(dir)).toContain('00000000-0000-4000-8000-000000000003.kpv.part');
    expect(readdirSync(dir)).not.toContain('00000000-0000-4000-8000-000000000001.kpv');
  });
});
