import { createHash, timingSafeEqual } from 'node:crypto';
import type { RouteConfig, RouteHandler } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { type Action, authorize, type Resource } from '../core/access/policy.js';
import type { EngagementRequestContext } from '../core/engagements/context.js';
import type { Authenticated } from '../core/identity/auth.js';
import type { SessionRecord } from '../core/store.js';
import type { Runtime } from '../runtime.js';
import { AppError, type Issue, invalidInput, issuesFromZod } from '../shared/errors.js';
import type { Api, AppEnv } from './env.js';
import { clearSessionCookie, SESSION_COOKIE } from './session-cookie.js';

/**
 * Every route states who may call it. `public` needs nobody; `signed-in` anyone with a session
 * or token; `session` a browser session (not an API token); `action` a policy decision on a
 * resource. The guard enforces it before the route sees its input.
 */
export type RoutePolicy =
  | { kind: 'public' }
  /** Anyone; a browser session, when there is one, is recognised (and its CSRF token required). */
  | { kind: 'public-or-session' }
  | { kind: 'signed-in' }
  | { kind: 'session' }
  | { kind: 'action'; action: Action; resource: (c: Context<AppEnv>, auth: Authenticated) => Resource | Promise<Resource> };

export type PolicyRegistry = Map<string, RoutePolicy>;

