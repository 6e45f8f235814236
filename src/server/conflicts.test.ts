import { expect, it } from 'vitest';
import type { AuditPage } from '../shared/contracts/audit.js';
import type { ConflictReport, DeclarationsView, RestrictedListView, SubjectsView } from '../shared/contracts/conflicts.js';
import type { DocumentView } from '../shared/contracts/documents.js';
import { describeEachDatabase } from '../testing/db.js';
import { engagementInProgress } from '../testing/engagements.js';
import { makeUser } from '../testing/factories.js';
import { errorOf, type Reply, TestClient } from '../testing/http.js';
import { type TestKit, useTestKit } from '../testing/runtime.js';

const DAY = 86_400_000;

/** An engagement under way with the client's admin, and provider people who declared (the test clock's today is 2026-04-01). */
async function world(k: TestKit) {
  const w = await engagementInProgress(k);
  const { rt, app } = k;
  const signIn = async (email: string, n: number) => {
    const c = new TestClient(app.app, `10.77.${n}.1`);
    expect((await c.login(email)).status).toBe(200);
    return c;
  };
  const admin = await makeUser(rt, w.orgs.client.id, ['client_admin']);
  const p1 = w.orgs.p1.id;
  const staff = {
    employee: await makeUser(rt, p1, ['analyst']),
    competitor: await makeUser(rt, p1, ['analyst']),
    former: await makeUser(rt, p1, ['analyst']),
    lastDay: await makeUser(rt, p1, ['analyst']),
    holder: await makeUser(rt, p1, ['analyst']),
    clean: await makeUser(rt, p1, ['analyst']),
  };
  const as = {
    ...w.as,
    admin: await signIn(admin.email, 0),
    employee: await signIn(staff.employee.email, 1),
    competitor: await signIn(staff.competitor.email, 2),
    former: await signIn(staff.former.email, 3),
    lastDay: await signIn(staff.lastDay.email, 4),
    holder: await signIn(staff.holder.email, 5),
    clean: await signIn(staff.clean.email, 6),
  };
  const declare = async (c: TestClient, body: unknown) => {
    const r = await c.put<DeclarationsView>('/api/conflict-declarations', body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  await declare(as.employee, { employers: [{ entity: 'ﾄﾖﾀ自動車㈱', from: '2018-04-01', to: null }], holdings: [] });
  await declare(as.competitor, { employers: [{ entity: 'Honda Motor Co., Ltd.', from: '2020-04-01', to: null }], holdings: [] });
  await declare(as.former, { employers: [{ entity: 'TOYOTA MOTOR CORPORATION', from: '2015-04-01', to: '2026-01-15' }], holdings: [] });
  // Left on 2025-10-01: six months of cooling-off end on 2026-04-01, today.
  await declare(as.lastDay, { employers: [{ entity: 'トヨタ自動車', from: '2015-04-01', to: '2025-10-01' }], holdings: [] });
  await declare(as.holder, { employers: [], holdings: [{ entity: 'TYO:7203' }] });
  // Free since 2026-03-31; a former employee of a competitor; a holding in a competitor.
  await declare(as.clean, {
    employers: [
      { entity: 'トヨタ自動車株式会社', from: '2010-04-01', to: '2025-09-30' },
      { entity: '本田技研工業', from: '2025-10-01', to: '2026-03-01' },
    ],
    holdings: [{ entity: '7267' }],
  });

  const list = await as.admin.put<RestrictedListView>(`/api/organizations/${w.orgs.client.id}/restricted-list`, {
    coolingOffMonths: 6,
    version: 0,
    entities: [
      { name: 'トヨタ自動車株式会社', aliases: ['Toyota Motor Corporation'], tickers: ['7203'], kind: 'target', note: '買収検討先' },
      { name: '本田技研工業株式会社', aliases: ['Honda Motor Co., Ltd.'], tickers: ['7267'], kind: 'competitor' },
      { name: 'ソニーグループ株式会社', tickers: ['6758'], kind: 'restricted' },
    ],
  });
  expect(list.status, JSON.stringify(list.body)).toBe(200);
  const [toyota, honda, sony] = list.body.entities;
  const subjects = await as.owner.put<SubjectsView>(`/api/engagements/${w.id}/conflict-subjects`, {
    targets: [toyota?.id],
    competitors: [honda?.id],
  });
  expect(subjects.status, JSON.stringify(subjects.body)).toBe(200);
  return { ...w, as, staff, admin, entities: { toyota: toyota?.id ?? '', honda: honda?.id ?? '', sony: sony?.id ?? '' } };
}

/** The client's audit events of a type (a block is written just after its refusal: wait for it a little). */
async function events(c: TestClient, type: string, orgId: string, want = 1) {
  let page: AuditPage = { events: [], nextBefore: null };
  for (let i = 0; i < 20; i++) {
    page = (await c.get<AuditPage>(`/api/audit-events?orgId=${orgId}&type=${type}&limit=500`)).body;
    if (page.events.length >= want) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return page.events;
}

const issueCodes = (r: Reply) => (errorOf(r).issues ?? []).map((i) => i.code);

describeEachDatabase('conflict walls through the API', (backend) => {
  // Sessions outlive the day the cooling-off test moves on.
  const kit = useTestKit(backend, { KPO_SESSION_IDLE_MINUTES: '30000', KPO_SESSION_MAX_HOURS: '9000' });

  it('refuses to put a provider person with a conflict on the team, explains it without naming the client’s entities, and keeps the block on record', async () => {
    const k = kit();
    const w = await world(k);
    const assign = (userId: string) => w.as.p1Manager.post(`/api/engagements/${w.id}/team`, { userId, role: 'analyst' });
    const cases: [keyof typeof w.staff, string][] = [
      ['employee', 'current_employee_of_target'],
      ['competitor', 'current_employee_of_competitor'],
      ['former', 'former_employee_of_target_in_cooling_off'],
      ['lastDay', 'former_employee_of_target_in_cooling_off'],
      ['holder', 'holding_in_target'],
    ];
    for (const [who, kind] of cases) {
      const r = await assign(w.staff[who].id);
      expect([r.status, errorOf(r).code, errorOf(r).reason], who).toEqual([409, 'invalid_state', 'conflict_of_interest']);
      expect(issueCodes(r), who).toEqual([kind]);
      expect(errorOf(r).issues?.[0]?.path).toEqual(['userId']);
      // The provider is told the kind, never the target or the competitor.
      // Ids are left out of the check: a random UUID may hold the digits 7203.
      const said = JSON.stringify(r.body).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>');
      expect(said, who).not.toMatch(/トヨタ|Toyota|本田|Honda|7203/);
      expect(errorOf(r).issues?.[0]?.params?.entity).toBeUndefined();
    }
    expect((await assign(w.staff.clean.id)).status).toBe(200);

    // Nothing of the refused assignments happened…
    const team = (await w.as.owner.get<{ team: { userId: string }[] }>(`/api/engagements/${w.id}`)).body.team.map((t) => t.userId);
    expect(team).toContain(w.staff.clean.id);
    for (const who of ['employee', 'competitor', 'former', 'lastDay', 'holder'] as const) expect(team).not.toContain(w.staff[who].id);
    // …but each block is on record, for the client.
    const blocked = await events(w.as.admin, 'conflict.blocked', w.orgs.client.id, 5);
    expect(blocked).toHaveLength(5);
    expect(blocked.map((e) => e.data.userId).sort()).toEqual(
      [w.staff.employee.id, w.staff.competitor.id, w.staff.former.id, w.staff.lastDay.id, w.staff.holder.id].sort(),
    );
    expect(blocked.every((e) => e.resourceType === 'engagement' && e.resourceId === w.id && e.partyOrgId === null)).toBe(true);
    expect(blocked.find((e) => e.data.userId === w.staff.holder.id)?.data).toMatchObject({
      action: 'team_assignment',
      documentId: null,
      conflicts: [{ kind: 'holding_in_target', entityId: w.entities.toyota }],
    });

    // The cooling-off period is over the day after it ends.
    k.clock.advance(DAY);
    expect((await assign(w.staff.lastDay.id)).status).toBe(200);
    expect((await assign(w.staff.former.id)).status).toBe(409);
  });

  it('refuses a grant to a named person or to a team with someone blocked on it, naming the blocked people; a client admin lifts the wall with a reason', async () => {
    const k = kit();
    const w = await world(k);
    const upload = await w.as.owner.upload<DocumentView>(
      `/api/engagements/${w.id}/documents?name=dd.txt&classification=confidential`,
      '対象会社の資料',
    );
    expect(upload.status).toBe(201);
    const grants = `/api/engagements/${w.id}/documents/${upload.body.id}/grants`;
    // The analyst on the team (assigned before the walls) has since bought shares in the target.
    const analyst = new TestClient(k.app.app, '10.77.9.1');
    await analyst.login(w.people.p1Analyst.email);
    await analyst.put('/api/conflict-declarations', { employers: [], holdings: [{ entity: '７２０３.T' }] });

    const toPerson = { grantee: { kind: 'user', userId: w.people.p1Analyst.id }, access: 'view', days: 7 };
    const key = { 'idempotency-key': 'grant-analyst-1' };
    const refused = await w.as.owner.request('POST', grants, toPerson, key);
    expect([refused.status, errorOf(refused).reason]).toEqual([409, 'conflict_of_interest']);
    expect(errorOf(refused).issues).toEqual([
      expect.objectContaining({
        path: ['grantee'],
        code: 'holding_in_target',
        // The client is told which of its entities.
        params: expect.objectContaining({ entity: 'トヨタ自動車株式会社', userId: w.people.p1Analyst.id }),
      }),
    ]);
    const team = await w.as.owner.post(grants, { grantee: { kind: 'team' }, access: 'view', days: 7 });
    expect(errorOf(team).reason).toBe('conflict_of_interest');
    expect((errorOf(team).issues ?? []).map((i) => i.params?.userId)).toEqual([w.people.p1Analyst.id]);
    expect((await w.as.owner.get<DocumentView>(`/api/engagements/${w.id}/documents/${upload.body.id}`)).body.grants).toEqual([]);
    const blocks = await events(w.as.admin, 'conflict.blocked', w.orgs.client.id, 2);
    expect(blocks.map((e) => e.data)).toEqual([
      expect.objectContaining({ action: 'document_grant', documentId: upload.body.id, userId: w.people.p1Analyst.id }),
      expect.objectContaining({ action: 'document_grant', documentId: upload.body.id, userId: w.people.p1Analyst.id }),
    ]);

    // The report shows who is blocked, and why, to the client's lead; only an admin may lift it.
    const report = (await w.as.owner.get<ConflictReport>(`/api/engagements/${w.id}/conflicts`)).body;
    expect(report.mayOverride).toBe(false);
    const row = report.people.find((p) => p.userId === w.people.p1Analyst.id);
    expect(row).toMatchObject({ role: 'analyst', blocked: true, override: null });
    expect(row?.conflicts).toEqual([
      {
        kind: 'holding_in_target',
        entity: { id: w.entities.toyota, name: 'トヨタ自動車株式会社' },
        declared: { type: 'holding', entity: '７２０３.T', from: null, to: null },
        coolingOffEnds: null,
      },
    ]);
    const overrides = `/api/engagements/${w.id}/conflicts/overrides`;
    const byOwner = await w.as.owner.post(overrides, { userId: w.people.p1Analyst.id, reason: '開示済み、少額' });
    expect([byOwner.status, errorOf(byOwner).reason]).toEqual([403, 'missing_role']);
    const noReason = await w.as.admin.post(overrides, { userId: w.people.p1Analyst.id, reason: '  ' });
    expect([noReason.status, errorOf(noReason).issues?.[0]?.path]).toEqual([400, ['reason']]);
    const byProvider = await w.as.p1Manager.post(overrides, { userId: w.people.p1Analyst.id, reason: 'We vouch for them.' });
    expect(byProvider.status).toBe(403);
    const noConflict = await w.as.admin.post(overrides, { userId: w.people.p1Manager.id, reason: '念のため' });
    expect([noConflict.status, errorOf(noConflict).reason]).toEqual([409, 'no_conflict']);
    const lifted = await w.as.admin.post<ConflictReport>(overrides, {
      userId: w.people.p1Analyst.id,
      reason: '保有は 100 株のみで、案件終了まで売買しない旨の誓約書を受領済み。',
    });
    expect(lifted.status, JSON.stringify(lifted.body)).toBe(201);
    expect(lifted.body.mayOverride).toBe(true);
    expect(lifted.body.people.find((p) => p.userId === w.people.p1Analyst.id)).toMatchObject({
      blocked: false,
      override: {
        reason: '保有は 100 株のみで、案件終了まで売買しない旨の誓約書を受領済み。',
        covers: [`holding_in_target:${w.entities.toyota}`],
      },
    });

    // The refused request, retried with its Idempotency-Key, now goes through (the block did not use up the key).
    const retried = await w.as.owner.request('POST', grants, toPerson, key);
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect((await w.as.owner.post(grants, { grantee: { kind: 'team' }, access: 'view', days: 7 })).status).toBe(201);
    const overridden = await events(w.as.admin, 'conflict.overridden', w.orgs.client.id);
    expect(overridden[0]).toMatchObject({ resourceType: 'conflict_override', partyOrgId: null, data: { userId: w.people.p1Analyst.id } });

    // A new conflict the override did not cover blocks again.
    await analyst.put('/api/conflict-declarations', {
      employers: [{ entity: 'Toyota Motor Corp.', from: '2026-03-01', to: null }],
      holdings: [{ entity: '7203' }],
    });
    const again = await w.as.owner.post(grants, toPerson);
    expect(issueCodes(again)).toEqual(['current_employee_of_target']);
  });

  it('a blocked candidate shows in the report; once a client admin lifts the wall, the provider may assign them', async () => {
    const k = kit();
    const w = await world(k);
    expect((await w.as.p1Manager.post(`/api/engagements/${w.id}/team`, { userId: w.staff.former.id, role: 'analyst' })).status).toBe(409);
    await events(w.as.admin, 'conflict.blocked', w.orgs.client.id);
    const report = (await w.as.admin.get<ConflictReport>(`/api/engagements/${w.id}/conflicts`)).body;
    expect(report.people.find((p) => p.userId === w.staff.former.id)).toMatchObject({
      role: 'candidate',
      blocked: true,
      conflicts: [{ kind: 'former_employee_of_target_in_cooling_off', coolingOffEnds: '2026-07-15' }],
    });
    const lifted = await w.as.admin.post(`/api/engagements/${w.id}/conflicts/overrides`, {
      userId: w.staff.former.id,
      reason: '退職後は競合調査部門に在籍しておらず、対象会社の情報に接していない。',
    });
    expect(lifted.status).toBe(201);
    expect((await w.as.p1Manager.post(`/api/engagements/${w.id}/team`, { userId: w.staff.former.id, role: 'analyst' })).status).toBe(200);
  });

  it('a provider never sees the restricted list, the engagement’s subjects or the report; people edit only their own declarations', async () => {
    const k = kit();
    const w = await world(k);
    const client = w.orgs.client.id;
    for (const provider of [w.as.p1Manager, w.as.p1Analyst, w.as.p2Manager, w.as.employee]) {
      for (const path of [`/api/engagements/${w.id}/conflict-subjects`, `/api/engagements/${w.id}/conflicts`]) {
        const r = await provider.get(path);
        expect([403, 404], path).toContain(r.status);
        expect(JSON.stringify(r.body)).not.toMatch(/トヨタ|本田|ソニー/);
      }
      expect((await provider.get(`/api/organizations/${client}/restricted-list`)).status).toBe(403);
      expect(
        (await provider.put(`/api/engagements/${w.id}/conflict-subjects`, { targets: [], competitors: [] })).status,
      ).toBeGreaterThanOrEqual(403);
    }
    // The engagement as the provider sees it carries nothing of the walls.
    const view = await w.as.p1Manager.get(`/api/engagements/${w.id}`);
    expect(JSON.stringify(view.body)).not.toMatch(/トヨタ|本田|ソニー|conflict/);
    // Client people other than its admins do not read the list itself; the owner picks from it on the engagement.
    expect((await w.as.owner.get(`/api/organizations/${client}/restricted-list`)).status).toBe(403);
    const subjects = (await w.as.owner.get<SubjectsView>(`/api/engagements/${w.id}/conflict-subjects`)).body;
    expect(subjects).toMatchObject({ maySet: true, coolingOffMonths: 6 });
    expect(subjects.targets.map((t) => t.id)).toEqual([w.entities.toyota]);
    expect(subjects.choices).toHaveLength(3);
    expect(JSON.stringify(subjects)).not.toContain('買収検討先');
    // Declarations are a provider person's own: the client has none to make.
    expect((await w.as.owner.get('/api/conflict-declarations')).status).toBe(403);
    const mine = (await w.as.holder.get<DeclarationsView>('/api/conflict-declarations')).body;
    expect(mine).toMatchObject({ orgId: w.orgs.p1.id, holdings: [{ entity: 'TYO:7203' }] });
    expect(mine.declaredAt).not.toBeNull();
  });

  it('bad input is refused with every issue; the list keeps an entity an engagement names; changes are audited', async () => {
    const k = kit();
    const w = await world(k);
    const bad = await w.as.holder.put('/api/conflict-declarations', {
      employers: [
        { entity: '', from: '2026-05-01', to: '2026-04-01' },
        { entity: 'X', from: '2026-13-01', to: null },
      ],
      holdings: [{ entity: 'a\nb' }],
    });
    expect(bad.status).toBe(400);
    expect((errorOf(bad).issues ?? []).map((i) => [i.path.join('.'), i.code])).toEqual(
      expect.arrayContaining([
        ['employers.0.entity', 'required'],
        ['employers.0.to', 'date_order'],
        ['employers.1.from', 'invalid_format'],
        ['holdings.0.entity', 'one_line'],
      ]),
    );
    const path = `/api/organizations/${w.orgs.client.id}/restricted-list`;
    const current = (await w.as.admin.get<RestrictedListView>(path)).body;
    expect(current.entities.map((e) => [e.name, e.engagements])).toEqual([
      ['トヨタ自動車株式会社', 1],
      ['本田技研工業株式会社', 1],
      ['ソニーグループ株式会社', 0],
    ]);
    const dropped = await w.as.admin.put(path, {
      coolingOffMonths: 12,
      version: current.version,
      entities: [
        { id: w.entities.sony, name: 'ソニーグループ株式会社', kind: 'restricted' },
        { name: 'ソニーグループ（株）', kind: 'restricted' },
        { id: '00000000-0000-4000-8000-000000000000', name: '架空', kind: 'restricted' },
      ],
    });
    expect(dropped.status).toBe(400);
    expect((errorOf(dropped).issues ?? []).map((i) => [i.path.join('.'), i.code])).toEqual([
      ['entities.1.name', 'duplicate'],
      ['entities.2.id', 'unknown_entity'],
      ['entities', 'entity_in_use'],
      ['entities', 'entity_in_use'],
    ]);
    expect((await w.as.admin.put(path, { coolingOffMonths: 12, version: 0, entities: [] })).status).toBe(409);
    const subjects = `/api/engagements/${w.id}/conflict-subjects`;
    const clash = await w.as.owner.put(subjects, {
      targets: [w.entities.toyota],
      competitors: [w.entities.toyota, '00000000-0000-4000-8000-000000000000'],
    });
    expect((errorOf(clash).issues ?? []).map((i) => [i.path.join('.'), i.code])).toEqual([
      ['competitors.0', 'target_and_competitor'],
      ['competitors.1', 'unknown_entity'],
    ]);
    // Taken off the engagement, an entity may leave the list; the cooling-off period changes with it.
    expect((await w.as.owner.put(subjects, { targets: [w.entities.toyota], competitors: [] })).status).toBe(200);
    const saved = await w.as.admin.put<RestrictedListView>(path, {
      coolingOffMonths: 12,
      version: current.version,
      entities: [{ id: w.entities.toyota, name: 'トヨタ自動車株式会社', tickers: ['7203', '7203.T'], kind: 'target' }],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ coolingOffMonths: 12, version: current.version + 1 });
    const org = w.orgs.client.id;
    expect((await events(w.as.admin, 'conflict.restricted_list_updated', org, 2)).map((e) => e.data)).toEqual([
      { entities: 1, added: 0, changed: 1, removed: 2, coolingOffMonths: 12 },
      { entities: 3, added: 3, changed: 0, removed: 0, coolingOffMonths: 6 },
    ]);
    expect((await events(w.as.admin, 'conflict.subjects_set', org, 2))[0]?.data).toEqual({ targets: [w.entities.toyota], competitors: [] });
    // A person's declarations are audited in their own organisation, as counts (what they declared is theirs).
    const providerAdmin = await makeUser(k.rt, w.orgs.p1.id, ['provider_admin']);
    const p1Admin = new TestClient(k.app.app, '10.77.20.1');
    await p1Admin.login(providerAdmin.email);
    const declared = await events(p1Admin, 'conflict.declarations_updated', w.orgs.p1.id, 6);
    expect(declared.find((e) => e.resourceId === w.staff.clean.id)?.data).toEqual({ employers: 2, holdings: 1 });
    expect(JSON.stringify(declared)).not.toContain('トヨタ');
  });
});
