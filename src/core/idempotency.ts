import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../shared/errors.js';
import type { Clock } from './ports.js';
import type { Repos, Store } from './store.js';

/** How long a key is remembered: a repeat later than this is a new request. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;

/**
 * A claim older than this whose request has not committed is abandoned (its server was killed
 * mid-request): a retry takes it over. Safe however short: a claim is fenced by the time it was
 * claimed, so a slow original that lost its claim cannot commit (see markClaimDone).
 */
export const IDEMPOTENCY_CLAIM_LEASE_MS = 30_000;

/** The claim of the request being handled, for the store's transactions (set by the HTTP layer). */
interface ClaimInFlight {
  principal: string;
  key: string;
  claimedAt: string;
  marked: boolean;
}
const claimInFlight = new AsyncLocalStorage<ClaimInFlight>();

/**
 * Called by the store inside every transaction before it commits: the first transaction of a
 * request made with an Idempotency-Key marks the key done in the same commit as the work. So a
 * crash can never leave the work done and the key free (a retry would do it twice), nor the key
 * held with nothing done for longer than the lease.
 */
export async function markClaimDone(tx: Repos): Promise<void> {
  const claim = claimInFlight.getStore();
  if (!claim || claim.marked) return;
  if (!(await tx.idempotency.markDone(claim.principal, claim.key, claim.claimedAt))) {
    throw new AppError('conflict', 'This request took so long that a retry with the same Idempotency-Key took it over.', {
      reason: 'idempotency_in_progress',
    });
  }
  claim.marked = true;
}

/** A key: 1–255 visible ASCII characters (a UUID is the usual choice). */
export const isIdempotencyKey = (key: string): boolean => /^[\x21-\x7e]{1,255}$/.test(key);

export type IdempotencyStart =
  /** The first request with this key: go on inside `run`, then `complete` or `release`. */
  | { kind: 'proceed'; claimedAt: string }
  /** An earlier request with this key is still being handled. */
  | { kind: 'pending' }
  /** An earlier request with this key was done: answer as it was answered (body null: it held a one-time secret, or was lost). */
  | { kind: 'replay'; status: number | null; body: string | null };

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
    const forgetBefore = new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS).toISOString();
    // The claim forgets the principal's other keys older than a day in the same statement.
    const claimed = await repo().claim(
      {
        principal,
        key,
        fingerprint,
        state: 'pending',
        responseStatus: null,
        responseBody: null,
        createdAt: now.toISOString(),
      },
      forgetBefore,
    );
    if (claimed) return { kind: 'proceed', claimedAt: now.toISOString() };
    const earlier = await repo().get(principal, key);
    // Released between the claim and the look: this request may take it after all.
    if (!earlier) return start(principal, key, fingerprint);
    // Used more than a day ago: forgotten, and this is a new request.
    if (earlier.createdAt < forgetBefore) {
      await repo().purge(principal, forgetBefore);
      return start(principal, key, fingerprint);
    }
    if (earlier.fingerprint !== fingerprint) {
      throw new AppError('invalid_input', 'This Idempotency-Key was used for a different request.', {
        reason: 'idempotency_key_reused',
        issues: [{ path: ['headers', 'Idempotency-Key'], code: 'reused', message: 'Used for a different request.' }],
      });
    }
    const abandoned = now.getTime() - new Date(earlier.createdAt).getTime() > IDEMPOTENCY_CLAIM_LEASE_MS;
    if (earlier.state === 'pending') {
      if (abandoned && (await repo().takeOver(principal, key, earlier.createdAt, now.toISOString())))
        return { kind: 'proceed', claimedAt: now.toISOString() };
      return { kind: 'pending' };
    }
    // Done, and its answer being stored now; or never stored, when the server stopped in between.
    if (earlier.responseStatus === null && !abandoned) return { kind: 'pending' };
    return { kind: 'replay', status: earlier.responseStatus, body: earlier.responseBody };
  }

  return {
    start,
    /** Runs the request's work with its claim, so that its first transaction marks the key done. */
    run: <T>(claim: { principal: string; key: string; claimedAt: string }, fn: () => Promise<T>) =>
      claimInFlight.run({ ...claim, marked: false }, fn),
    complete: (principal: string, key: string, status: number, body: string | null) => repo().complete(principal, key, status, body),
    /** Frees the key of a failed request, unless a retry took it over meanwhile. */
    release: (principal: string, key: string, claimedAt: string) => repo().release(principal, key, claimedAt),
  };
}

export type IdempotencyService = ReturnType<typeof idempotencyService>;
