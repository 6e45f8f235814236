import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/db.js';
import { makeOrg, makeUser } from '../testing/factories.js';
import { errorOf, TestClient } from '../testing/http.js';
import { createTestKit, useTestKit } from '../testing/runtime.js';

describeEachDatabase('HTTP boundary: headers, limits and hostile requests', (backend) => {
  const kit = useTestKit(backend, { KPO_BODY_LIMIT_BYTES: '4096' });

  it('sends the security headers, with a CSP that allows no inline script', async () => {
    const res = await kit().app.app.request('/api/health');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toBeNull(); // only behind TLS
    expect(res.headers.get('x-request-id')).toMatch(/.+/);
  });

  it('refuses oversize bodies with 413 in the error shape', async () => {
    const reply = await new TestClient(kit().app.app).post('/api/session', { email: 'a@example.test', password: 'x'.repeat(10_000) });
    expect(reply.status).toBe(413);
    expect(errorOf(reply).code).toBe('payload_too_large');
  });

  it('lists every validation issue: wrong types, missing and unknown fields', async () => {
    const reply = await new TestClient(kit().app.app).post('/api/session', { email: 42, extra: true });
    expect(reply.status).toBe(400);
    // A missing field is said to be required, not "of the wrong type".
    expect(errorOf(reply).issues?.map((i) => `${i.path.join('.')}:${i.code}`)).toEqual(
      expect.arrayContaining(['email:invalid_type', 'password:required']),
    );
    expect(
      errorOf(reply)
        .issues?.map((i) => i.code)
        .sort(),
    ).toEqual(['invalid_type', 'required', 'unrecognized_keys']);
  });

  it('answers malformed JSON, a wrong content type and an empty body with 4xx', async () => {
    const client = new TestClient(kit().app.app);
    expect(errorOf(await client.request('POST', '/api/session', '{"email":')).reason).toBe('malformed_body');
    const text = await client.request('POST', '/api/session', 'email=a', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const empty = await client.request('POST', '/api/session', '');
    expect(empty.status).toBe(400);
  });

  it('treats a forged or oversized cookie and a malformed bearer token as signed out', async () => {
    const client = new TestClient(kit().app.app);
    for (const cookie of ['kpo_session=forged', `kpo_session=${'a'.repeat(5000)}`, 'kpo_session=%00%ff', 'kpo_session=']) {
      const reply = await client.request('GET', '/api/session', undefined, { cookie });
      expect(reply.status).toBe(401);
    }
    for (const authorization of ['Bearer', 'Bearer kpo_nope', 'Basic abc', `Bearer ${'x'.repeat(3000)}`]) {
      const reply = await client.request('GET', '/api/tokens', undefined, { authorization });
      expect(reply.status).toBe(401);
      expect(errorOf(reply).reason).toBe('invalid_token');
    }
  });

  it('answers an id that cannot exist with 400 and one that does not exist with 404', async () => {
    const { rt, app } = kit();
    const org = await makeOrg(rt, 'client');
    const admin = await makeUser(rt, org.id, ['client_admin']);
    const client = new TestClient(app.app);
    await client.login(admin.email);
    expect((await client.get('/api/organizations/not-a-uuid/members')).status).toBe(400);
    expect((await client.delete(`/api/organizations/${org.id}/invitations/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await client.get('/api/no-such-route')).status).toBe(404);
  });

  it('publishes an OpenAPI 3.1 document covering every API route, and a docs page without inline script', async () => {
    const { app } = kit();
    const doc = (
      await new TestClient(app.app).get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>('/api/openapi.json')
    ).body;
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replaceAll(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const undocumented = [...app.policies.keys()].filter(
      (k) => !documented.has(k) && !k.includes('/api/docs') && !k.endsWith('/api/openapi.json'),
    );
    expect(undocumented).toEqual([]);
    const html = await app.app.request('/api/docs');
    const page = await html.text();
    expect(page).toContain('/api/docs/swagger-ui-bundle.js');
    expect(page).not.toMatch(/<script>[^<]/);
    expect((await app.app.request('/api/docs/swagger-ui-bundle.js')).status).toBe(200);
  });
});

describe('unknown errors', () => {
  it('are answered as internal with a request id and no internals, and logged with that id', async () => {
    const kit = await createTestKit('pglite');
    const { rt, app, logs } = kit;
    const org = await makeOrg(rt, 'client');
    const admin = await makeUser(rt, org.id, ['client_admin']);
    const client = new TestClient(app.app);
    await client.login(admin.email);
    await rt.database.close(); // the database goes away under a running server
    const reply = await client.get(`/api/organizations/${org.id}/members`);
    expect(reply.status).toBe(500);
    const error = errorOf(reply);
    expect(error.code).toBe('internal');
    expect(JSON.stringify(reply.body)).not.toMatch(/at .*\.ts|Error:|pglite|kysely/i);
    expect(logs.some((line) => line.includes(error.requestId ?? 'none') && line.includes('unhandled error'))).toBe(true);
    const health = await app.app.request('/api/health');
    expect(health.status).toBe(503);
  });
});
