import type { Hono } from 'hono';
import type { AppEnv } from '../server/env.js';
import type { SessionView } from '../shared/contracts/identity.js';
import type { ErrorBody } from '../shared/errors.js';
import { TEST_PASSWORD } from './factories.js';

/** The error part of an error reply. */
export const errorOf = (reply: Reply<unknown>): ErrorBody['error'] => (reply.body as ErrorBody).error;

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * Calls the app the way a browser or integration would: cookie session with its CSRF token,
 * or a bearer token. `ip` sets X-Forwarded-For (the test config trusts it).
 */
export class TestClient {
  cookie: string | null = null;
  csrf: string | null = null;
  bearer: string | null = null;
  session: SessionView | null = null;

  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly ip = '198.51.100.7',
  ) {}

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const h: Record<string, string> = { 'x-forwarded-for': this.ip, ...headers };
    if (body !== undefined && !('content-type' in h)) h['content-type'] = 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && !['GET', 'HEAD'].includes(method)) h['x-csrf-token'] ??= this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await this.app.request(path, {
      method,
      headers: h,
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair?.endsWith('=') ? null : (pair ?? null);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (CSV, HTML): keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** A file as the request body (the vault's upload), with the session's headers. */
  async upload<T = unknown>(path: string, bytes: Uint8Array | string, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const h: Record<string, string> = { 'x-forwarded-for': this.ip, 'content-type': 'application/octet-stream', ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf) h['x-csrf-token'] ??= this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await this.app.request(path, { method: 'POST', headers: h, body: typeof bytes === 'string' ? bytes : Buffer.from(bytes) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** The raw response, for downloads. */
  async raw(method: string, path: string): Promise<Response> {
    const h: Record<string, string> = { 'x-forwarded-for': this.ip };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && !['GET', 'HEAD'].includes(method)) h['x-csrf-token'] = this.csrf;
    return this.app.request(path, { method, headers: h });
  }

  async login(email: string, password = TEST_PASSWORD): Promise<Reply<SessionView>> {
    const reply = await this.request<SessionView>('POST', '/api/session', { email, password });
    if (reply.status === 200) {
      this.session = reply.body;
      this.csrf = reply.body.csrfToken;
    }
    return reply;
  }

  get = <T = unknown>(path: string) => this.request<T>('GET', path);
  post = <T = unknown>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});
  put = <T = unknown>(path: string, body?: unknown) => this.request<T>('PUT', path, body ?? {});
  patch = <T = unknown>(path: string, body?: unknown) => this.request<T>('PATCH', path, body ?? {});
  delete = <T = unknown>(path: string) => this.request<T>('DELETE', path);
}
