// Shared pieces of the reliability suite: a kpo server as a child process, signed-in clients, the
// mixed write load (every write carries an Idempotency-Key and a unique marker), and results files.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runCli } from '../src/cli/main.js';

export { percentile } from '../bench/engagements/load.js';

export const ROOT = new URL('..', import.meta.url).pathname;
export const PASSWORD = 'kpo-demo-2026!';
export const PASSPHRASE = 'reliability suite backup passphrase';
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? '';
export const int = (name: string, fallback: number) => {
  const v = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/** A small seeded PRNG (mulberry32): a failing round can be replayed with KPO_RELIABILITY_SEED. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Server {
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn to "is ready". */
  startMs: number;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** `kpo serve` from the sources, as an operator runs it; resolves when it says it is ready. */
export function startServer(env: Record<string, string>, args: string[] = []): Promise<Server> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/kpo.js', 'serve', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, KPO_FROM_SOURCE: '1', KPO_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kpo serve did not start within 180 s:\n${output}`));
    }, 180_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const ready = /is ready at (http:\/\/\S+)/.exec(output);
      if (!ready?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.stdout?.resume();
      child.stderr?.resume();
      resolve({
        url: ready[1],
        child,
        startMs: performance.now() - started,
        async kill9() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`kpo serve exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

/** `kpo …` in this process (the CLI's own entry point), capturing its output. */
export async function kpo(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    env: { KPO_LOG_LEVEL: 'silent', ...process.env, ...env },
  });
  return { code, out, err };
}

/** `kpo …` as a separate process (a backup taken while the server runs). */
export function kpoProcess(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const child = spawn(process.execPath, ['bin/kpo.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, KPO_FROM_SOURCE: '1', KPO_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code: code ?? 1, out, err })));
}

/** A fresh PostgreSQL database next to TEST_DATABASE_URL's. */
export async function createPostgresDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(POSTGRES_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

// ---------- HTTP ----------

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A keep-alive HTTP client with a session cookie; a request never waits longer than `timeoutMs`. */
export class Client {
  private readonly agent: http.Agent;
  private readonly url: URL;
  cookie: string | null = null;
  csrf: string | null = null;
  /** Requests sent again because the server had closed the idle keep-alive connection they went out on. */
  reusedSocketRetries = 0;

  constructor(base: string, sockets: number) {
    this.url = new URL(base);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  /**
   * Like a browser, a request that meets a connection the server closed while it sat idle in the
   * keep-alive pool (ECONNRESET on a reused socket: the race Node's docs describe for
   * `request.reusedSocket`) is sent once more — with the same Idempotency-Key, so a write is still
   * done once. Counted in `reusedSocketRetries`.
   */
  async request(method: string, path: string, body?: unknown, extra: http.OutgoingHttpHeaders = {}, timeoutMs = 60_000): Promise<Response> {
    try {
      return await this.once(method, path, body, extra, timeoutMs);
    } catch (e) {
      if (!(e as { reusedSocket?: boolean }).reusedSocket) throw e;
      this.reusedSocketRetries++;
      return this.once(method, path, body, extra, timeoutMs);
    }
  }

  private once(method: string, path: string, body: unknown, extra: http.OutgoingHttpHeaders, timeoutMs: number): Promise<Response> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: http.OutgoingHttpHeaders = { accept: 'application/json', ...extra };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    return new Promise((resolve, reject) => {
      const req = http.request({ host: this.url.hostname, port: this.url.port, path, method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (e: NodeJS.ErrnoException) => {
        const closedIdle = req.reusedSocket && (e.code === 'ECONNRESET' || e.message === 'socket hang up');
        reject(Object.assign(e, { reusedSocket: closedIdle }));
      });
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  async get<T>(path: string): Promise<T> {
    const r = await this.request('GET', path);
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${r.body.slice(0, 300)}`);
    return JSON.parse(r.body) as T;
  }

  async signIn(email: string, password: string): Promise<void> {
    const r = await this.request('POST', '/api/session', { email, password });
    if (r.status !== 200) throw new Error(`sign-in as ${email}: ${r.status} ${r.body.slice(0, 300)}`);
    const set = r.headers['set-cookie']?.find((c) => c.startsWith('kpo_session='));
    if (!set) throw new Error(`sign-in as ${email}: no session cookie`);
    this.cookie = set.split(';')[0] ?? null;
    this.csrf = (JSON.parse(r.body) as { csrfToken?: string }).csrfToken ?? null;
  }

  close(): void {
    this.agent.destroy();
  }
}

// ---------- the mixed write load ----------

export type WriteKind = 'engagement' | 'question' | 'update';

export interface Write {
  kind: WriteKind;
  /** The Idempotency-Key, also written into the record (title or text): finds it in the database. */
  key: string;
  path: string;
  body: unknown;
  as: 'owner' | 'manager';
}

