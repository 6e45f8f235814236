export interface IdentityConfig {
  /** A session ends after this long without a request. */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in, however active. */
  sessionMaxHours: number;
  /**
   * Failed sign-ins in a row to one account from one address before each next attempt from that
   * address must wait a growing delay (the pair rule; see throttle.ts).
   */
  loginMaxFailuresPerPair: number;
  /**
   * Failed sign-ins to one account, from any address, before attempts from addresses that have
   * never signed in to it must wait a growing delay too (the account rule). Never a lock.
   */
  loginMaxFailuresPerAccount: number;
  /** Failed sign-ins from one address within the window before it may try no new accounts (the address rule). */
  loginMaxFailuresPerIp: number;
  /** The first delay; each further failure doubles it. */
  loginDelaySeconds: number;
  /** The longest delay. */
  loginMaxDelaySeconds: number;
  /** The window of the address rule. */
  loginWindowMinutes: number;
  /** Failures older than this no longer count for the pair and account rules. */
  loginForgetAfterHours: number;
}

export const defaultIdentityConfig: IdentityConfig = {
  sessionIdleMinutes: 8 * 60,
  sessionMaxHours: 7 * 24,
  loginMaxFailuresPerPair: 5,
  loginMaxFailuresPerAccount: 20,
  loginMaxFailuresPerIp: 500,
  loginDelaySeconds: 1,
  loginMaxDelaySeconds: 15 * 60,
  loginWindowMinutes: 15,
  loginForgetAfterHours: 24,
};
