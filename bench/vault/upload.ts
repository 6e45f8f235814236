// Vault upload throughput: kpo's vault.put (SHA-256 of the plain text, AES-256-GCM in 1 MiB
// authenticated chunks under a per-blob key, the content checks' head and tail kept, written to a
// blob store and made durable) against peers on the same bytes, in the same run, interleaved:
//   raw    node:crypto AES-256-GCM over the bytes in one pass, output discarded (the peer;
//          goal: kpo ≥ 50% of it)
//   copy   a plain durable copy, no crypto at all: 1 MiB writes to a file, then fdatasync (what
//          `dd bs=1M conv=fdatasync` does): what the disk allows any durable upload
//   floor  one-pass AES-256-GCM + SHA-256 on one thread, 1 MiB writes, fsync
//   kpo into the local store, into PostgreSQL rows (embedded PGlite), and into a store that keeps
//   nothing (bench only): the last is kpo's own processing, the part of the goal kpo controls.
// Median of KPO_BENCH_RUNS (7); the order of the contenders turns by one each run.
// Run: node --import tsx bench/vault/upload.ts   (writes bench/results/vault-upload-<date>.json)
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/infra/config.js';
import { lazyBox } from '../../src/infra/crypto/master-key.js';
import type { BlobStore } from '../../src/infra/documents/blob-stores.js';
import { createVault, type Vault } from '../../src/infra/documents/vault.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { brief } from '../../src/testing/engagements.js';

const root = new URL('../../', import.meta.url).pathname;
const SIZE_MB = Number(process.env.KPO_BENCH_MB ?? 64);
const RUNS = Number(process.env.KPO_BENCH_RUNS ?? 7);
const OUT = process.env.KPO_BENCH_OUT; // another results file (e.g. a before/after comparison)
const PIECE = 64 * 1024; // what a socket typically hands over
const MiB = 1024 * 1024;
const data = randomBytes(SIZE_MB * MiB);

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

/** No crypto: the bytes in 1 MiB writes, then fdatasync — `dd bs=1M conv=fdatasync`. */
async function copy(dir: string): Promise<number> {
  const started = performance.now();
  const handle = await open(join(dir, 'copy.bin'), 'w');
  for (let at = 0; at < data.length; at += MiB) await handle.write(data.subarray(at, at + MiB));
  await handle.datasync();
  await handle.close();
  return performance.now() - started;
}

/** AES-256-GCM and SHA-256 in one pass on one thread, written to a file in 1 MiB writes, then fsync: no chunking, no key derivation. */
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
    if (n >= MiB) {
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

/** A blob store that keeps nothing (bench only): what is left is kpo's own processing. */
function discardingStore(): BlobStore {
  return {
    kind: 'local',
    async create() {
      return { async write() {}, async commit() {}, async abort() {} };
    },
    async read() {
      return null;
    },
    async delete() {},
    async deleteAll() {
      return 0;
    },
    async *list() {},
  };
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
const ratio = (a: number, b: number) => Number((a / b).toFixed(2));

const peerDir = mkdtempSync(join(tmpdir(), 'kpo-bench-peers-'));
const runtimes: Record<'local' | 'postgres', { rt: Runtime; engagement: string; dir: string }> = {} as never;
for (const store of ['local', 'postgres'] as const) {
  const dir = mkdtempSync(join(tmpdir(), `kpo-bench-vault-${store}-`));
  const rt = await createRuntime(
    loadConfig({ KPO_DATA_DIR: dir, KPO_MASTER_KEY: randomBytes(32).toString('base64'), KPO_VAULT_STORE: store, KPO_LOG_LEVEL: 'silent' }),
  );
  runtimes[store] = { rt, engagement: await engagementIn(rt), dir };
}
// kpo's vault code on the local runtime's database and master key, into a store that keeps nothing.
const discard = {
  vault: createVault(runtimes.local.rt.database.db, discardingStore(), lazyBox(runtimes.local.rt.masterKey, 'vault-data-keys')),
  engagement: runtimes.local.engagement,
};

async function kpo(vault: Vault, engagement: string): Promise<number> {
  const started = performance.now();
  const stored = await vault.put(engagement, pieces(), 1024 * MiB);
  const ms = performance.now() - started;
  await vault.discard(engagement, stored.blobId);
  return ms;
}

const contenders: [string, () => number | Promise<number>][] = [
  ['raw', raw],
  ['copy', () => copy(peerDir)],
  ['floor', () => floor(peerDir)],
  ['kpoLocal', () => kpo(runtimes.local.rt.vault, runtimes.local.engagement)],
  ['kpoPostgres', () => kpo(runtimes.postgres.rt.vault, runtimes.postgres.engagement)],
  ['kpoDiscard', () => kpo(discard.vault, discard.engagement)],
];
const results: Record<string, number[]> = Object.fromEntries(contenders.map(([name]) => [name, []]));
const loads: number[][] = [loadavg()];
// Warm-up: one of each, not counted.
for (const [, run] of contenders) await run();
for (let i = 0; i < RUNS; i++) {
  for (let j = 0; j < contenders.length; j++) {
    const [name, run] = contenders[(i + j) % contenders.length] as (typeof contenders)[number];
    results[name]?.push(await run());
  }
  loads.push(loadavg());
  process.stdout.write(`run ${i + 1}/${RUNS}\n`);
}
rmSync(peerDir, { recursive: true, force: true });
for (const { rt, dir } of Object.values(runtimes)) {
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
}

const medians = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
const rawMs = medians.raw ?? 0;
const copyMs = medians.copy ?? 0;
const floorMs = medians.floor ?? 0;
const summary = {
  date: new Date().toISOString(),
  machine: {
    cpus: availableParallelism(),
    model: cpus()[0]?.model,
    memGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    uvThreadpoolSize: Number(process.env.UV_THREADPOOL_SIZE ?? 4),
    // 1, 5 and 15 minute load averages before the runs and after each one.
    loadavg: loads.map((l) => l.map((x) => Number(x.toFixed(2)))),
  },
  sizeMB: SIZE_MB,
  pieceKiB: PIECE / 1024,
  runs: RUNS,
  medianMs: Object.fromEntries(Object.entries(medians).map(([k, v]) => [k, Math.round(v)])),
  throughputMBps: Object.fromEntries(Object.entries(medians).map(([k, v]) => [k, Math.round(mbps(v))])),
  // Throughput ratios: contender / peer (1 = as fast as the peer).
  ratioToRaw: Object.fromEntries(Object.entries(medians).map(([k, v]) => [k, ratio(rawMs, v)])),
  ratioToCopy: Object.fromEntries(Object.entries(medians).map(([k, v]) => [k, ratio(copyMs, v)])),
  ratioToFloor: Object.fromEntries(Object.entries(medians).map(([k, v]) => [k, ratio(floorMs, v)])),
  samplesMs: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v.map((x) => Number(x.toFixed(1)))])),
};
console.log(JSON.stringify({ ...summary, samplesMs: undefined }, null, 2));
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(OUT ?? join(root, `bench/results/vault-upload-${summary.date.slice(0, 10)}.json`), `${JSON.stringify(summary, null, 2)}\n`);
