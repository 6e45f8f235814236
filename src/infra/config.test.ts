import { describe, expect, it } from 'vitest';
import type { AppError } from '../shared/errors.js';
import { loadConfig } from './config.js';

/** The issue paths of the configuration error `env` raises. */
function refused(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toMatchObject({ code: 'invalid_input', reason: 'bad_config' });
    return ((e as AppError).issues ?? []).map((i) => i.path.join('.'));
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('sign-in throttling settings in the environment', () => {
  it('default to the documented values', () => {
    expect(loadConfig({}).identity).toMatchObject({
      loginMaxFailuresPerPair: 5,
      loginMaxFailuresPerAccount: 20,
      loginMaxFailuresPerIp: 500,
      loginDelaySeconds: 1,
      loginMaxDelaySeconds: 900,
      loginWindowMinutes: 15,
      loginForgetAfterHours: 24,
    });
  });

  it('take the per-account limit as four times the per-address one unless it is set', () => {
    expect(loadConfig({ KPO_LOGIN_MAX_FAILURES: '3' }).identity.loginMaxFailuresPerAccount).toBe(12);
    const set = loadConfig({
      KPO_LOGIN_MAX_FAILURES: '3',
      KPO_LOGIN_MAX_FAILURES_PER_ACCOUNT: '7',
      KPO_LOGIN_MAX_FAILURES_PER_IP: '2000',
      KPO_LOGIN_DELAY_SECONDS: '2',
      KPO_LOGIN_MAX_DELAY_SECONDS: '3600',
    }).identity;
    expect(set).toMatchObject({
      loginMaxFailuresPerPair: 3,
      loginMaxFailuresPerAccount: 7,
      loginMaxFailuresPerIp: 2000,
      loginDelaySeconds: 2,
      loginMaxDelaySeconds: 3600,
    });
  });

  it('refuse an invalid value, naming the variable', () => {
    expect(refused({ KPO_LOGIN_MAX_FAILURES: '0' })).toEqual(['KPO_LOGIN_MAX_FAILURES']);
    expect(refused({ KPO_LOGIN_MAX_FAILURES_PER_ACCOUNT: 'many' })).toEqual(['KPO_LOGIN_MAX_FAILURES_PER_ACCOUNT']);
    expect(refused({ KPO_LOGIN_MAX_FAILURES_PER_IP: '1.5' })).toEqual(['KPO_LOGIN_MAX_FAILURES_PER_IP']);
    expect(refused({ KPO_LOGIN_DELAY_SECONDS: '0' })).toEqual(['KPO_LOGIN_DELAY_SECONDS']);
    expect(refused({ KPO_LOGIN_MAX_DELAY_SECONDS: '86401' })).toEqual(['KPO_LOGIN_MAX_DELAY_SECONDS']);
    expect(refused({ KPO_LOGIN_DELAY_SECONDS: '60', KPO_LOGIN_MAX_DELAY_SECONDS: '30' })).toEqual(['KPO_LOGIN_MAX_DELAY_SECONDS']);
  });
});
