import { expect, it } from 'vitest';
import type { CapacityBoardView, StrainView } from '../shared/contracts/capacity.js';
import type { DeliverableDetail } from '../shared/contracts/deliverables.js';
import type { EngagementView, MilestoneView, ProposalView } from '../shared/contracts/engagements.js';
import type {
  BulkApproveResult,
  InternalRatesView,
  PendingTimesheetsView,
  ProviderHiddenCostView,
  TimesheetView,
} from '../shared/contracts/time.js';
import { describeEachDatabase } from '../testing/db.js';
import { brief, engagementInProgress, proposal } from '../testing/engagements.js';
import { makeUser } from '../testing/factories.js';
import { errorOf, type Reply, TestClient } from '../testing/http.js';
import { type TestKit, useTestKit } from '../testing/runtime.js';

const issues = (r: Reply) => (errorOf(r).issues ?? []).map((i) => `${i.path.join('.')}:${i.code}`);
const HOUR = 3_600_000;
const report = {
  type: 'report' as const,
  sections: [{ key: 'summary', title: '要約', role: 'summary', body: '国内市場は年 8% で成長している。', citations: [] }],
  references: [],
};

/** An engagement under way (the test clock starts on Wednesday 2026-04-01, 09:00 JST), with both admins signed in. */
async function world(k: TestKit) {
  const w = await engagementInProgress(k);
  let n = 0;
  const signIn = async (email: string) => {
    const c = new TestClient(k.app.app, `10.77.${n++}.1`);
    expect((await c.login(email)).status).toBe(200);
    return c;
  };
  const clientAdmin = await makeUser(k.rt, w.orgs.client.id, ['client_admin']);
  const providerAdmin = await makeUser(k.rt, w.orgs.p1.id, ['provider_admin']);
  const as = { ...w.as, clientAdmin: await signIn(clientAdmin.email), providerAdmin: await signIn(providerAdmin.email) };
  const log = (c: TestClient, date: string, minutes: number, category = 'research') =>
    c.request('POST', `/api/engagements/${w.id}/time-entries`, { date, category, minutes });
  /** Moves the clock to an instant (never back) and signs the analyst in again: sessions lapse when idle. */
  const at = async (iso: string) => {
    const ms = Date.parse(iso) - k.clock.now().getTime();
    expect(ms).toBeGreaterThanOrEqual(0);
    k.clock.advance(ms);
    return signIn(w.people.p1Analyst.email);
  };
  return { ...w, k, as, signIn, log, at, clientAdmin, providerAdmin };
}

