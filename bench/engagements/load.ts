// A small closed-loop load generator: N workers each issue a request, wait for the whole response,
// and issue the next one, for a fixed time; every latency is recorded. node:http with a keep-alive
// agent (one socket per worker), so the driver costs as little CPU as it can on a shared machine.
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { loadavg } from 'node:os';

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export class Client {
  private readonly agent: http.Agent;
  private readonly url: URL;
  cookie: string | null = null;
  /** Sent with every request (a session's CSRF token for writes). */
  headers: Record<string, string> = {};

  constructor(base: string, sockets = 8) {
    this.url = new URL(base);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  request(method: string, path: string, body?: unknown): Promise<Response> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: http.OutgoingHttpHeaders = { accept: 'application/json', ...this.headers };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    if (this.cookie) headers.cookie = this.cookie;
    return new Promise((resolve, reject) => {
      const req = http.request({ host: this.url.hostname, port: this.url.port, path, method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  async get<T>(path: string): Promise<T> {
    const r = await this.request('GET', path);
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${r.body.slice(0, 300)}`);
    return JSON.parse(r.body) as T;
  }

  /** Signs in (POST /api/session) and keeps the session cookie. */
  async signIn(email: string, password: string): Promise<void> {
    const r = await this.request('POST', '/api/session', { email, password });
    if (r.status !== 200) throw new Error(`sign-in as ${email}: ${r.status} ${r.body.slice(0, 300)}`);
    const set = r.headers['set-cookie']?.find((c) => c.startsWith('kpo_session='));
    if (!set) throw new Error(`sign-in as ${email}: no session cookie`);
    this.cookie = set.split(';')[0] ?? null;
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface Measurement {
  requests: number;
  errors: number;
  /** Latencies in ms, sorted. */
  latencies: number[];
  elapsedMs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  rps: number;
  /** 1-minute load average of the machine before and after (the machines are shared). */
  load: [number, number];
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

/**
 * Runs `op` back to back on `concurrency` workers: first `warmupMs` unrecorded, then `durationMs`
 * recorded. `op` returns true when the response was the one expected.
 */
export async function closedLoop(
  op: (worker: number) => Promise<boolean>,
  o: { concurrency: number; warmupMs: number; durationMs: number; onStart?: () => void; onEnd?: () => void },
) {
  const run = async (ms: number, record: boolean) => {
    const latencies: number[] = [];
    let errors = 0;
    const started = performance.now();
    const deadline = started + ms;
    await Promise.all(
      Array.from({ length: o.concurrency }, async (_, w) => {
        while (performance.now() < deadline) {
          const t = performance.now();
          let ok = false;
          try {
            ok = await op(w);
          } catch {
            ok = false;
          }
          if (!record) continue;
          latencies.push(performance.now() - t);
          if (!ok) errors++;
        }
      }),
    );
    return { latencies, errors, elapsedMs: performance.now() - started };
  };
  if (o.warmupMs > 0) await run(o.warmupMs, false);
  const before = loadavg()[0] ?? 0;
  o.onStart?.();
  const { latencies, errors, elapsedMs } = await run(o.durationMs, true);
  o.onEnd?.();
  latencies.sort((a, b) => a - b);
  const m: Measurement = {
    requests: latencies.length,
    errors,
    latencies,
    elapsedMs,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? Number.NaN,
    rps: (latencies.length / elapsedMs) * 1000,
    load: [before, loadavg()[0] ?? 0],
  };
  return m;
}

/** A `kpo serve` process the benches started, and where it listens. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
}

/**
 * Starts `kpo serve --port 0` from `cwd` (node options and serve options as given) and resolves
 * once it prints where it is ready; rejects with what it printed if it exits first.
 */
export function startKpoServer(opts: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  serveArgs?: readonly string[];
  nodeArgs?: readonly string[];
  label?: string;
}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), 'bin/kpo.js', 'serve', '--port', '0', ...(opts.serveArgs ?? [])], {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /is ready at (\S+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1].replace('//localhost:', '//127.0.0.1:') });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${opts.label ?? 'kpo'} server exited ${code}: ${out}`)));
  });
}

/** Stops a server the benches started (SIGTERM) and waits for it to exit. */
export async function stopKpoServer(s: ServerProcess): Promise<void> {
  if (s.child.exitCode !== null) return;
  await new Promise((resolve) => {
    s.child.once('exit', resolve);
    s.child.kill('SIGTERM');
  });
}
