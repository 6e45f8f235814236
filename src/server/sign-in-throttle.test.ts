import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/db.js';
import { makeOrg, makeUser } from '../testing/factories.js';
import { errorOf, TestClient } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

const WRONG = 'wrong password!!';

/**
 * The sign-in throttle with its documented defaults (README, "Sign-in throttling"): 5 failures per
 * account and address, then 1 s doubling to 15 minutes; 20 per account before new addresses are
 * slowed too; 500 per address in 15 minutes. Time moves on the test clock only.
 */
describeEachDatabase('sign-in throttling slows guessing and never locks the owner out', (backend) => {
  const kit = useTestKit(backend);
  const attempt = (ip: string, email: string, password = WRONG) => new TestClient(kit().app.app, ip).login(email, password);
  const retryAfter = (reply: { headers: Headers }) => Number(reply.headers.get('retry-after'));

  it('lets the owner in from an address they use while attackers elsewhere guess; a new address is only slowed', async () => {
    const { rt, clock } = kit();
    const org = await makeOrg(rt, 'client');
    const owner = await makeUser(rt, org.id, ['engagement_owner']);
    const office = '203.0.113.10';
    expect((await attempt(office, owner.email, owner.password)).status).toBe(200);

    // Twenty guesses from twenty addresses: each is checked (and fails).
    for (let i = 0; i < 20; i++) expect((await attempt(`198.51.100.${100 + i}`, owner.email)).status).toBe(401);
    const stranger = await attempt('198.51.100.200', owner.email);
    expect(stranger.status).toBe(429);
    expect(errorOf(stranger).reason).toBe('login_throttled');

    // The owner, from the office, is not held at all.
    expect((await attempt(office, owner.email, owner.password)).status).toBe(200);
    // From a hotel (an address new to the account) the owner waits, then gets in.
    const hotel = await attempt('192.0.2.77', owner.email, owner.password);
    expect(hotel.status).toBe(429);
    clock.advance(retryAfter(hotel) * 1000);
    expect((await attempt('192.0.2.77', owner.email, owner.password)).status).toBe(200);
  });

  it("slows the attacker's address with a delay that doubles after each failure, up to 15 minutes — the same for an unknown account", async () => {
    const { rt, clock } = kit();
    const org = await makeOrg(rt, 'client');
    const victim = await makeUser(rt, org.id, ['reviewer']);
    const waitsFor = async (ip: string, email: string) => {
      for (let i = 0; i < 5; i++) expect((await attempt(ip, email)).status).toBe(401);
      const waits: number[] = [];
      for (let i = 0; i < 12; i++) {
        const refused = await attempt(ip, email);
        expect(refused.status).toBe(429);
        expect(errorOf(refused)).toMatchObject({ code: 'rate_limited', reason: 'login_throttled' });
        waits.push(retryAfter(refused));
        clock.advance(retryAfter(refused) * 1000 - 1);
        expect((await attempt(ip, email)).status, 'a millisecond early').toBe(429);
        clock.advance(1);
        expect((await attempt(ip, email)).status).toBe(401); // checked again, and wrong again
      }
      return waits;
    };
    const growing = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900];
    expect(await waitsFor('233.252.0.1', victim.email)).toEqual(growing);
    expect(await waitsFor('233.252.0.2', 'nobody-at-all@example.test')).toEqual(growing);
  });

  it('a success from an address clears its count', async () => {
    const { rt, clock } = kit();
    const org = await makeOrg(rt, 'client');
    const user = await makeUser(rt, org.id, ['reviewer']);
    const ip = '203.0.113.20';
    for (let i = 0; i < 5; i++) expect((await attempt(ip, user.email)).status).toBe(401);
    const held = await attempt(ip, user.email, user.password);
    expect(held.status).toBe(429);
    clock.advance(retryAfter(held) * 1000);
    expect((await attempt(ip, user.email, user.password)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await attempt(ip, user.email)).status).toBe(401);
  });

  it('does not hold many people behind one address (a company NAT) for a few failures each', async () => {
    const { rt } = kit();
    const org = await makeOrg(rt, 'client');
    const nat = '192.0.2.200';
    const people = [];
    for (let i = 0; i < 30; i++) people.push(await makeUser(rt, org.id, ['reviewer']));
    for (const person of people) {
      for (let i = 0; i < 2; i++) expect((await attempt(nat, person.email)).status).toBe(401);
    }
    // Sixty failures from the address in a few minutes, and everyone signs in.
    for (const person of people) expect((await attempt(nat, person.email, person.password)).status, person.email).toBe(200);
  });

  it('audits every refused attempt, naming the recorded attempt, and refusals never lengthen the wait', async () => {
    const { rt, clock } = kit();
    const org = await makeOrg(rt, 'client');
    const user = await makeUser(rt, org.id, ['reviewer']);
    const ip = '198.51.100.250';
    for (let i = 0; i < 5; i++) await attempt(ip, user.email);
    for (let i = 0; i < 3; i++) expect((await attempt(ip, user.email)).status).toBe(429);

    const db = rt.database.db;
    const events = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('type', '=', 'auth.login_rate_limited')
      .where('ip', '=', ip)
      .orderBy('seq')
      .execute();
    expect(events).toHaveLength(3);
    for (const e of events) {
      expect(e.org_id).toBe(org.id);
      expect(e.actor_label).toBe(`login:${user.email}`);
      expect(e.data).toEqual({ email: user.email, scope: 'pair', retryAfter: 1 });
      expect(e.resource_type).toBe('login_attempt');
    }
    const rows = await db
      .selectFrom('login_attempts')
      .select(['id', 'throttled', 'succeeded'])
      .where(
        'id',
        'in',
        events.map((e) => Number(e.resource_id)),
      )
      .execute();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.throttled && !r.succeeded)).toBe(true);

    clock.advance(1000);
    expect((await attempt(ip, user.email, user.password)).status).toBe(200);
  });
});