export const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path.replaceAll(/\{(\w+)\}/g, ':$1')}`;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The client's address. Behind `trustedProxies` reverse proxies, each appends the address it saw
 * to X-Forwarded-For, so the client is that many entries from the right; anything further left
 * was written by the client and is not believed.
 */
export function clientIp(c: Context, trustedProxies: number): string {
  if (trustedProxies > 0) {
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    const client = hops[hops.length - trustedProxies];
    if (client) return client.slice(0, 64);
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/** The origin browsers use to reach kpo: the public URL, or what the trusted proxy says, or the request's own. */
function ownOrigin(c: Context, rt: Runtime): string {
  if (rt.config.publicUrl) return new URL(rt.config.publicUrl).origin;
  const url = new URL(c.req.url);
  if (rt.config.trustedProxies > 0) {
    const proto = c.req.header('x-forwarded-proto')?.split(',').at(-1)?.trim();
    const host = c.req.header('x-forwarded-host')?.split(',').at(-1)?.trim();
    if (proto === 'http' || proto === 'https') url.protocol = `${proto}:`;
    if (host) url.host = host;
  }
  return url.origin;
}

export function requestContext(c: Context<AppEnv>, rt: Runtime, auth: Authenticated | null): EngagementRequestContext {
  return {
    actor: auth?.actor ?? { kind: 'anonymous' },
    ip: clientIp(c, rt.config.trustedProxies),
    requestId: c.get('requestId'),
    engagementRead: c.get('engagementRead'),
  };
}

async function authenticate(c: Context<AppEnv>, rt: Runtime): Promise<Authenticated> {
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const found = match?.[1] ? await rt.services.auth.authenticateToken(match[1]) : null;
    if (!found) throw new AppError('unauthenticated', 'The API token is not valid, expired or revoked.', { reason: 'invalid_token' });
    return found;
  }
  const cookie = getCookie(c, SESSION_COOKIE(rt.config.secure));
  if (!cookie) throw new AppError('unauthenticated', 'Sign in first.', { reason: 'no_session' });
  const found = cookie.length <= 200 ? await rt.services.auth.authenticateSession(cookie) : null;
  if (!found) {
    clearSessionCookie(c, rt.config.secure);
    throw new AppError('unauthenticated', 'Your session has ended. Sign in again.', { reason: 'session_expired' });
  }
  checkCsrf(c, found);
  return found;
}

async function authenticateOptionalSession(c: Context<AppEnv>, rt: Runtime): Promise<Authenticated | null> {
  const cookie = getCookie(c, SESSION_COOKIE(rt.config.secure));
  if (!cookie || cookie.length > 200) return null;
  const found = await rt.services.auth.authenticateSession(cookie);
  if (!found) return null;
  checkCsrf(c, found);
  return found;
}

function checkCsrf(c: Context<AppEnv>, found: Authenticated): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const sent = c.req.header('x-csrf-token');
  if (!sent || !found.session || !sameSecret(sent, found.session.csrfToken)) {
    throw new AppError('forbidden', 'The request is missing its CSRF token. Reload the page and try again.', { reason: 'csrf' });
  }
}

/** Cross-site form posts never reach a route: an unsafe request from another origin is refused. */
function checkOrigin(c: Context, rt: Runtime): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const origin = c.req.header('origin');
  if (!origin) return;
  if (origin !== ownOrigin(c, rt))
    throw new AppError('forbidden', 'Requests from another site are not accepted.', { reason: 'cross_origin' });
}

function guard(rt: Runtime, policy: RoutePolicy, route: RouteConfig): MiddlewareHandler<AppEnv> {
  const params = route.request?.params;
  return async (c, next) => {
    if (params && 'safeParse' in params) {
      const parsed = (params as { safeParse(v: unknown): { success: boolean; error?: unknown } }).safeParse(c.req.param());
      if (!parsed.success) throw invalidInput(issuesFromZod(parsed.error as never), 'The address names something that cannot exist.');
    }
    checkOrigin(c, rt);
    let auth: Authenticated | null = null;
    if (policy.kind === 'public-or-session') {
      auth = await authenticateOptionalSession(c, rt);
    } else if (policy.kind !== 'public') {
      auth = await authenticate(c, rt);
      if (policy.kind === 'session' && !auth.session) {
        throw new AppError('forbidden', 'Sign in to do this; an API token cannot.', { reason: 'session_required' });
      }
      if (policy.kind === 'action') authorize(auth.actor, policy.action, await policy.resource(c, auth));
    }
    c.set('auth', auth);
    c.set('ctx', requestContext(c, rt, auth));
    await next();
  };
}

/** A creating route: a POST that answers 201. It honours an Idempotency-Key. */
export const isCreating = (route: RouteConfig): boolean =>
  route.method === 'post' && route.responses !== undefined && 201 in route.responses;

const IDEMPOTENCY_HEADER = 'idempotency-key';
/** How long a repeat waits for the first request with its key to finish before it is told to try later. */
const PENDING_WAIT_MS = 15_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes a creating route idempotent: with an `Idempotency-Key`, a repeat of the same request (a
 * double-click, a retry after a lost answer) gets the first answer, marked `Idempotency-Replayed`,
 * instead of making a second record; a repeat arriving while the first is still running waits
 * for it. When the first answer carried a one-time secret (a token, a signing secret, an invitation
 * link), a repeat is told the request was done and is never given the secret.
 */
function idempotent(rt: Runtime, secretInResponse: boolean, streamingBody: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    const auth = c.get('auth');
    if (key === undefined || !auth || auth.actor.kind !== 'user') return next();
    const principal = `${auth.actor.via}:${auth.actor.userId}@${auth.actor.orgId}`;
    const url = new URL(c.req.url);
    // A streamed upload is not read twice: it is known by its address, query and length.
    const body = streamingBody ? `${url.search}\n${c.req.header('content-length') ?? ''}` : await c.req.text();
    const fingerprint = createHash('sha256').update(`${c.req.method} ${url.pathname}\n${body}`).digest('hex');
    const { idempotency } = rt.services;
    const deadline = Date.now() + PENDING_WAIT_MS;
    let claimedAt: string;
    for (;;) {
      const started = await idempotency.start(principal, key, fingerprint);
      if (started.kind === 'proceed') {
        claimedAt = started.claimedAt;
        break;
      }
      if (started.kind === 'replay') {
        c.header('Idempotency-Replayed', 'true');
        if (started.body === null) {
          throw new AppError(
            'conflict',
            started.status === null
              ? 'An earlier request with this Idempotency-Key did this, but its answer was lost (the server stopped before sending it).'
              : 'An earlier request with this Idempotency-Key did this; its one-time secret was shown to that request.',
            { reason: 'already_done' },
          );
        }
        return c.body(started.body, (started.status ?? 201) as 201, {
          'content-type': 'application/json; charset=UTF-8',
          'idempotency-replayed': 'true',
        });
      }
      if (Date.now() > deadline) {
        throw new AppError('conflict', 'The same request is still being handled. Try again in a moment.', {
          reason: 'idempotency_in_progress',
        });
      }
      await sleep(50);
    }
    const claim = { principal, key, claimedAt };
    try {
      await idempotency.run(claim, () => next());
    } catch (error) {
      await idempotency.release(principal, key, claimedAt);
      throw error;
    }
    if (c.res.status >= 200 && c.res.status < 300) {
      await idempotency.complete(principal, key, c.res.status, secretInResponse ? null : await c.res.clone().text());
    } else {
      await idempotency.release(principal, key, claimedAt);
    }
  };
}

/** Registers an OpenAPI route behind its guard, and records its policy for the route-policy test. */
export function defineRoute<R extends RouteConfig>(
  api: Api,
  rt: Runtime,
  registry: PolicyRegistry,
  spec: RouteSpec<R>,
  handler: RouteHandler<R, AppEnv>,
): void {
  const { route, policy } = spec;
  const key = routeKey(route.method, route.path);
  if (registry.has(key)) throw new Error(`Route ${key} is defined twice.`);
  registry.set(key, policy);
  const security = policy.kind === 'public' ? [] : policy.kind === 'session' ? [{ session: [] }] : [{ session: [] }, { bearer: [] }];
  const middleware = [
    guard(rt, policy, route),
    ...(isCreating(route) ? [idempotent(rt, spec.secretInResponse === true, spec.streamingBody === true)] : []),
  ];
  // biome-ignore lint/suspicious/noExplicitAny: the OpenAPIHono generics cannot follow a route passed through a helper
  api.openapi({ ...route, security, middleware } as any, handler as any);
}

export interface RouteSpec<R extends RouteConfig> {
  route: R;
  policy: RoutePolicy;
  /** The 201 answer carries a one-time secret: an idempotent repeat is told it was done, without it. */
  secretInResponse?: boolean;
  /** The body is a file the handler streams: it is never read whole. */
  streamingBody?: boolean;
}

export type RouteBuilder = <R extends RouteConfig>(spec: RouteSpec<R>, handler: RouteHandler<R, AppEnv>) => void;

export function routeBuilder(api: Api, rt: Runtime, registry: PolicyRegistry): RouteBuilder {
  return (spec, handler) => defineRoute(api, rt, registry, spec, handler);
}

/** The browser session behind a `session` route. */
export function requireSession(c: Context<AppEnv>): SessionRecord {
  const session = c.get('auth')?.session;
  if (!session) throw new AppError('unauthenticated', 'Sign in first.', { reason: 'no_session' });
  return session;
}

/** The signed-in user behind a guarded route. */
export function requireAuth(c: Context<AppEnv>): Authenticated {
  const auth = c.get('auth');
  if (!auth) throw new AppError('unauthenticated', 'Sign in first.', { reason: 'no_session' });
  return auth;
}

/** A plain (non-JSON) route: documents, static helpers. Still guarded, still registered. */
export function definePlainRoute(
  api: Api,
  rt: Runtime,
  registry: PolicyRegistry,
  method: 'get',
  path: string,
  policy: RoutePolicy,
  handler: (c: Context<AppEnv>) => Response | Promise<Response>,
): void {
  const key = routeKey(method, path);
  if (registry.has(key)) throw new Error(`Route ${key} is defined twice.`);
  registry.set(key, policy);
  api.on(method.toUpperCase(), path, guard(rt, policy, { method, path, responses: {} } as RouteConfig), handler);
}

/** With the u flag a proper surrogate pair is one code point, so this matches only lone halves. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Rejects strings PostgreSQL cannot store or that are not valid Unicode, wherever they are. */
export function unsafeStringIssues(value: unknown, path: (string | number)[] = []): Issue[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return [{ path, code: 'nul_character', message: 'Must not contain the NUL character.' }];
    if (LONE_SURROGATE.test(value)) return [{ path, code: 'invalid_unicode', message: 'Must be valid Unicode text.' }];
    return [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => unsafeStringIssues(v, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [
      ...(k.includes('\u0000') || LONE_SURROGATE.test(k)
        ? [{ path: [...path, k], code: 'invalid_key' as const, message: 'Invalid field name.' }]
        : []),
      ...unsafeStringIssues(v, [...path, k]),
    ]);
  }
  return [];
}
