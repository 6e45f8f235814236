import { describe, expect, it } from 'vitest';
import { loadConfig } from '../infra/config.js';
import { createRuntime } from '../runtime.js';
import { openTestDatabase } from '../testing/db.js';
import { makeOrg, makeUser } from '../testing/factories.js';
import { TestClient } from '../testing/http.js';
import { createTestKit } from '../testing/runtime.js';
import { createApp } from './app.js';

describe('the end-to-end test clock', () => {
  it('exists only with KPO_TEST_CLOCK=true, and only the platform admin moves it', async () => {
    const database = await openTestDatabase('pglite');
    const rt = await createRuntime(loadConfig({ KPO_TEST_CLOCK: 'true', KPO_LOG_LEVEL: 'silent' }), { database, migrate: false });
    const { app } = createApp(rt, { webDir: null });
    const op = await makeOrg(rt, 'operator');
    const client = await makeOrg(rt, 'client');
    const admin = new TestClient(app);
    await admin.login((await makeUser(rt, op.id, ['platform_admin'])).email);
    const other = new TestClient(app);
    await other.login((await makeUser(rt, client.id, ['client_admin'])).email);
    expect((await other.post('/api/test/clock', { advanceHours: 1 })).status).toBe(403);
    const before = rt.clock.now().getTime();
    const moved = await admin.post<{ now: string }>('/api/test/clock', { advanceHours: 48 });
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.body.now) - before).toBeGreaterThanOrEqual(48 * 3_600_000);
    await rt.close();

    const normal = await createTestKit('pglite');
    expect(normal.app.policies.has('POST /api/test/clock')).toBe(false);
    await normal.close();
  });
});
