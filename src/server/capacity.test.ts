import { expect, it } from 'vitest';
import type { AllocationView, CapacityBoardView, LeaveView, PersonCapacityView } from '../shared/contracts/capacity.js';
import type { EngagementView } from '../shared/contracts/engagements.js';
import { describeEachDatabase } from '../testing/db.js';
import { engagementInProgress } from '../testing/engagements.js';
import { makeUser } from '../testing/factories.js';
import { errorOf, type Reply, TestClient } from '../testing/http.js';
import { type TestKit, useTestKit } from '../testing/runtime.js';

const issueCodes = (r: Reply) => (errorOf(r).issues ?? []).map((i) => i.code);
const H = 60;

/** An engagement under way (the test clock's today is Wednesday 2026-04-01; the SOW runs to 2026-06-30), with p1's admin signed in. */
async function world(k: TestKit) {
  const w = await engagementInProgress(k);
  const providerAdmin = await makeUser(k.rt, w.orgs.p1.id, ['provider_admin']);
  const admin = new TestClient(k.app.app, '10.89.1.1');
  expect((await admin.login(providerAdmin.email)).status).toBe(200);
  const personPath = (userId: string) => `/api/organizations/${w.orgs.p1.id}/people/${userId}`;
  const analyst = personPath(w.people.p1Analyst.id);
  const plan = (c: TestClient, userId: string, body: Record<string, unknown>) =>
    c.request<AllocationView>('PUT', `${personPath(userId)}/allocations`, { engagementId: w.id, ...body });
  const weeks = (mondays: string[], minutes: number) => mondays.map((week) => ({ week, minutes }));
  return { ...w, admin, providerAdmin, personPath, analyst, plan, weeks, boardPath: `/api/organizations/${w.orgs.p1.id}/capacity-board` };
}

const june = ['2026-06-01', '2026-06-08', '2026-06-15', '2026-06-22'];

