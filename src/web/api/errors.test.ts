import { describe, expect, it } from 'vitest';
import { apiErrorFrom, networkError, parseRetryAfter } from './errors';

describe('apiErrorFrom', () => {
  it('keeps code, reason, message, issues and request id of a kpo error body', () => {
    const error = apiErrorFrom(
      400,
      {
        error: {
          code: 'invalid_input',
          reason: 'validation',
          message: 'The request is not valid.',
          issues: [{ path: ['email'], code: 'invalid_format', message: 'Must be an e-mail address.' }],
          requestId: 'req-1',
        },
      },
      null,
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_input');
    expect(error.reason).toBe('validation');
    expect(error.message).toBe('The request is not valid.');
    expect(error.issues).toEqual([{ path: ['email'], code: 'invalid_format', message: 'Must be an e-mail address.' }]);
    expect(error.requestId).toBe('req-1');
  });

  it('reads Retry-After for rate limits', () => {
    const error = apiErrorFrom(429, { error: { code: 'rate_limited', reason: 'login_throttled', message: 'Too many.' } }, '898');
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBe(898);
  });

  it('derives a code from the status when the body is not kpo error shape', () => {
    expect(apiErrorFrom(502, '<html>Bad gateway</html>', null).code).toBe('unavailable');
    expect(apiErrorFrom(403, null, null).code).toBe('forbidden');
    expect(apiErrorFrom(500, { error: { code: 'made_up', message: 'x' } }, null).code).toBe('internal');
    expect(apiErrorFrom(418, {}, null).issues).toEqual([]);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:00:30 GMT', new Date('2026-11-27T10:00:00Z'))).toBe(30);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('networkError', () => {
  it('is an unavailable error with reason network', () => {
    const error = networkError(new TypeError('Failed to fetch'));
    expect(error.code).toBe('unavailable');
    expect(error.reason).toBe('network');
    expect(error.status).toBe(0);
  });
});