describeEachDatabase('strain signals, bulk approval and hidden cost per provider', (backend) => {
  const kit = useTestKit(backend);

  it('shows a provider person’s strain signals to them and their managers only, and marks the board', async () => {
    const w = await world(kit());
    const { orgs, people } = w;
    const strainPath = `/api/organizations/${orgs.p1.id}/people/${people.p1Analyst.id}/strain`;

    // Acts of the analyst's: 22:00 JST exactly (Wednesday night), 04:59 (Thursday night), 05:00 (not late).
    expect((await w.log(await w.at('2026-04-01T13:00:00Z'), '2026-04-01', 60)).status).toBe(201);
    expect((await w.log(await w.at('2026-04-02T19:59:00Z'), '2026-04-02', 60)).status).toBe(201);
    expect((await w.log(await w.at('2026-04-03T20:00:00Z'), '2026-04-03', 60)).status).toBe(201);
    // Hours logged on Saturday and Sunday (days off), from a weekday morning.
    const monday = await w.at('2026-04-06T01:00:00Z');
    expect((await w.log(monday, '2026-04-04', 120)).status).toBe(201);
    expect((await w.log(monday, '2026-04-05', 0)).status).toBe(201);

    let strain = await monday.get<StrainView>(strainPath);
    expect(strain.status, JSON.stringify(strain.body)).toBe(200);
    const byKind = (s: StrainView) => Object.fromEntries(s.signals.map((x) => [x.kind, [x.value, x.raised]]));
    expect(strain.body).toMatchObject({ from: '2026-03-10', to: '2026-04-06', aheadFrom: '2026-04-06', aheadTo: '2026-05-03' });
    expect(byKind(strain.body)).toEqual({
      late_night: [2, false],
      // Sunday's zero minutes are no work.
      day_off: [1, false],
      rework: [0, false],
      concurrent_clients: [1, false],
      deadline_cluster: [1, false],
    });
    expect(strain.body.signals.find((s) => s.kind === 'late_night')?.dates).toEqual(['2026-04-01', '2026-04-02']);

    // A third night, and a deliverable sent back twice on the analyst's engagement.
    const night = await w.at('2026-04-06T14:30:00Z');
    const deliverables = `/api/engagements/${w.id}/deliverables`;
    const manager = await w.signIn(people.p1Manager.email);
    const owner = await w.signIn(people.owner.email);
    const milestoneId = (await owner.get<MilestoneView[]>(`/api/engagements/${w.id}/milestones`)).body[0]?.id ?? '';
    const created = await manager.post<DeliverableDetail>(deliverables, { milestoneId, title: '市場調査レポート', type: 'report' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    for (const version of [1, 2]) {
      const sent = await night.post(`${deliverables}/${created.body.id}/versions`, { content: report });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      const back = await owner.post(`${deliverables}/${created.body.id}/versions/${version}/decision`, {
        decision: 'rework',
        note: '根拠を追加してください。',
      });
      expect(back.status, JSON.stringify(back.body)).toBe(200);
    }
    strain = await night.get<StrainView>(strainPath);
    expect(byKind(strain.body)).toMatchObject({ late_night: [3, true], rework: [2, true] });

    // Who sees: the person, the delivery manager and the provider admin; never a colleague, a client or another provider.
    expect((await manager.get(strainPath)).status).toBe(200);
    expect((await (await w.signIn(w.providerAdmin.email)).get(strainPath)).status).toBe(200);
    for (const c of [
      await w.signIn(people.p1Other.email),
      owner,
      await w.signIn(w.clientAdmin.email),
      await w.signIn(people.p2Manager.email),
    ]) {
      expect((await c.get(strainPath)).status).toBe(403);
    }

    // The board carries the same signals for each person, for its managers.
    const board = await manager.get<CapacityBoardView>(`/api/organizations/${orgs.p1.id}/capacity-board`);
    expect(board.status).toBe(200);
    const row = board.body.people.find((p) => p.userId === people.p1Analyst.id);
    expect(row?.strain).toEqual(strain.body.signals);
    expect(board.body.people.find((p) => p.userId === people.p1Other.id)?.strain.filter((s) => s.raised)).toEqual([]);

    // Four weeks on, the nights and the rework have left the window.
    const later = await w.at(new Date(Date.parse('2026-05-06T01:00:00Z') + HOUR).toISOString());
    expect(byKind((await later.get<StrainView>(strainPath)).body)).toMatchObject({ late_night: [0, false], rework: [0, false] });
  });

  it('approves several weeks in one action, each audited; any problem lists every one and approves nothing; a repeat changes nothing', async () => {
    const w = await world(kit());
    const { as, orgs, people } = w;
    const other = people.p1Other;
    const week = (userId: string, monday: string) => `/api/organizations/${orgs.p1.id}/people/${userId}/timesheets/${monday}`;
    // p1Other joins the team so they may log.
    expect((await as.p1Manager.post(`/api/engagements/${w.id}/team`, { userId: other.id, role: 'analyst' })).status).toBe(200);
    for (const [c, monday] of [
      [as.p1Analyst, '2026-03-30'],
      [as.p1Analyst, '2026-04-06'],
      [as.p1Other, '2026-03-30'],
    ] as const) {
      expect((await w.log(c, monday, 300)).status).toBe(201);
      expect((await c.post(`${week(c === as.p1Analyst ? people.p1Analyst.id : other.id, monday)}/submit`, { version: 0 })).status).toBe(
        200,
      );
    }
    // The manager's own week, submitted: never theirs to approve.
    expect((await w.log(as.p1Manager, '2026-03-30', 60)).status).toBe(201);
    expect((await as.p1Manager.post(`${week(people.p1Manager.id, '2026-03-30')}/submit`, { version: 0 })).status).toBe(200);

    const queue = (await as.p1Manager.get<PendingTimesheetsView>(`/api/organizations/${orgs.p1.id}/timesheets`)).body.weeks;
    expect(queue.map((x) => [x.weekStart, x.version])).toHaveLength(3);
    const ref = (userId: string, weekStart: string, version = 1) => ({ userId, weekStart, version });
    const path = `/api/organizations/${orgs.p1.id}/timesheets/approve`;

    // Bad input: every problem listed, nothing approved.
    const bad = await as.p1Manager.post(path, {
      weeks: [
        ref(people.p1Analyst.id, '2026-03-30'),
        ref(people.p1Analyst.id, '2026-04-06', 7),
        ref(people.p1Analyst.id, '2026-04-13'),
        ref(people.p1Manager.id, '2026-03-30'),
        ref(people.p1Analyst.id, '2026-03-30'),
        ref(people.p2Manager.id, '2026-03-30'),
      ],
    });
    expect(bad.status).toBe(400);
    expect(issues(bad)).toEqual([
      'weeks.1.version:timesheet_version_conflict',
      'weeks.2:timesheet_not_submitted',
      'weeks.3.userId:timesheet_not_approvable',
      'weeks.4:each_once',
      'weeks.5.userId:member_not_found',
    ]);
    const shape = await as.p1Manager.post(path, { weeks: [{ userId: 'x', weekStart: '2026-04-01', version: -1, extra: 1 }] });
    expect(shape.status).toBe(400);
    expect(issues(shape).sort()).toEqual([
      'weeks.0.userId:invalid_format',
      'weeks.0.version:too_small',
      'weeks.0.weekStart:not_a_monday',
      'weeks.0:unrecognized_keys',
    ]);
    expect(issues(await as.p1Manager.post(path, { weeks: [] }))).toEqual(['weeks:too_small']);
    expect((await as.p1Manager.get<TimesheetView>(week(people.p1Analyst.id, '2026-03-30'))).body.status).toBe('submitted');

    // Not for an analyst, a client or another provider.
    for (const c of [as.p1Analyst, as.owner, as.p2Manager]) {
      expect((await c.post(path, { weeks: [ref(people.p1Analyst.id, '2026-03-30')] })).status).toBe(403);
    }

    const good = { weeks: [ref(people.p1Analyst.id, '2026-03-30'), ref(other.id, '2026-03-30'), ref(people.p1Analyst.id, '2026-04-06')] };
    const done = await as.p1Manager.post<BulkApproveResult>(path, good);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toEqual({
      approved: [ref(people.p1Analyst.id, '2026-03-30', 2), ref(other.id, '2026-03-30', 2), ref(people.p1Analyst.id, '2026-04-06', 2)],
      alreadyApproved: [],
    });
    const again = await as.p1Manager.post<BulkApproveResult>(path, good);
    expect(again.body.approved).toEqual([]);
    expect(again.body.alreadyApproved).toHaveLength(3);
    // Each week its own audit event, once.
    const events = await w.k.rt.store.read.audit.query({ orgId: orgs.p1.id, type: 'timesheet.approved', limit: 50 });
    expect(events.map((e) => `${(e.data as { userId: string }).userId}|${(e.data as { weekStart: string }).weekStart}`).sort()).toEqual(
      [`${people.p1Analyst.id}|2026-03-30`, `${people.p1Analyst.id}|2026-04-06`, `${other.id}|2026-03-30`].sort(),
    );
    expect((await as.p1Analyst.get<TimesheetView>(week(people.p1Analyst.id, '2026-04-06'))).body.status).toBe('approved');
  });

  it('figures the client’s hidden cost per provider and month against the fees of each SOW', async () => {
    const w = await world(kit());
    const { as, orgs } = w;
    await as.clientAdmin.put<InternalRatesView>(`/api/organizations/${orgs.client.id}/internal-rates`, {
      rates: [{ role: 'engagement_owner', hourlyYen: 6000 }],
      version: 0,
    });
    // A second engagement, awarded to provider 2 for 1,000,000 yen with one milestone.
    const e = (await as.owner.post<EngagementView>('/api/engagements', brief({ title: '第二案件' }))).body;
    await as.owner.post(`/api/engagements/${e.id}/providers`, { providerOrgIds: [orgs.p2.id] });
    await as.owner.post(`/api/engagements/${e.id}/transitions`, { action: 'request', version: e.version });
    const one = [{ key: 'all', title: 'All', dueDate: '2026-05-15', weight: 100, deliverables: ['Report'] }];
    const draft = await as.p2Manager.put<ProposalView>(`/api/engagements/${e.id}/proposal`, {
      proposal: proposal(1_000_000, { milestones: one }),
      version: 0,
    });
    const bid = (await as.p2Manager.post<ProposalView>(`/api/engagements/${e.id}/proposal/submit`, { version: draft.body.version })).body;
    const view = (await as.owner.get<EngagementView>(`/api/engagements/${e.id}`)).body;
    expect((await as.owner.post(`/api/engagements/${e.id}/award`, { proposalId: bid.id, version: view.version })).status).toBeLessThan(300);
    await as.owner.post(`/api/engagements/${e.id}/sow/approve`, { version: 1 });
    await as.p2Manager.post(`/api/engagements/${e.id}/sow/approve`, { version: 1 });

    const logOn = (id: string, date: string, minutes: number) =>
      as.owner.request('POST', `/api/engagements/${id}/time-entries`, { date, category: 'review', minutes });
    expect((await logOn(w.id, '2026-03-31', 120)).status).toBe(201);
    expect((await logOn(w.id, '2026-04-01', 60)).status).toBe(201);
    expect((await logOn(e.id, '2026-04-01', 30)).status).toBe(201);
    // Someone without a rate: counted, not costed.
    expect((await w.log(as.clientAdmin, '2026-04-01', 45, 'contract_admin')).status).toBe(201);

    const path = `/api/organizations/${orgs.client.id}/hidden-cost`;
    const cost = await as.finance.get<ProviderHiddenCostView>(path);
    expect(cost.status, JSON.stringify(cost.body)).toBe(200);
    const [first, second] = [...cost.body.providers].sort((a, b) =>
      a.providerOrgId === orgs.p1.id ? -1 : b.providerOrgId === orgs.p1.id ? 1 : 0,
    );
    // 3,000,000 yen over milestones of 30 %, 30 % and 40 % due in April, May and June.
    expect(first).toMatchObject({
      providerOrgId: orgs.p1.id,
      engagements: 1,
      minutes: 225,
      costYen: 18_000,
      unratedMinutes: 45,
      feesYen: 3_000_000,
      ratio: 0.006,
      byMonth: [
        { month: '2026-03', minutes: 120, costYen: 12_000, feesYen: null, ratio: null },
        { month: '2026-04', minutes: 105, costYen: 6000, feesYen: 900_000, ratio: 0.0067 },
        { month: '2026-05', minutes: 0, costYen: 0, feesYen: 900_000, ratio: 0 },
        { month: '2026-06', minutes: 0, costYen: 0, feesYen: 1_200_000, ratio: 0 },
      ],
    });
    expect(second).toMatchObject({ providerOrgId: orgs.p2.id, minutes: 30, costYen: 3000, feesYen: 1_000_000, ratio: 0.003 });
    expect(second?.byMonth.map((m) => [m.month, m.feesYen])).toEqual([
      ['2026-04', null],
      ['2026-05', 1_000_000],
    ]);
    expect(cost.body.byMonth.find((m) => m.month === '2026-04')).toMatchObject({ costYen: 9000, feesYen: 900_000, ratio: 0.01 });
    expect((await as.clientAdmin.get(path)).status).toBe(200);
    // Not for the client's owners and reviewers, nor any provider.
    for (const c of [as.owner, as.reviewer, as.p1Manager, as.providerAdmin]) expect((await c.get(path)).status).toBe(403);
    expect((await as.p1Manager.get(`/api/organizations/${orgs.p1.id}/hidden-cost`)).status).toBe(403);
  });
});
