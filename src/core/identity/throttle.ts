import type { LoginAttemptHistory } from '../store.js';
import type { IdentityConfig } from './config.js';

/**
 * The sign-in throttle (README, "Sign-in throttling"). It slows guessing down and never locks the
 * owner out:
 *
 * - pair: after `loginMaxFailuresPerPair` failures in a row to an account from one address, each
 *   next attempt from that address waits `loginDelaySeconds` after the last failure, doubling with
 *   every further failure, at most `loginMaxDelaySeconds`. A success from the address clears it.
 * - account: after `loginMaxFailuresPerAccount` failures to an account from any address, addresses
 *   that have never signed in to it wait the same growing delay after the account's last failure.
 *   Addresses that have signed in to it before are held by their own pair count only, so an
 *   attacker elsewhere cannot keep the owner out.
 * - address: after `loginMaxFailuresPerIp` failures from one address within `loginWindowMinutes`,
 *   it may try no account it has not signed in to before until the oldest of them leaves the
 *   window (set high: a company behind one NAT shares an address).
 *
 * Failures older than `loginForgetAfterHours` no longer count. Refused attempts are recorded and
 * audited but do not count as failures, so they never lengthen a wait.
 */
export type ThrottleScope = 'pair' | 'account' | 'ip';

export interface Throttled {
  scope: ThrottleScope;
  /** Whole seconds until the attempt would be let through (at least 1). */
  retryAfter: number;
}

type ThrottleConfig = Pick<
  IdentityConfig,
  | 'loginMaxFailuresPerPair'
  | 'loginMaxFailuresPerAccount'
  | 'loginMaxFailuresPerIp'
  | 'loginDelaySeconds'
  | 'loginMaxDelaySeconds'
  | 'loginWindowMinutes'
  | 'loginForgetAfterHours'
>;

/** Seconds to wait after the last of `failures` failures when the first `free` are free: 0, then doubling, capped. */
export function backoffSeconds(failures: number, free: number, config: ThrottleConfig): number {
  if (failures < free) return 0;
  const doublings = Math.min(failures - free, 40); // 2^40 s is beyond any cap
  return Math.min(config.loginMaxDelaySeconds, config.loginDelaySeconds * 2 ** doublings);
}

/** The moments the history is counted from: failures before `forgetBefore` and address failures before `windowStart` do not count. */
export function throttleSince(now: Date, config: ThrottleConfig): { forgetBefore: string; windowStart: string } {
  return {
    forgetBefore: new Date(now.getTime() - config.loginForgetAfterHours * 3_600_000).toISOString(),
    windowStart: new Date(now.getTime() - config.loginWindowMinutes * 60_000).toISOString(),
  };
}

/** Whether an attempt with this history must wait, and which rule holds it the longest; null lets it through. */
export function throttleAttempt(history: LoginAttemptHistory, now: Date, config: ThrottleConfig): Throttled | null {
  const waits: { scope: ThrottleScope; until: number }[] = [];
  const backoff = (scope: ThrottleScope, count: number, free: number, lastAt: string | null) => {
    const seconds = backoffSeconds(count, free, config);
    if (seconds > 0 && lastAt) waits.push({ scope, until: Date.parse(lastAt) + seconds * 1000 });
  };
  backoff('pair', history.pair.count, config.loginMaxFailuresPerPair, history.pair.lastAt);
  if (!history.known) {
    backoff('account', history.account.count, config.loginMaxFailuresPerAccount, history.account.lastAt);
    if (history.address.count >= config.loginMaxFailuresPerIp && history.address.oldestAt) {
      waits.push({ scope: 'ip', until: Date.parse(history.address.oldestAt) + config.loginWindowMinutes * 60_000 });
    }
  }
  const longest = waits.filter((w) => w.until > now.getTime()).sort((a, b) => b.until - a.until)[0];
  return longest ? { scope: longest.scope, retryAfter: Math.max(1, Math.ceil((longest.until - now.getTime()) / 1000)) } : null;
}
