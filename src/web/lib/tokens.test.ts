import { describe, expect, it } from 'vitest';
import { tokenStatus } from './tokens';

const now = new Date('2026-11-27T10:00:00Z');

describe('tokenStatus', () => {
  it('is revoked once revoked, whatever its expiry', () => {
    expect(tokenStatus({ revokedAt: '2026-11-01T00:00:00Z', expiresAt: null }, now)).toBe('revoked');
  });

  it('is expired from its expiry on', () => {
    expect(tokenStatus({ revokedAt: null, expiresAt: '2026-11-27T10:00:00Z' }, now)).toBe('expired');
    expect(tokenStatus({ revokedAt: null, expiresAt: '2026-11-27T10:00:01Z' }, now)).toBe('active');
  });

  it('is active without an expiry', () => {
    expect(tokenStatus({ revokedAt: null, expiresAt: null }, now)).toBe('active');
  });
});
