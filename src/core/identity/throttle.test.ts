import { describe, expect, it } from 'vitest';
import type { LoginAttemptHistory } from '../store.js';
import { defaultIdentityConfig } from './config.js';
import { backoffSeconds, throttleAttempt, throttleSince } from './throttle.js';

const config = defaultIdentityConfig; // pair 5, account 20, address 500 per 15 min, 1 s doubling to 900 s
const now = new Date('2026-04-01T12:00:00.000Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

const history = (h: Partial<LoginAttemptHistory> = {}): LoginAttemptHistory => ({
  known: false,
  pair: { count: 0, lastAt: null },
  account: { count: 0, lastAt: null },
  address: { count: 0, oldestAt: null },
  ...h,
});

describe('sign-in throttle rules', () => {
  it('lets the first failures through, then doubles the delay up to the cap', () => {
    expect([0, 4].map((n) => backoffSeconds(n, 5, config))).toEqual([0, 0]);
    expect([5, 6, 7, 8, 14].map((n) => backoffSeconds(n, 5, config))).toEqual([1, 2, 4, 8, 512]);
    expect(backoffSeconds(15, 5, config)).toBe(900);
    expect(backoffSeconds(1000, 5, config)).toBe(900);
    expect(backoffSeconds(7, 5, { ...config, loginDelaySeconds: 30 })).toBe(120);
  });

  it('holds a pair after its failures until the delay after the last one has passed', () => {
    const h = history({ pair: { count: 7, lastAt: ago(1) }, account: { count: 7, lastAt: ago(1) } });
    expect(throttleAttempt(h, now, config)).toEqual({ scope: 'pair', retryAfter: 3 });
    expect(throttleAttempt({ ...h, pair: { count: 7, lastAt: ago(4) } }, now, config)).toBeNull();
  });

  it('slows addresses new to an account after its failures, but never one that has signed in to it', () => {
    const account = { count: 25, lastAt: ago(10) }; // 20 free: 2^5 = 32 s after the last
    expect(throttleAttempt(history({ account }), now, config)).toEqual({ scope: 'account', retryAfter: 22 });
    expect(throttleAttempt(history({ account, known: true }), now, config)).toBeNull();
  });

  it('holds an address after many failures within the window, except for accounts it signed in to', () => {
    const address = { count: 500, oldestAt: ago(600) };
    expect(throttleAttempt(history({ address }), now, config)).toEqual({ scope: 'ip', retryAfter: 300 });
    expect(throttleAttempt(history({ address: { count: 499, oldestAt: ago(600) } }), now, config)).toBeNull();
    expect(throttleAttempt(history({ address, known: true }), now, config)).toBeNull();
  });

  it('names the rule that holds the attempt longest', () => {
    const h = history({
      pair: { count: 6, lastAt: ago(0) }, // 2 s
      account: { count: 30, lastAt: ago(0) }, // 900 s
      address: { count: 600, oldestAt: ago(60) }, // 840 s
    });
    expect(throttleAttempt(h, now, config)).toEqual({ scope: 'account', retryAfter: 900 });
  });

  it('counts the pair and the account over a day, the address over its window', () => {
    expect(throttleSince(now, config)).toEqual({
      forgetBefore: '2026-03-31T12:00:00.000Z',
      windowStart: '2026-04-01T11:45:00.000Z',
    });
  });
});
