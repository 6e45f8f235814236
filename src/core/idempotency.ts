import { AppError } from '../shared/errors.js';
import type { Clock } from './ports.js';
import type { Store } from './store.js';

/** How long a key is remembered: a repeat later than this is a new request. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;

/** A key: 1–255 visible ASCII characters (a UUID is the usual choice). */
export const isIdempotencyKey = (key: string): boolean => /^[\x21-\x7e]{1,255}$/.test(key);

export type IdempotencyStart =
  /** The first request with this key: go on, then `complete` or `release`. */
  | { kind: 'proceed' }
  /** An earlier request with this key is still being handled. */
  | { kind: 'pending' }
  /** An earlier request with this key was done: answer as it was answered (body null: it held a one-time secret). */
  | { kind: 'replay'; status: number; body: string | null };

/**
 * Creating requests made once, however often they are sent: the first request with a key claims
 * it, a repeat of the same request gets the first answer, and the same key for a different request
 * is refused. A failed request frees its key. Keys are kept per principal (a person in an
 * organisation, or an API token) for a day.
 */
export function idempotencyService(deps: { store: Store; clock: Clock }) {
  const repo = () => deps.store.read.idempotency;

  async function start(principal: string, key: string, fingerprint: string): Promise<IdempotencyStart> {
    if (!isIdempotencyKey(key)) {
      throw new AppError('invalid_input', 'The Idempotency-Key header must be 1 to 255 visible characters.', {
        reason: 'validation',
        issues: [{ path: ['headers', 'Idempotency-Key'], code: 'invalid_format', message: '1 to 255 visible characters.' }],
      });
    }
    const now = deps.clock.now();
    await repo().purge(principal, new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS).toISOString());
    const claimed = await repo().claim({
      principal,
      key,
      fingerprint,
      state: 'pending',
      responseStatus: null,
      responseBody: null,
      createdAt: now.toISOString(),
    });
    if (claimed) return { kind: 'proceed' };
    const earlier = await repo().get(principal, key);
    // Released between the claim and the look: this request may take it after all.
    if (!earlier) return start(principal, key, fingerprint);
    if (earlier.fingerprint !== fingerprint) {
      throw new AppError('invalid_input', 'This Idempotency-Key was used for a different request.', {
        reason: 'idempotency_key_reused',
        issues: [{ path: ['headers', 'Idempotency-Key'], code: 'reused', message: 'Used for a different request.' }],
      });
    }
    if (earlier.state === 'pending') return { kind: 'pending' };
    return { kind: 'replay', status: earlier.responseStatus ?? 200, body: earlier.responseBody };
  }

  return {
    start,
    complete: (principal: string, key: string, status: number, body: string | null) => repo().complete(principal, key, status, body),

    release: (principal: string, key: string) => repo().release(principal, key),
  };
}

export type IdempotencyService = ReturnType<typeof idempotencyService>;