describeEachDatabase('capacity through the API', (backend) => {
  const kit = useTestKit(backend);

  it('keeps leave without overlaps: one’s own or, for a manager, anyone’s; never a client’s to see', async () => {
    const w = await world(kit());
    const { as, analyst } = w;
    const leave = (c: TestClient, body: Record<string, unknown>, path = analyst, headers: Record<string, string> = {}) =>
      c.request<LeaveView>('POST', `${path}/leave`, body, headers);
    const first = await leave(as.p1Analyst, { from: '2026-04-30', to: '2026-05-01', note: '帰省' }, analyst, { 'idempotency-key': 'l-1' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await leave(as.p1Analyst, { from: '2026-04-30', to: '2026-05-01', note: '帰省' }, analyst, { 'idempotency-key': 'l-1' });
    expect([again.status, again.body.id, again.headers.get('idempotency-replayed')]).toEqual([201, first.body.id, 'true']);

    // Sharing the last day overlaps; the next day does not.
    const overlap = await leave(as.p1Manager, { from: '2026-05-01', to: '2026-05-03' });
    expect([overlap.status, issueCodes(overlap)]).toEqual([400, ['leave_overlap']]);
    expect((await leave(as.p1Manager, { from: '2026-05-02', to: '2026-05-03' })).status).toBe(201);
    const bad = await leave(as.p1Analyst, { from: '2026-05-10', to: '2026-05-09', extra: 1 });
    expect(bad.status).toBe(400);
    expect(issueCodes(bad).sort()).toEqual(['date_order', 'unrecognized_keys']);
    const backwards = await leave(as.p1Analyst, { from: '2026-05-10', to: '2026-05-09' });
    expect([backwards.status, issueCodes(backwards)]).toEqual([400, ['date_order']]);
    const tooLong = await leave(as.p1Analyst, { from: '2026-05-10', to: '2027-05-11' });
    expect([tooLong.status, issueCodes(tooLong)]).toEqual([400, ['leave_too_long']]);

    // A colleague may not; nor a client; nor another provider.
    expect((await leave(as.p1Other, { from: '2026-07-01', to: '2026-07-01' })).status).toBe(403);
    expect((await leave(as.owner, { from: '2026-07-01', to: '2026-07-01' })).status).toBe(403);
    expect((await as.owner.get(`${analyst}/capacity`)).status).toBe(403);
    expect((await as.p2Manager.get(`${analyst}/capacity`)).status).toBe(403);

    const seen = (await as.p1Analyst.get<PersonCapacityView>(`${analyst}/capacity`)).body;
    expect(seen.leave.map((l) => [l.from, l.to])).toEqual([
      ['2026-04-30', '2026-05-01'],
      ['2026-05-02', '2026-05-03'],
    ]);
    expect(seen).toMatchObject({ contractedDailyMinutes: 480, contractOverrideMinutes: null, version: 0 });
    expect((await as.p1Analyst.request('DELETE', `${analyst}/leave/${first.body.id}`)).status).toBe(204);
    expect((await as.p1Analyst.request('DELETE', `${analyst}/leave/${first.body.id}`)).status).toBe(404);
    // Someone who is not the provider's person: not found, and nothing written for them.
    const stranger = w.personPath('00000000-0000-4000-8000-000000000001');
    expect((await as.p1Manager.request('DELETE', `${stranger}/leave/${first.body.id}`)).status).toBe(404);
    expect((await as.p1Manager.request('DELETE', `${w.personPath(w.people.p2Manager.id)}/leave/${first.body.id}`)).status).toBe(404);
    expect((await as.p1Analyst.get<PersonCapacityView>(`${analyst}/capacity`)).body.leave).toHaveLength(1);
  });

  it('sets contracted hours per person (the managers only), which the board’s available hours follow', async () => {
    const w = await world(kit());
    const { as, analyst } = w;
    expect((await as.p1Analyst.put(`${analyst}/capacity`, { contractedDailyMinutes: 600, version: 0 })).status).toBe(403);
    const saved = await as.p1Manager.put<PersonCapacityView>(`${analyst}/capacity`, { contractedDailyMinutes: 360, version: 0 });
    expect([saved.status, saved.body.contractedDailyMinutes, saved.body.contractOverrideMinutes]).toEqual([200, 360, 360]);
    const stale = await as.p1Manager.put(`${analyst}/capacity`, { contractedDailyMinutes: 420, version: 0 });
    expect([stale.status, errorOf(stale).reason]).toEqual([409, 'version_conflict']);
    const bad = await as.p1Manager.put(`${analyst}/capacity`, { contractedDailyMinutes: 30, version: 'x' });
    expect([bad.status, issueCodes(bad).sort()]).toEqual([400, ['invalid_type', 'too_small']]);

    const board = (await as.p1Analyst.get<CapacityBoardView>(`${analyst}/capacity-board?from=2026-04-27&to=2026-05-04`)).body;
    expect(board.people.map((p) => [p.contractedDailyMinutes, p.weeks.map((x) => x.availableMinutes)])).toEqual([
      // Showa Day in the first week; Constitution Day, Greenery Day and the substitute holiday in the second.
      [360, [4 * 360, 2 * 360]],
    ]);
  });

  it('plans hours per week, refusing bad weeks, people off the team and weeks past capacity without a reason', async () => {
    const w = await world(kit());
    const { as, people } = w;
    const ok = await w.plan(as.p1Manager, people.p1Analyst.id, { weeks: w.weeks(['2026-04-06', '2026-04-13'], 20 * H) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.effect).toMatchObject({ warnings: [], overCapacity: [], blocked: false, overridden: false });

    const bad = await w.plan(as.p1Manager, people.p1Analyst.id, {
      weeks: [
        { week: '2026-04-20', minutes: -1 },
        { week: '2026-04-21', minutes: 60 },
        { week: '2026-04-27', minutes: 168 * H + 1 },
        { week: '2026-05-04', minutes: 60 },
        { week: '2026-05-04', minutes: 90 },
      ],
    });
    expect([bad.status, issueCodes(bad).sort()]).toEqual([400, ['duplicate_week', 'not_a_monday', 'too_big', 'too_small']]);
    const far = await w.plan(as.p1Manager, people.p1Analyst.id, { weeks: w.weeks(['2028-06-05'], 60) });
    expect([far.status, issueCodes(far)]).toEqual([400, ['week_out_of_range']]);
    const offTeam = await w.plan(as.p1Manager, people.p1Other.id, { weeks: w.weeks(['2026-04-06'], 60) });
    expect([offTeam.status, issueCodes(offTeam)]).toEqual([400, ['not_on_team']]);
    // Analysts do not plan, not even their own hours; a client never.
    expect((await w.plan(as.p1Analyst, people.p1Analyst.id, { weeks: w.weeks(['2026-04-06'], 60) })).status).toBe(403);
    expect((await w.plan(as.owner, people.p1Analyst.id, { weeks: w.weeks(['2026-04-06'], 60) })).status).toBe(403);

    // The week of Showa Day has four working days, 32 h: 32 h fit, a minute more does not — unless a reason is given.
    expect((await w.plan(as.p1Manager, people.p1Analyst.id, { weeks: w.weeks(['2026-04-27'], 32 * H) })).status).toBe(200);
    const over = await w.plan(as.p1Manager, people.p1Analyst.id, { weeks: w.weeks(['2026-04-27'], 32 * H + 1) });
    expect([over.status, issueCodes(over)]).toEqual([400, ['allocation_over_capacity']]);
    expect(errorOf(over).issues?.[0]?.params).toEqual({ week: '2026-04-27', planned: 32 * H + 1, available: 32 * H });
    const reasoned = await w.plan(as.p1Manager, people.p1Analyst.id, {
      weeks: w.weeks(['2026-04-27'], 36 * H),
      overrideReason: '納期前の追い込み',
    });
    expect([reasoned.status, reasoned.body.effect.overridden, reasoned.body.effect.overCapacity]).toEqual([
      200,
      true,
      [{ week: '2026-04-27', plannedMinutes: 36 * H, availableMinutes: 32 * H }],
    ]);
    // 0 takes a week's plan away.
    expect((await w.plan(as.p1Manager, people.p1Analyst.id, { weeks: w.weeks(['2026-04-13'], 0) })).status).toBe(200);
    const board = (await as.p1Manager.get<CapacityBoardView>(`${w.boardPath}?from=2026-04-06&to=2026-04-27`)).body;
    const row = board.people.find((p) => p.userId === people.p1Analyst.id);
    expect(row?.weeks.map((x) => [x.week, x.plannedMinutes, x.utilisation])).toEqual([
      ['2026-04-06', 20 * H, 0.5],
      ['2026-04-13', 0, 0],
      ['2026-04-20', 0, 0],
      ['2026-04-27', 36 * H, 1.125],
    ]);
  });

  it('blocks a plan past a legal maximum unless the provider admin overrides it with a reason, and previews it first', async () => {
    const w = await world(kit());
    const { as, people } = w;
    const body = { weeks: w.weeks(june, 90 * H), overrideReason: '繁忙期' };
    const preview = await as.p1Manager.post<AllocationView>(`${w.analyst}/allocations/preview`, { engagementId: w.id, weeks: body.weeks });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.effect.blocked).toBe(true);
    const legal = preview.body.effect.warnings.filter((x) => x.legalMaximum);
    expect(legal.map((x) => [x.code, x.rule, x.to, x.limit])).toContainEqual(['load_warning', 'monthly_total', '2026-06', 100 * H]);
    // 90 h a week on five days: 10 h of overtime a day, twenty days in June.
    expect(legal.find((x) => x.rule === 'monthly_total')?.forecast).toBe(200 * H);
    // Nothing was saved by the preview.
    const before = (await as.p1Manager.get<CapacityBoardView>(`${w.boardPath}?from=2026-06-01&to=2026-06-22`)).body;
    expect(before.people.find((p) => p.userId === people.p1Analyst.id)?.weeks.every((x) => x.plannedMinutes === 0)).toBe(true);

    // The delivery manager may plan past capacity with a reason, never past the law.
    const manager = await w.plan(as.p1Manager, people.p1Analyst.id, body);
    expect(manager.status).toBe(400);
    expect(new Set(issueCodes(manager))).toEqual(new Set(['load_limit_breach']));
    const withoutReason = await w.plan(w.admin, people.p1Analyst.id, { weeks: body.weeks });
    expect(new Set(issueCodes(withoutReason))).toEqual(new Set(['allocation_over_capacity', 'load_limit_breach']));
    const admin = await w.plan(w.admin, people.p1Analyst.id, body);
    expect([admin.status, admin.body.effect.blocked, admin.body.effect.overridden]).toEqual([200, true, true]);

    const board = (await as.p1Manager.get<CapacityBoardView>(`${w.boardPath}?from=2026-06-01&to=2026-06-29`)).body;
    const row = board.people.find((p) => p.userId === people.p1Analyst.id);
    expect(row?.weeks.map((x) => x.overtime)).toEqual(['breach', 'breach', 'breach', 'breach', 'breach']);
    expect(row?.months.find((m) => m.month === '2026-06')?.overtimeMinutes).toBe(200 * H);
    // The report's due date is in the week of 2026-06-29.
    expect(row?.weeks.at(-1)?.deadlines.map((d) => d.milestoneTitle)).toEqual(['Final report']);

    // Every change is on record in the provider's log, naming its row; none of it in the client's.
    const db = kit().rt.database.db;
    const events = await db
      .selectFrom('audit_events')
      .select(['type', 'org_id', 'resource_type', 'resource_id', 'data'])
      .where('type', 'like', 'capacity.%')
      .where((eb) => eb.or([eb('org_id', '=', w.orgs.p1.id), eb('org_id', '=', w.orgs.client.id)]))
      .orderBy('seq')
      .execute();
    expect(events.map((e) => [e.type, e.org_id, e.resource_type, e.resource_id])).toEqual([
      ['capacity.allocation_planned', w.orgs.p1.id, 'engagement', w.id],
    ]);
    expect(events[0]?.data).toMatchObject({ userId: people.p1Analyst.id, weeks: 4, legalBreaches: legal.length, overrideReason: '繁忙期' });
  });

  it('shows the board to the provider’s managers, a person their own row, and no client anything', async () => {
    const w = await world(kit());
    const { as, people, orgs } = w;
    const board = await as.p1Manager.get<CapacityBoardView>(w.boardPath);
    expect(board.status, JSON.stringify(board.body)).toBe(200);
    // Twelve weeks from the current one by default.
    expect([board.body.from, board.body.weeks.length, board.body.to]).toEqual(['2026-03-30', 12, '2026-06-15']);
    expect(board.body.people.map((p) => p.userId).sort()).toEqual([people.p1Manager.id, people.p1Analyst.id, people.p1Other.id].sort());
    const analystRow = board.body.people.find((p) => p.userId === people.p1Analyst.id);
    expect(analystRow?.weeks.find((x) => x.week === '2026-04-27')?.deadlines.map((d) => d.dueDate)).toEqual(['2026-04-30']);
    expect((await w.admin.get(w.boardPath)).status).toBe(200);

    expect((await as.p1Analyst.get(w.boardPath)).status).toBe(403);
    expect((await as.p1Analyst.get(`${w.analyst}/capacity-board`)).status).toBe(200);
    expect((await as.p1Other.get(`${w.analyst}/capacity-board`)).status).toBe(403);
    for (const client of [as.owner, as.finance]) {
      expect((await client.get(w.boardPath)).status).toBe(403);
      expect((await client.get(`${w.analyst}/capacity-board`)).status).toBe(403);
    }
    expect((await as.p2Manager.get(w.boardPath)).status).toBe(403);
    expect((await as.owner.get(`/api/organizations/${orgs.client.id}/capacity-board`)).status).toBe(403);

    const range = await as.p1Manager.get(`${w.boardPath}?from=2026-04-06&to=2026-03-30`);
    expect([range.status, issueCodes(range)]).toEqual([400, ['range_order']]);
    const tooLong = await as.p1Manager.get(`${w.boardPath}?from=2026-04-06&to=2028-06-05`);
    expect([tooLong.status, issueCodes(tooLong)]).toEqual([400, ['too_big']]);
    const notMonday = await as.p1Manager.get(`${w.boardPath}?from=2026-04-07`);
    expect([notMonday.status, issueCodes(notMonday)]).toEqual([400, ['not_a_monday']]);
  });

  it('checks the load of someone added to a team with planned hours, and returns the warning to the provider', async () => {
    const w = await world(kit());
    const { as, people } = w;
    const team = `/api/engagements/${w.id}/team`;
    // 50 h a week through June: 10 h a day, 2 h of overtime each working day — 44 h in June, past 80 % of 45 h.
    const plan = { minutesPerWeek: 50 * H, from: '2026-06-01', to: '2026-06-29' };
    const noReason = await as.p1Manager.post(team, { userId: people.p1Other.id, role: 'analyst', plan });
    expect([noReason.status, [...new Set(issueCodes(noReason))]]).toEqual([400, ['allocation_over_capacity']]);
    // Nothing was half-saved: the person is not on the team.
    const view = (await as.p1Manager.get<EngagementView>(`/api/engagements/${w.id}`)).body;
    expect(view.team.some((t) => t.userId === people.p1Other.id)).toBe(false);

    const added = await as.p1Manager.post<EngagementView & { loadEffect?: AllocationView['effect'] }>(team, {
      userId: people.p1Other.id,
      role: 'analyst',
      plan: { ...plan, overrideReason: '立ち上げ期の増員' },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.loadEffect?.warnings.map((x) => [x.code, x.severity, x.rule, x.to, x.forecast, x.limit])).toEqual([
      ['load_warning', 'warning', 'monthly_overtime', '2026-06', 44 * H, 45 * H],
    ]);
    expect(added.body.loadEffect?.blocked).toBe(false);

    // Past the law: refused for the manager, whatever the reason; the client's own team changes carry no plan.
    const heavy = await as.p1Manager.post(team, {
      userId: people.p1Analyst.id,
      role: 'analyst',
      plan: { minutesPerWeek: 90 * H, from: '2026-06-01', to: '2026-06-22', overrideReason: '繁忙期' },
    });
    expect([heavy.status, [...new Set(issueCodes(heavy))]]).toEqual([400, ['load_limit_breach']]);
    const clientPlan = await as.owner.post(team, { userId: people.reviewer.id, role: 'reviewer', plan: { minutesPerWeek: 60 } });
    expect([clientPlan.status, issueCodes(clientPlan)]).toEqual([400, ['invalid_value']]);
    const clientAdd = await as.owner.post<Record<string, unknown>>(team, { userId: people.reviewer.id, role: 'reviewer' });
    expect([clientAdd.status, 'loadEffect' in clientAdd.body]).toEqual([200, false]);
  });
});
