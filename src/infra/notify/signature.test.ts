import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './signature.js';

describe('webhook signatures', () => {
  const at = new Date('2026-04-01T00:00:00.000Z');
  const body = '{"id":"e1","type":"ping"}';

  it('is t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const t = 1775001600;
    const expected = createHmac('sha256', 'whsec_abc').update(`${t}.${body}`).digest('hex');
    expect(signWebhook('whsec_abc', body, at)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies the body, the secret and the age', () => {
    const header = signWebhook('whsec_abc', body, at);
    expect(verifyWebhookSignature('whsec_abc', header, body, at)).toBe(true);
    expect(verifyWebhookSignature('whsec_abc', header, body, new Date(at.getTime() + 299_000))).toBe(true);
    expect(verifyWebhookSignature('whsec_abc', header, body, new Date(at.getTime() + 301_000))).toBe(false);
    expect(verifyWebhookSignature('whsec_abd', header, body, at)).toBe(false);
    expect(verifyWebhookSignature('whsec_abc', header, `${body} `, at)).toBe(false);
    expect(verifyWebhookSignature('whsec_abc', header.replace(/t=\d+/, 't=1775001601'), body, at)).toBe(false);
    expect(verifyWebhookSignature('whsec_abc', 'garbage', body, at)).toBe(false);
    expect(verifyWebhookSignature('whsec_abc', '', body, at)).toBe(false);
    // Several v1 values (a receiver rotating secrets may see them): any match counts.
    const v1 = header.split('v1=')[1];
    expect(verifyWebhookSignature('whsec_abc', `t=1775001600,v1=${'0'.repeat(64)},v1=${v1}`, body, at)).toBe(true);
  });
});
