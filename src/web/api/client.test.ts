import { describe, expect, it, vi } from 'vitest';
import { apiRequest, withQuery } from './client';

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

describe('a submission', () => {
  it('sent twice while on its way (a double-click) is sent once, with an Idempotency-Key, and both get its answer', async () => {
    const calls: { url: string; headers: Record<string, string> }[] = [];
    const answers: ((r: Response) => void)[] = [];
    vi.stubGlobal('fetch', (url: string, init: { headers: Record<string, string> }) => {
      calls.push({ url, headers: init.headers });
      return new Promise<Response>((resolve) => answers.push(resolve));
    });
    try {
      const body = { title: 'Q', body: 'B' };
      const first = apiRequest<{ id: string }>('POST', '/api/x', { body });
      const second = apiRequest<{ id: string }>('POST', '/api/x', { body });
      const other = apiRequest<{ id: string }>('POST', '/api/x', { body: { title: 'Other', body: 'B' } });
      expect(calls).toHaveLength(2);
      expect(calls[0]?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
      expect(calls[1]?.headers['idempotency-key']).not.toBe(calls[0]?.headers['idempotency-key']);
      for (const answer of answers) answer(new Response(JSON.stringify({ id: 'e1' }), { status: 201 }));
      expect(await first).toEqual({ id: 'e1' });
      expect(await second).toEqual({ id: 'e1' });
      await other;
      // Once answered, the same form sent again is a new submission.
      const again = apiRequest('POST', '/api/x', { body });
      expect(calls).toHaveLength(3);
      expect(calls[2]?.headers['idempotency-key']).not.toBe(calls[0]?.headers['idempotency-key']);
      answers[2]?.(new Response(JSON.stringify({ id: 'e2' }), { status: 201 }));
      await again;
      // Reads and other writes carry no key.
      const read = apiRequest('GET', '/api/x');
      expect(calls[3]?.headers['idempotency-key']).toBeUndefined();
      answers[3]?.(new Response('{}', { status: 200 }));
      await read;
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
