import { describe, expect, it } from 'vitest';
import { withQuery } from './client';

describe('withQuery', () => {
  it('appends set values and leaves out empty ones', () => {
    expect(withQuery('/api/audit-events', { type: 'auth.logout', actorUserId: undefined, resourceId: '', limit: 50 })).toBe(
      '/api/audit-events?type=auth.logout&limit=50',
    );
  });

  it('returns the bare path without parameters', () => {
    expect(withQuery('/api/tokens')).toBe('/api/tokens');
    expect(withQuery('/api/tokens', { before: undefined })).toBe('/api/tokens');
  });

  it('encodes values', () => {
    expect(withQuery('/x', { from: '2026-11-01T00:00:00+09:00' })).toBe('/x?from=2026-11-01T00%3A00%3A00%2B09%3A00');
  });
});
