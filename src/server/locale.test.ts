import { expect, it } from 'vitest';
import type { SessionView } from '../shared/contracts/identity.js';
import { describeEachDatabase } from '../testing/db.js';
import { makeOrg, TEST_PASSWORD } from '../testing/factories.js';
import { TestClient } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

/** The language a person signs in from becomes theirs when they have none; a saved one is kept. */
describeEachDatabase('the account language', (backend) => {
  const kit = useTestKit(backend);

  const account = async (locale?: 'ja' | 'en') => {
    const { rt } = kit();
    const org = await makeOrg(rt, 'client');
    return rt.services.admin.createUser(rt.system('test'), {
      email: `person-${Math.random().toString(36).slice(2, 8)}@example.test`,
      displayName: 'Person',
      password: TEST_PASSWORD,
      orgId: org.id,
      roles: ['reviewer'],
      ...(locale && { locale }),
    });
  };
  const signIn = (email: string, locale?: 'ja' | 'en') =>
    new TestClient(kit().app.app).request<SessionView>('POST', '/api/session', {
      email,
      password: TEST_PASSWORD,
      ...(locale && { locale }),
    });

  it('a new account has no language until it signs in; the sign-in page’s language becomes it, and is audited', async () => {
    const user = await account();
    expect((await kit().rt.store.read.users.get(user.id))?.locale).toBeNull();
    const first = await signIn(user.email, 'en');
    expect(first.body.user.locale).toBe('en');
    expect((await kit().rt.store.read.users.get(user.id))?.locale).toBe('en');
    // Later sign-ins from a page in another language do not overwrite the choice.
    expect((await signIn(user.email, 'ja')).body.user.locale).toBe('en');
    const events = await kit().rt.store.read.audit.query({ type: 'user.profile_updated', limit: 10 });
    expect(events.filter((e) => e.resourceId === user.id).map((e) => e.data)).toEqual([{ changes: ['locale'] }]);
  });

  it('a saved language is kept, and an API sign-in without one leaves the account without', async () => {
    const saved = await account('ja');
    expect((await signIn(saved.email, 'en')).body.user.locale).toBe('ja');
    const none = await account();
    expect((await signIn(none.email)).body.user.locale).toBeNull();
  });
});
