// Vault upload throughput: kpo's vault.put (SHA-256 of the plain text, AES-256-GCM in 64 KiB
// authenticated chunks under a per-blob key, written to the local store and fsync'd, with the
// content checks' head and tail kept) against two peers in the same run: raw node:crypto
// AES-256-GCM over the same bytes in one pass, output discarded (the peer: encryption
// alone), and the least any upload with kpo's guarantees costs: one-pass AES-256-GCM plus SHA-256
// of the plain text, written to a file and fsync'd. Goal: kpo ≥ 50% of raw.
// Runs interleaved, median of N. Also the PostgreSQL-rows store on the embedded database.
// Run: node --import tsx bench/vault/upload.ts   (writes bench/results/vault-upload-<date>.json)
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/infra/config.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { brief } from '../../src/testing/engagements.js';

const root = new URL('../../', import.meta.url).pathname;
const SIZE_MB = Number(process.env.KPO_BENCH_MB ?? 64);
const RUNS = Number(process.env.KPO_BENCH_RUNS ?? 5);
const PIECE = 64 * 1024; // what a socket typically hands over
const data = randomBytes(SIZE_MB * 1024 * 1024);

function* pieces() {
  for (let at = 0; at < data.length; at += PIECE) yield data.subarray(at, at + PIECE);
}

function raw(): number {
  const started = performance.now();
  const cipher = createCipheriv('aes-256-gcm', randomBytes(32), randomBytes(12));
  for (const p of pieces()) cipher.update(p);
  cipher.final();
  cipher.getAuthTag();
  return performance.now() - started;
}

/** AES-256-GCM and SHA-256 in one pass, written to a file in 1 MiB writes, then fsync: no chunking, no key derivation. */
async function floor(dir: string): Promise<number> {
  const started = performance.now();
  const cipher = createCipheriv('aes-256-gcm', randomBytes(32), randomBytes(12));
  const hash = createHash('sha256');
  const handle = await open(join(dir, 'floor.bin'), 'w');
  let batch: Buffer[] = [];
  let n = 0;
  for (const p of pieces()) {
    hash.update(p);
    batch.push(cipher.update(p));
    n += p.length;
    if (n >= 1024 * 1024) {
      await handle.write(Buffer.concat(batch));
      batch = [];
      n = 0;
    }
  }
  batch.push(cipher.final());
  await handle.write(Buffer.concat(batch));
  hash.digest();
  await handle.sync();
  await handle.close();
  return performance.now() - started;
}

async function engagementIn(rt: Runtime): Promise<string> {
  const org = await rt.services.admin.ensureOrganization(rt.system('bench'), { name: 'Bench client', kind: 'client' });
  const user = await rt.services.admin.createUser(rt.system('bench'), {
    email: `bench-${randomBytes(3).toString('hex')}@example.test`,
    displayName: 'Bench',
    password: 'a bench password 2026',
    orgId: org.id,
    roles: ['engagement_owner'],
  });
  const ctx = {
    actor: {
      kind: 'user' as const,
      userId: user.id,
      email: user.email,
      orgId: org.id,
      orgKind: 'client' as const,
      roles: ['engagement_owner' as const],
      via: 'session' as const,
      scopes: [],
    },
    ip: null,
    requestId: null,
  };
  return (await rt.services.engagements.create(ctx, brief())).id;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const mbps = (ms: number) => SIZE_MB / (ms / 1000);

const results: Record<string, number[]> = { raw: [], floor: [], local: [], postgres: [] };
const floorDir = mkdtempSync(join(tmpdir(), 'kpo-bench-floor-'));
const runtimes: Record<'local' | 'postgres', { rt: Runtime; engagement: string; dir: string }> = {} as never;
for (const store of ['local', 'postgres'] as const) {
  const dir = mkdtempSync(join(tmpdir(), `kpo-bench-vault-${store}-`));
  const rt = await createRuntime(
    loadConfig({ KPO_DATA_DIR: dir, KPO_MASTER_KEY: randomBytes(32).toString('base64'), KPO_VAULT_STORE: store, KPO_LOG_LEVEL: 'silent' }),
  );
  runtimes[store] = { rt, engagement: await engagementIn(rt), dir };
}
raw(); // warm-up
for (let i = 0; i < RUNS; i++) {
  results.raw?.push(raw());
  results.floor?.push(await floor(floorDir));
  for (const store of ['local', 'postgres'] as const) {
    const { rt, engagement } = runtimes[store];
    const started = performance.now();
    const stored = await rt.vault.put(engagement, pieces(), 1024 * 1024 * 1024);
    results[store]?.push(performance.now() - started);
    await rt.vault.discard(engagement, stored.blobId);
  }
  process.stdout.write(`run ${i + 1}/${RUNS}\n`);
}
rmSync(floorDir, { recursive: true, force: true });
for (const { rt, dir } of Object.values(runtimes)) {
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
}

const rawMs = median(results.raw ?? []);
const summary = {
  date: new Date().toISOString(),
  machine: {
    cpus: availableParallelism(),
    model: cpus()[0]?.model,
    memGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadavg: loadavg(),
  },
  sizeMB: SIZE_MB,
  runs: RUNS,
  medianMs: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, Math.round(median(v))])),
  throughputMBps: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, Math.round(mbps(median(v)))])),
  ratioToRaw: {
    local: Number((rawMs / median(results.local ?? [])).toFixed(2)),
    postgres: Number((rawMs / median(results.postgres ?? [])).toFixed(2)),
    floor: Number((rawMs / median(results.floor ?? [])).toFixed(2)),
  },
  ratioToFloor: {
    local: Number((median(results.floor ?? []) / median(results.local ?? [])).toFixed(2)),
  },
  raw: results,
};
console.log(JSON.stringify({ ...summary, raw: undefined }, null, 2));
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, `bench/results/vault-upload-${summary.date.slice(0, 10)}.json`), `${JSON.stringify(summary, null, 2)}\n`);
