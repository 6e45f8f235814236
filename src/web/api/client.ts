import { type ApiError, apiErrorFrom, networkError } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryParams = Readonly<Record<string, string | number | undefined>>;

export interface RequestOptions {
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
  /**
   * The request does not need a session (sign-in, invitation links, asking whether one is
   * signed in): a 401 is its answer, not a sign that the session ended.
   */
  anonymous?: boolean;
}

/** How the client learns about the session without importing the app's state. */
export interface SessionHooks {
  csrfToken: () => string | undefined;
  /** A request made with a session got 401: the session ended elsewhere or expired. */
  onSessionEnded: (error: ApiError) => void;
  /** The server refused our CSRF token (the session was replaced); fetch the current one. */
  refreshCsrfToken: () => Promise<string | undefined>;
}

let hooks: SessionHooks = {
  csrfToken: () => undefined,
  onSessionEnded: () => {},
  refreshCsrfToken: async () => undefined,
};

export function configureApiClient(sessionHooks: SessionHooks): void {
  hooks = sessionHooks;
}

/** The session's hooks, for a request this client cannot send itself (an upload with progress, through XMLHttpRequest). */
export const sessionHooks = (): SessionHooks => hooks;

/** A path with its query string; empty and undefined values are left out. */
export function withQuery(path: string, query: QueryParams = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function send(
  method: HttpMethod,
  url: string,
  options: RequestOptions,
  csrfToken: string | undefined,
  idempotencyKey: string | undefined,
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  try {
    return await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
      ...(options.signal && { signal: options.signal }),
    });
  } catch (e) {
    if (options.signal?.aborted) throw e;
    throw networkError(e);
  }
}

/** Submissions on their way: the same request again while one is in flight is the same submission. */
const inFlight = new Map<string, Promise<unknown>>();

/**
 * Calls the kpo API and returns the parsed JSON (undefined for 204), or throws an ApiError. A POST
 * is one submission however often it is sent: a second identical POST while the first is on its
 * way (a double-click) gets the first one's answer, and each carries an Idempotency-Key, so that
 * the server makes one record even when a repeat reaches it (the CSRF retry below, a proxy's retry).
 */
export function apiRequest<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  if (method !== 'POST') return call<T>(method, path, options, undefined);
  const submission = `${path}\u0000${JSON.stringify(options.query ?? {})}\u0000${JSON.stringify(options.body ?? null)}`;
  const pending = inFlight.get(submission);
  if (pending) return pending as Promise<T>;
  const request = call<T>(method, path, options, crypto.randomUUID()).finally(() => inFlight.delete(submission));
  inFlight.set(submission, request);
  return request;
}

async function call<T>(method: HttpMethod, path: string, options: RequestOptions, idempotencyKey: string | undefined): Promise<T> {
  const url = withQuery(path, options.query);
  let response = await send(method, url, options, hooks.csrfToken(), idempotencyKey);
  if (response.status === 403 && method !== 'GET') {
    const error = apiErrorFrom(response.status, await readBody(response.clone()), null);
    if (error.reason === 'csrf') {
      const fresh = await hooks.refreshCsrfToken();
      if (fresh) response = await send(method, url, options, fresh, idempotencyKey);
    }
  }
  const body = await readBody(response);
  if (!response.ok) {
    const error = apiErrorFrom(response.status, body, response.headers.get('retry-after'));
    if (error.status === 401 && !options.anonymous) hooks.onSessionEnded(error);
    throw error;
  }
  return body as T;
}
