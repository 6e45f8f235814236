export interface IdentityConfig {
  /** A session ends after this long without a request. */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in, however active. */
  sessionMaxHours: number;
  /** Failed logins per account within the window before it is throttled. */
  loginMaxFailuresPerAccount: number;
  /** Failed logins from one address within the window before it is throttled. */
  loginMaxFailuresPerIp: number;
  loginWindowMinutes: number;
}

export const defaultIdentityConfig: IdentityConfig = {
  sessionIdleMinutes: 8 * 60,
  sessionMaxHours: 7 * 24,
  loginMaxFailuresPerAccount: 5,
  loginMaxFailuresPerIp: 50,
  loginWindowMinutes: 15,
};
