import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { seedDemoEngagements } from '../infra/demo/engagements.js';
import { seedDemo } from '../infra/demo/seed.js';
import type { AuditEvent, AuditPage, AuditVerifyResult } from '../shared/contracts/audit.js';
import { describeEachDatabase } from '../testing/db.js';
import { errorOf, type Reply, TestClient } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

const PASSWORD = 'demo-password-for-tests';

/** Newest first: by time, then by seq among events of the same instant (one writer at a time here: seq follows insertion). */
const inTimeOrder = (a: AuditEvent, b: AuditEvent) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (b.seq ?? 0) - (a.seq ?? 0);

describeEachDatabase('audit log: time order, actors, and an organisation verifying its events', (backend) => {
  const kit = useTestKit(backend);
  const as: Record<string, TestClient> = {};
  const orgs: Record<string, string> = {};

  async function signIn(name: string, email: string, password = PASSWORD) {
    const client = new TestClient(kit().app.app, `10.8.0.${Object.keys(as).length + 1}`);
    expect((await client.login(email, password)).status, email).toBe(200);
    as[name] = client;
    orgs[name] = client.session?.activeOrgId ?? '';
  }

  /**
   * Every page of the log, following nextBefore. The events are sealed first, so that each has its
   * place in the chain (unsealed ones are listed as well: src/infra/db/audit-sealer.test.ts).
   */
  async function everyPage(client: TestClient, query: string, limit: number): Promise<{ events: AuditEvent[]; pages: number }> {
    await kit().rt.store.sealAudit();
    const events: AuditEvent[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const path: string = `/api/audit-events?limit=${limit}${query}${before ? `&before=${before}` : ''}`;
      const page: Reply<AuditPage> = await client.get<AuditPage>(path);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      events.push(...page.body.events);
      before = page.body.nextBefore;
      pages++;
    } while (before !== null && pages < 1000);
    return { events, pages };
  }

  beforeAll(async () => {
    const { rt } = kit();
    // The demo replays fifty days of history with a moved clock, after the people were made "now":
    // later events (by seq) carry earlier times.
    await seedDemo({ admin: rt.services.admin, store: rt.store, audit: rt.recordAudit }, rt.system('seed'), PASSWORD);
    await seedDemoEngagements((clock) => rt.servicesAt(clock), rt.store, rt.clock.now());
    await signIn('operator', 'auditor@operator.kpo.example');
    await signIn('bank', 'admin@marunouchi-capital.example');
    await signIn('bankAuditor', 'auditor@marunouchi-capital.example');
    await signIn('bankReviewer', 'reviewer@marunouchi-capital.example');
    await signIn('mirai', 'admin@mirai-link.example');
    await signIn('provider', 'admin@knowledge-bridge.example');
    // A failed sign-in shows in the bank's log, with the system as its actor.
    await new TestClient(kit().app.app, '10.8.1.1').login('finance@marunouchi-capital.example', 'not the password');
  }, 600_000);

  it('lists the whole log in time order, seq breaking ties, across pages, as the export does', async () => {
    const total = Number(
      (await kit().rt.database.db.selectFrom('audit_events').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n,
    );
    const { events, pages } = await everyPage(as.operator as TestClient, '', 37);
    expect(pages).toBeGreaterThan(3);
    expect(events).toHaveLength(total);
    expect(new Set(events.map((e) => e.seq)).size).toBe(total);
    expect(events.map((e) => e.seq)).toEqual([...events].sort(inTimeOrder).map((e) => e.seq));
    // The demo is the case in point: seq order is not time order, and some events share an instant.
    expect(events.some((e, i) => i > 0 && (e.seq ?? 0) > (events[i - 1]?.seq ?? 0))).toBe(true);
    expect(events.some((e, i) => i > 0 && e.occurredAt === events[i - 1]?.occurredAt)).toBe(true);

    // One page of all of them says the same.
    const big = await everyPage(as.operator as TestClient, '', 500);
    expect(big.events.map((e) => e.seq)).toEqual(events.map((e) => e.seq));

    const csv = await (as.operator as TestClient).get<string>('/api/audit-events/export');
    expect(csv.status).toBe(200);
    const seqs = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => Number(line.slice(0, line.indexOf(','))));
    expect(seqs).toEqual(events.map((e) => e.seq));
  });

  it("keeps an organisation's filtered log in time order, and a cursor keeps its place while events are added", async () => {
    const bank = as.bank as TestClient;
    const { events } = await everyPage(bank, '', 20);
    expect(events.length).toBeGreaterThan(20);
    expect(events.every((e) => e.orgId === orgs.bank || e.partyOrgId === orgs.bank)).toBe(true);
    expect(events.map((e) => e.seq)).toEqual([...events].sort(inTimeOrder).map((e) => e.seq));

    // The most frequent type of the bank's log, a few to a page.
    const counts = new Map<string, number>();
    for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
    const [type] = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a));
    const typed = await everyPage(bank, `&type=${type}`, 3);
    expect(typed.events.length).toBeGreaterThan(3);
    expect(typed.events.map((e) => e.seq)).toEqual(events.filter((e) => e.type === type).map((e) => e.seq));

    const first = await bank.get<AuditPage>('/api/audit-events?limit=5');
    await bank.patch('/api/session/profile', { displayName: '丸の内 管理者' }); // a new event, newest of all
    const second = await bank.get<AuditPage>(`/api/audit-events?limit=5&before=${first.body.nextBefore}`);
    expect(second.body.events.map((e) => e.seq)).toEqual(events.slice(5, 10).map((e) => e.seq));
  });

  it('refuses a cursor it did not give out, naming before', async () => {
    const bank = as.bank as TestClient;
    for (const bad of ['12', 'abc', 'MTIzNDU2Nzg5MC4w', `${'A'.repeat(65)}`]) {
      const reply = await bank.get(`/api/audit-events?before=${encodeURIComponent(bad)}`);
      expect(reply.status, bad).toBe(400);
      expect(
        errorOf(reply).issues?.map((i) => i.path.join('.')),
        bad,
      ).toEqual(['before']);
    }
  });

  it('shows every actor one way: a person by name with the e-mail, the system by its kind', async () => {
    const bank = as.bank as TestClient;
    const { events } = await everyPage(bank, '', 500);
    const users = await kit().rt.database.db.selectFrom('users').select(['id', 'display_name', 'email']).execute();
    const byId = new Map(users.map((u) => [u.id, u]));
    for (const e of events) {
      if (e.actorUserId) {
        const person = byId.get(e.actorUserId);
        expect(e.actor, e.actorLabel).toEqual({
          kind: 'user',
          userId: e.actorUserId,
          displayName: person?.display_name,
          email: person?.email,
        });
        // What is hashed stays as written: the e-mail.
        expect(e.actorLabel).toBe(person?.email);
      } else expect(e.actor.kind).toBe('system');
    }
    expect(events.find((e) => e.actorLabel === 'seed')?.actor).toEqual({ kind: 'system', system: 'seed', detail: '' });
    expect(events.find((e) => e.type === 'auth.login_failed')?.actor).toEqual({
      kind: 'system',
      system: 'login',
      detail: 'finance@marunouchi-capital.example',
    });
    // A person is shown by the name they have now (renamed in the test before), events before it included.
    const signedIn = events.find((e) => e.type === 'auth.login_succeeded' && e.actorLabel === 'admin@marunouchi-capital.example');
    expect(signedIn?.actor).toMatchObject({ kind: 'user', displayName: '丸の内 管理者', email: 'admin@marunouchi-capital.example' });
  });

  it("lets an organisation's admins and auditors check its events as links of the chain, and no one else", async () => {
    for (const name of ['bank', 'bankAuditor', 'provider'] as const) {
      const client = as[name] as TestClient;
      const { events } = await everyPage(client, '', 500);
      const newest = events.reduce((a, b) => ((b.seq ?? 0) > (a.seq ?? 0) ? b : a));
      const result = await client.post<AuditVerifyResult>('/api/audit-events/verify');
      expect(result.status, JSON.stringify(result.body)).toBe(200);
      expect(result.body).toEqual({
        ok: true,
        count: events.length,
        lastSeq: newest.seq,
        lastHash: newest.hash,
        orgId: orgs[name],
        unsealed: { count: 0, oldestAt: null },
      });
    }
    // The operator checks the whole chain, or one organisation's events.
    const whole = await (as.operator as TestClient).post<AuditVerifyResult>('/api/audit-events/verify');
    expect(whole.body).toMatchObject({ ok: true });
    expect(whole.body.orgId).toBeUndefined();
    const ofBank = await (as.operator as TestClient).post<AuditVerifyResult>(`/api/audit-events/verify?orgId=${orgs.bank}`);
    expect(ofBank.body).toMatchObject({ ok: true, orgId: orgs.bank });

    expect((await (as.mirai as TestClient).post(`/api/audit-events/verify?orgId=${orgs.bank}`)).status).toBe(403);
    expect((await (as.bankReviewer as TestClient).post('/api/audit-events/verify')).status).toBe(403);
    expect((await new TestClient(kit().app.app).post('/api/audit-events/verify')).status).toBe(401);
    const bad = await (as.operator as TestClient).post('/api/audit-events/verify?orgId=nope');
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues?.map((i) => i.path.join('.'))).toEqual(['orgId']);
  });

  it("finds a changed event of the organisation's own, and tells another organisation only where the chain broke", async () => {
    const db = kit().rt.database.db;
    // The bank's own event, written before the other client's latest one.
    const target = await db
      .selectFrom('audit_events')
      .select(['seq', 'id', 'type', 'data'])
      .where('org_id', '=', orgs.bank ?? '')
      .where('party_org_id', 'is', null)
      .where('type', '=', 'user.created')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    const run = async (data: unknown) => {
      // One statement at a time: parameters are not allowed in a multi-statement query.
      await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`.execute(db);
      await sql`UPDATE audit_events SET data = ${JSON.stringify(data)}::jsonb WHERE seq = ${target.seq}`.execute(db);
      await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`.execute(db);
    };
    await run({ ...(target.data as Record<string, unknown>), email: 'forged@marunouchi-capital.example' });
    try {
      const own = await (as.bank as TestClient).post<AuditVerifyResult>('/api/audit-events/verify');
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({
        ok: false,
        orgId: orgs.bank,
        broken: { seq: Number(target.seq), id: target.id, problem: 'content_changed', ownEvent: true },
      });

      const other = await (as.mirai as TestClient).post<AuditVerifyResult>('/api/audit-events/verify');
      expect(other.status).toBe(200);
      expect(other.body).toMatchObject({
        ok: false,
        orgId: orgs.mirai,
        broken: { seq: Number(target.seq), id: null, problem: 'content_changed', ownEvent: false },
      });
      const miraiBefore = (await everyPage(as.mirai as TestClient, '', 500)).events.filter((e) => (e.seq ?? 0) < Number(target.seq));
      expect(other.body.count).toBe(miraiBefore.length);
      const told = JSON.stringify(other.body);
      for (const secret of [target.id, target.type, 'user.created', orgs.bank ?? '?', 'marunouchi', 'forged'])
        expect(told).not.toContain(secret);

      const operator = await (as.operator as TestClient).post<AuditVerifyResult>('/api/audit-events/verify');
      expect(operator.body).toMatchObject({ ok: false, broken: { seq: Number(target.seq), id: target.id, problem: 'content_changed' } });
    } finally {
      await run(target.data);
    }
    expect((await (as.bank as TestClient).post<AuditVerifyResult>('/api/audit-events/verify')).body.ok).toBe(true);
  });
});