export interface Actors {
  owner: Client;
  manager: Client;
  /** An engagement in progress the owner may ask on and the delivery manager may post updates to. */
  engagementId: string;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

export function makeWrite(kind: WriteKind, engagementId: string): Write {
  const key = `rel-${randomUUID()}`;
  if (kind === 'engagement') {
    const start = new Date();
    return {
      kind,
      key,
      as: 'owner',
      path: '/api/engagements',
      body: {
        type: 'market_research',
        title: `Reliability ${key}`,
        objectives: 'Survive a kill -9.',
        scope: 'Every acknowledged write.',
        expectedDeliverables: ['A report'],
        classification: 'internal',
        targetStart: iso(start),
        targetEnd: iso(new Date(start.getTime() + 30 * 86_400_000)),
      },
    };
  }
  if (kind === 'question') {
    return {
      kind,
      key,
      as: 'owner',
      path: `/api/engagements/${engagementId}/questions`,
      body: { title: `Question ${key}`, body: 'Is every acknowledged write kept?' },
    };
  }
  return {
    kind,
    key,
    as: 'manager',
    path: `/api/engagements/${engagementId}/updates`,
    body: { progressPct: 50, rag: 'green', done: `Update ${key}`, next: 'More of the same.', blockers: 'None.', risks: 'None.' },
  };
}

/** Sends a write with its Idempotency-Key. */
export function send(actors: Actors, w: Write): Promise<Response> {
  const client = w.as === 'owner' ? actors.owner : actors.manager;
  return client.request('POST', w.path, w.body, { 'idempotency-key': w.key });
}

/** Signs in the two demo people and finds an engagement in progress that both work on. */
export async function signInActors(url: string): Promise<Actors> {
  const owner = new Client(url, 256);
  const manager = new Client(url, 256);
  await owner.signIn('owner@marunouchi-capital.example', PASSWORD);
  await manager.signIn('manager@knowledge-bridge.example', PASSWORD);
  const mine = await manager.get<{ items: { id: string }[] }>('/api/engagements?status=in_progress&limit=200');
  const theirs = new Set(
    (await owner.get<{ items: { id: string }[] }>('/api/engagements?status=in_progress&limit=200')).items.map((e) => e.id),
  );
  const shared = mine.items.find((e) => theirs.has(e.id));
  if (!shared) throw new Error('The demo has no engagement in progress shared by owner@marunouchi-capital and manager@knowledge-bridge.');
  return { owner, manager, engagementId: shared.id };
}

/** Same session cookies against a restarted server (sessions live in the database). */
export function reconnect(actors: Actors, url: string): Actors {
  const owner = new Client(url, 256);
  const manager = new Client(url, 256);
  owner.cookie = actors.owner.cookie;
  owner.csrf = actors.owner.csrf;
  manager.cookie = actors.manager.cookie;
  manager.csrf = actors.manager.csrf;
  actors.owner.close();
  actors.manager.close();
  return { owner, manager, engagementId: actors.engagementId };
}

// ---------- what is in the database ----------

export interface Query {
  rows<T>(text: string, params?: unknown[]): Promise<T[]>;
}

/**
 * Checks the database against what the clients were told: every acknowledged write present once,
 * no write of the load present twice, and every record of the load with its audit event (a record
 * without one was half-written: kpo writes both in one transaction).
 */
export async function checkWrites(q: Query, acknowledged: readonly Write[]): Promise<string[]> {
  const problems: string[] = [];
  const found = await q.rows<{ key: string; n: number; audited: number }>(
    `SELECT substring(marker from 'rel-[0-9a-f-]{36}') AS key, count(*)::int AS n, count(a.id)::int AS audited FROM (
       SELECT e.id::text AS id, e.title AS marker FROM engagements e WHERE e.title LIKE 'Reliability rel-%'
       UNION ALL SELECT q.id::text, q.title FROM questions q WHERE q.title LIKE 'Question rel-%'
       UNION ALL SELECT u.id::text, u.done FROM status_updates u WHERE u.done LIKE 'Update rel-%'
     ) r LEFT JOIN LATERAL (SELECT a.id FROM audit_events a WHERE a.resource_id = r.id LIMIT 1) a ON true
     GROUP BY 1`,
  );
  const byKey = new Map(found.map((r) => [r.key, r]));
  for (const w of acknowledged) if (!byKey.has(w.key)) problems.push(`acknowledged ${w.kind} ${w.key} is missing`);
  for (const r of found) {
    if (r.n > 1) problems.push(`${r.key} is there ${r.n} times`);
    if (r.audited < r.n) problems.push(`${r.key} has no audit event: half-written`);
  }
  return problems;
}

export function pgQuery(url: string): Query & { end(): Promise<void> } {
  const client = new pg.Client({ connectionString: url });
  const ready = client.connect();
  return {
    async rows<T>(text: string, params: unknown[] = []) {
      await ready;
      return (await client.query(text, params)).rows as T[];
    },
    async end() {
      await ready;
      await client.end();
    },
  };
}

// ---------- results ----------

export function machine() {
  return {
    cpus: cpus().length,
    model:
      cpus()[0]
        ?.model.replace(/\s+\d+-Core Processor/, '')
        .trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    freeGiB: Math.round(freemem() / 2 ** 30),
    node: process.version,
    loadavg: loadavg().map((l) => Math.round(l * 10) / 10),
  };
}

/** Merges `part` into bench/results/reliability-DATE.json (the kill loop and the load run write separately). */
export function writeResult(name: string, part: unknown): string {
  const date = new Date().toISOString().slice(0, 10);
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `reliability-${date}.json`);
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // first part of the day
  }
  all[name] = { date: new Date().toISOString(), machine: machine(), ...(part as object) };
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
  return file;
}

export const log = (text: string) => process.stdout.write(`${text}\n`);

/** CPU time (user + system) a process has used, in ms: is the server CPU-bound on a shared machine? */
export function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
