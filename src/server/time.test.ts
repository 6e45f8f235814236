import { expect, it } from 'vitest';
import type { EngagementView, ProposalView } from '../shared/contracts/engagements.js';
import type {
  EngagementTimeView,
  HiddenCostView,
  InternalRatesView,
  LoadView,
  OvertimeAgreementView,
  PendingTimesheetsView,
  TimeEntryView,
  TimesheetView,
} from '../shared/contracts/time.js';
import { describeEachDatabase } from '../testing/db.js';
import { brief, engagementInProgress, proposal } from '../testing/engagements.js';
import { makeUser } from '../testing/factories.js';
import { errorOf, type Reply, TestClient } from '../testing/http.js';
import { type TestKit, useTestKit } from '../testing/runtime.js';

const issueCodes = (r: Reply) => (errorOf(r).issues ?? []).map((i) => i.code);
const issuePaths = (r: Reply) => (errorOf(r).issues ?? []).map((i) => i.path.join('.'));

/** An engagement under way (the test clock's today is Wednesday 2026-04-01), with a client admin and a provider admin signed in. */
async function world(k: TestKit, overrides: Parameters<typeof engagementInProgress>[1] = {}) {
  const w = await engagementInProgress(k, overrides);
  const signIn = async (email: string, n: number) => {
    const c = new TestClient(k.app.app, `10.88.${n}.1`);
    expect((await c.login(email)).status).toBe(200);
    return c;
  };
  const clientAdmin = await makeUser(k.rt, w.orgs.client.id, ['client_admin']);
  const providerAdmin = await makeUser(k.rt, w.orgs.p1.id, ['provider_admin']);
  const as = { ...w.as, clientAdmin: await signIn(clientAdmin.email, 1), providerAdmin: await signIn(providerAdmin.email, 2) };
  const log = (c: TestClient, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    c.request<TimeEntryView>('POST', `/api/engagements/${w.id}/time-entries`, body, headers);
  const week = (orgId: string, userId: string, monday: string) => `/api/organizations/${orgId}/people/${userId}/timesheets/${monday}`;
  return { ...w, as, clientAdmin, providerAdmin, log, week, entriesPath: `/api/engagements/${w.id}/time-entries` };
}

/** Like engagementInProgress, with a time-and-materials fee: the client may see the provider team's total hours. */
async function timeAndMaterials(k: TestKit) {
  const w = await world(k);
  const { as, orgs, people } = w;
  const e = (await as.owner.post<EngagementView>('/api/engagements', brief())).body;
  await as.owner.post(`/api/engagements/${e.id}/providers`, { providerOrgIds: [orgs.p1.id] });
  await as.owner.post(`/api/engagements/${e.id}/transitions`, { action: 'request', version: e.version });
  const fee = {
    type: 'time_and_materials',
    rateCard: [{ role: 'Analyst', hourlyRate: { amount: 10_000, currency: 'JPY' }, estimatedHours: 100 }],
    cap: null,
  };
  const draft = await as.p1Manager.put<ProposalView>(`/api/engagements/${e.id}/proposal`, {
    proposal: proposal(0, { fee: fee as never }),
    version: 0,
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(200);
  const bid = (await as.p1Manager.post<ProposalView>(`/api/engagements/${e.id}/proposal/submit`, { version: draft.body.version })).body;
  let view = (await as.owner.get<EngagementView>(`/api/engagements/${e.id}`)).body;
  view = (await as.owner.post<EngagementView>(`/api/engagements/${e.id}/award`, { proposalId: bid.id, version: view.version })).body;
  await as.owner.post(`/api/engagements/${e.id}/sow/approve`, { version: 1 });
  await as.p1Manager.post(`/api/engagements/${e.id}/sow/approve`, { version: 1 });
  await as.p1Manager.post(`/api/engagements/${e.id}/transitions`, { action: 'start', version: view.version });
  expect((await as.p1Manager.post(`/api/engagements/${e.id}/team`, { userId: people.p1Analyst.id, role: 'analyst' })).status).toBe(200);
  return { ...w, tm: e.id };
}

describeEachDatabase('time through the API', (backend) => {
  const kit = useTestKit(backend);

  it('logs time on both sides, once per Idempotency-Key, and shows each side only its own people', async () => {
    const w = await world(kit());
    const { as, people } = w;
    const first = await w.log(
      as.p1Analyst,
      { date: '2026-04-01', category: 'research', minutes: 480, note: '文献調査' },
      { 'idempotency-key': 'k-1' },
    );
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ userId: people.p1Analyst.id, side: 'provider', minutes: 480, enteredBy: people.p1Analyst.id });
    const again = await w.log(
      as.p1Analyst,
      { date: '2026-04-01', category: 'research', minutes: 480, note: '文献調査' },
      { 'idempotency-key': 'k-1' },
    );
    expect([again.status, again.body.id, again.headers.get('idempotency-replayed')]).toEqual([201, first.body.id, 'true']);

    // The delivery manager logs a meeting for the analyst; the client's owner and finance log their own.
    const forAnalyst = await w.log(as.p1Manager, { userId: people.p1Analyst.id, date: '2026-04-01', category: 'meetings', minutes: 60 });
    expect(forAnalyst.status, JSON.stringify(forAnalyst.body)).toBe(201);
    expect(forAnalyst.body).toMatchObject({ userId: people.p1Analyst.id, enteredBy: people.p1Manager.id });
    expect((await w.log(as.owner, { date: '2026-04-01', category: 'briefing', minutes: 90 })).status).toBe(201);
    expect((await w.log(as.clientAdmin, { date: '2026-04-01', category: 'contract_admin', minutes: 30 })).status).toBe(201);
    // Finance and auditors follow the engagement read-only.
    expect((await w.log(as.finance, { date: '2026-04-01', category: 'contract_admin', minutes: 30 })).status).toBe(403);

    // Someone not on the team does not see the engagement; an analyst cannot log for a colleague.
    expect((await w.log(as.p1Other, { date: '2026-04-01', category: 'research', minutes: 60 })).status).toBe(404);
    const forOther = await w.log(as.p1Analyst, { userId: people.p1Other.id, date: '2026-04-01', category: 'research', minutes: 60 });
    expect([forOther.status, errorOf(forOther).reason]).toEqual([403, 'missing_role']);
    // A manager cannot log for someone who is not on the engagement.
    const notOnTeam = await w.log(as.p1Manager, { userId: people.p1Other.id, date: '2026-04-01', category: 'research', minutes: 60 });
    expect([notOnTeam.status, issueCodes(notOnTeam)]).toEqual([400, ['not_on_team']]);

    const seen = async (c: TestClient) => (await c.get<EngagementTimeView>(w.entriesPath)).body;
    const client = await seen(as.owner);
    expect(client.entries.map((e) => [e.side, e.category]).sort()).toEqual([
      ['client', 'briefing'],
      ['client', 'contract_admin'],
    ]);
    // A fixed fee: the provider's hours are not the client's to see, not even their total.
    expect(client.providerTeamTotalMinutes).toBeNull();
    expect((await seen(as.p1Manager)).entries.map((e) => e.minutes).sort()).toEqual([480, 60].sort());
    expect((await seen(as.p1Analyst)).entries.every((e) => e.userId === people.p1Analyst.id)).toBe(true);
    // The provider that lost the bid still sees the engagement, but none of its time.
    expect((await as.p2Manager.get(w.entriesPath)).status).toBe(403);
  });

  it('shows the client the provider team’s total, never the people, when the SOW bills by time', async () => {
    const w = await timeAndMaterials(kit());
    const path = `/api/engagements/${w.tm}/time-entries`;
    expect((await w.as.p1Analyst.post(path, { date: '2026-03-31', category: 'analysis', minutes: 300 })).status).toBe(201);
    expect((await w.as.p1Manager.post(path, { date: '2026-03-31', category: 'review', minutes: 45 })).status).toBe(201);
    const client = (await w.as.owner.get<EngagementTimeView>(path)).body;
    expect(client.providerTeamTotalMinutes).toBe(345);
    expect(client.entries).toEqual([]);
    expect(JSON.stringify(client)).not.toContain(w.people.p1Analyst.id);
  });

  it('refuses bad time with every issue listed, and saves nothing', async () => {
    const w = await world(kit());
    const { as } = w;
    const bad = await w.log(as.p1Analyst, {
      date: '2026-04-01',
      category: 'briefing',
      minutes: 60,
      milestoneId: '00000000-0000-4000-8000-000000000000',
    });
    expect([bad.status, issueCodes(bad).sort()]).toEqual([400, ['category_not_for_side', 'unknown_milestone']]);
    const negative = await w.log(as.p1Analyst, { date: '2026-04-01', category: 'research', minutes: -5 });
    expect([negative.status, issueCodes(negative)]).toEqual([400, ['negative_minutes']]);

    expect((await w.log(as.p1Analyst, { date: '2026-04-02', category: 'research', minutes: 480 })).status).toBe(201);
    // The day's 24 hours count every engagement's entries of the person.
    const over = await w.log(as.p1Analyst, { date: '2026-04-02', category: 'analysis', minutes: 961 });
    expect([over.status, issueCodes(over), errorOf(over).issues?.[0]?.params?.total]).toEqual([400, ['day_over_24h'], 1441]);
    expect((await w.log(as.p1Analyst, { date: '2026-04-02', category: 'analysis', minutes: 960 })).status).toBe(201);
    const entries = (await as.p1Analyst.get<EngagementTimeView>(w.entriesPath)).body.entries;
    expect(entries.map((e) => e.minutes).sort()).toEqual([480, 960]);
  });

  it('imports CSV: all lines, or none with every bad line listed', async () => {
    const w = await world(kit());
    const { as, people } = w;
    const good = [
      'date,category,minutes,note,user_id',
      `2026-03-30,research,240,"desk, part 1",${people.p1Analyst.id}`,
      `2026-03-30,writing,120,,${people.p1Analyst.id}`,
      '2026-03-31,meetings,60,kick-off,',
    ].join('\n');
    const imported = await as.p1Manager.post<{ entries: TimeEntryView[] }>(`${w.entriesPath}/import`, { csv: good });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.entries.map((e) => [e.userId, e.minutes, e.note])).toEqual([
      [people.p1Analyst.id, 240, 'desk, part 1'],
      [people.p1Analyst.id, 120, ''],
      [people.p1Manager.id, 60, 'kick-off'],
    ]);

    const bad = [
      'date,category,minutes,note',
      '2026-04-01,research,abc,',
      '2026-04-01,briefing,60,',
      '2026-04-31,research,60,',
      '2026-04-02,research,900,',
      '2026-04-02,analysis,600,',
      '2026-04-03,research,60,fine',
      '2026-04-03,research',
    ].join('\n');
    const refused = await as.p1Analyst.post(`${w.entriesPath}/import`, { csv: bad });
    expect(refused.status).toBe(400);
    expect(issuePaths(refused)).toEqual(['csv.8']);
    expect(issueCodes(refused)).toEqual(['ragged_row']);
    const refusedAgain = await as.p1Analyst.post(`${w.entriesPath}/import`, { csv: bad.split('\n').slice(0, -1).join('\n') });
    expect(refusedAgain.status).toBe(400);
    expect(issuePaths(refusedAgain)).toEqual(['csv.2.minutes', 'csv.3.category', 'csv.4.date', 'csv.6.minutes']);
    expect(issueCodes(refusedAgain)).toEqual(['invalid_type', 'category_not_for_side', 'invalid_format', 'day_over_24h']);
    const missing = await as.p1Analyst.post(`${w.entriesPath}/import`, { csv: 'date,minutes\n2026-04-01,60' });
    expect([missing.status, issueCodes(missing)]).toEqual([400, ['missing_column']]);
    // Nothing of the refused files was saved.
    const mine = (await as.p1Analyst.get<EngagementTimeView>(w.entriesPath)).body.entries;
    expect(mine.map((e) => e.date)).toEqual(['2026-03-30', '2026-03-30']);
  });

  it('submits, returns and approves a week; an approved week takes only audited corrections', async () => {
    const w = await world(kit());
    const { as, people, orgs } = w;
    const monday = '2026-03-30';
    const path = w.week(orgs.p1.id, people.p1Analyst.id, monday);
    expect((await w.log(as.p1Analyst, { date: '2026-03-30', category: 'research', minutes: 480 })).status).toBe(201);
    let sheet = (await as.p1Analyst.get<TimesheetView>(path)).body;
    expect([sheet.status, sheet.version, sheet.days.map((d) => d.minutes)]).toEqual(['open', 0, [480, 0, 0, 0, 0, 0, 0]]);
    // What the person may do with the week, and the engagements they may log on (each named as their side sees it).
    expect(sheet.allowedActions).toEqual(['log', 'submit']);
    expect(sheet.engagements.map((e) => [e.id, e.side, e.mayLog])).toEqual([[w.id, 'provider', true]]);
    const pendingPath = `/api/organizations/${orgs.p1.id}/timesheets`;
    expect((await as.p1Manager.get<PendingTimesheetsView>(pendingPath)).body.weeks).toEqual([]);

    sheet = (await as.p1Analyst.post<TimesheetView>(`${path}/submit`, { version: 0 })).body;
    expect([sheet.status, sheet.version, sheet.mayApprove, sheet.allowedActions]).toEqual(['submitted', 1, false, []]);
    // The manager's queue lists the week with its total; the analyst has no queue.
    expect((await as.p1Manager.get<PendingTimesheetsView>(pendingPath)).body.weeks).toEqual([
      expect.objectContaining({ userId: people.p1Analyst.id, weekStart: monday, minutes: 480, version: 1 }),
    ]);
    expect((await as.p1Analyst.get(pendingPath)).status).toBe(403);
    expect((await as.p1Manager.get<TimesheetView>(path)).body.allowedActions).toEqual(['approve', 'return']);
    const whileSubmitted = await w.log(as.p1Analyst, { date: '2026-03-31', category: 'research', minutes: 60 });
    expect([whileSubmitted.status, issueCodes(whileSubmitted)]).toEqual([400, ['week_submitted']]);
    // Nobody approves their own week; the client never sees the provider's.
    expect((await as.p1Analyst.post(`${path}/approve`, { version: 1 })).status).toBe(403);
    expect([(await as.owner.get(path)).status, errorOf(await as.clientAdmin.get(path)).reason]).toEqual([403, 'other_organization']);
    expect((await as.p1Manager.get<TimesheetView>(path)).body.mayApprove).toBe(true);

    sheet = (await as.p1Manager.post<TimesheetView>(`${path}/return`, { version: 1, note: '会議の時間を追加してください' })).body;
    expect([sheet.status, sheet.returnNote]).toEqual(['open', '会議の時間を追加してください']);
    expect((await w.log(as.p1Analyst, { date: '2026-03-31', category: 'meetings', minutes: 60 })).status).toBe(201);
    const stale = await as.p1Analyst.post(`${path}/submit`, { version: 1 });
    expect([stale.status, errorOf(stale).reason]).toEqual([409, 'version_conflict']);
    expect((await as.p1Analyst.post(`${path}/submit`, { version: 2 })).status).toBe(200);
    sheet = (await as.p1Manager.post<TimesheetView>(`${path}/approve`, { version: 3 })).body;
    expect([sheet.status, sheet.decidedBy, sheet.allowedActions]).toEqual(['approved', people.p1Manager.id, ['correct']]);
    expect((await as.p1Manager.get<PendingTimesheetsView>(pendingPath)).body.weeks).toEqual([]);
    const twice = await as.providerAdmin.post(`${path}/approve`, { version: 4 });
    expect([twice.status, errorOf(twice).reason]).toEqual([409, 'timesheet_approved']);

    // Locked: a change is a new correction entry with a reason, never an edit.
    const plain = await w.log(as.p1Analyst, { date: '2026-03-31', category: 'meetings', minutes: 30 });
    expect([plain.status, issueCodes(plain)]).toEqual([400, ['correction_required']]);
    const correction = await w.log(as.p1Analyst, {
      date: '2026-03-30',
      category: 'research',
      minutes: -60,
      correctionReason: '重複して記録した1時間を取り消し',
    });
    expect(correction.status, JSON.stringify(correction.body)).toBe(201);
    const tooMuch = await w.log(as.p1Analyst, { date: '2026-03-30', category: 'research', minutes: -500, correctionReason: 'too much' });
    expect([tooMuch.status, issueCodes(tooMuch)]).toEqual([400, ['day_below_zero']]);
    const notLocked = await w.log(as.p1Analyst, { date: '2026-04-06', category: 'research', minutes: 30, correctionReason: 'not needed' });
    expect([notLocked.status, issueCodes(notLocked)]).toEqual([400, ['correction_only_when_approved']]);
    sheet = (await as.p1Analyst.get<TimesheetView>(path)).body;
    expect([sheet.status, sheet.days.slice(0, 2).map((d) => d.minutes), sheet.entries.length]).toEqual(['approved', [420, 60], 3]);

    // Every change is on record in the provider's log, naming its row; none of it in the client's.
    const db = kit().rt.database.db;
    const events = await db
      .selectFrom('audit_events')
      .select(['type', 'org_id', 'resource_type', 'resource_id'])
      .where((eb) => eb.or([eb('type', 'like', 'time.%'), eb('type', 'like', 'timesheet.%')]))
      .where((eb) => eb.or([eb('org_id', '=', orgs.p1.id), eb('org_id', '=', orgs.client.id)]))
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      'time.entry_logged',
      'timesheet.submitted',
      'timesheet.returned',
      'time.entry_logged',
      'timesheet.submitted',
      'timesheet.approved',
      'time.correction_logged',
    ]);
    expect(events.every((e) => e.org_id === orgs.p1.id)).toBe(true);
    const entryIds = new Set((await db.selectFrom('time_entries').select('id').execute()).map((r) => r.id));
    const sheetIds = new Set((await db.selectFrom('timesheets').select('id').execute()).map((r) => r.id));
    for (const e of events) expect((e.resource_type === 'time_entry' ? entryIds : sheetIds).has(e.resource_id), e.type).toBe(true);
  });

  it('has the client’s admins approve the client’s people’s weeks, which the provider never sees', async () => {
    const w = await world(kit());
    const { as, people, orgs } = w;
    const path = w.week(orgs.client.id, people.owner.id, '2026-03-30');
    expect((await w.log(as.owner, { date: '2026-04-01', category: 'qa', minutes: 45 })).status).toBe(201);
    expect((await as.owner.post(`${path}/submit`, { version: 0 })).status).toBe(200);
    // An owner is no approver, even of a colleague; the provider's managers are of another organisation.
    expect((await as.otherOwner.post(`${path}/approve`, { version: 1 })).status).toBe(403);
    expect((await as.p1Manager.get(path)).status).toBe(403);
    const approved = await as.clientAdmin.post<TimesheetView>(`${path}/approve`, { version: 1 });
    expect([approved.status, approved.body.status, approved.body.days[2]?.minutes]).toEqual([200, 'approved', 45]);
    const notAMonday = await as.owner.get(w.week(orgs.client.id, people.owner.id, '2026-04-01'));
    expect([notAMonday.status, issueCodes(notAMonday)]).toEqual([400, ['not_a_monday']]);
  });

  it('reports a provider person’s load against the 36 agreement, to them and their managers only', async () => {
    const w = await world(kit());
    const { as, people, orgs } = w;
    const agreementPath = `/api/organizations/${orgs.p1.id}/overtime-agreement`;
    const defaults = (await as.p1Analyst.get<OvertimeAgreementView>(agreementPath)).body;
    expect(defaults).toMatchObject({
      monthlyLimitMinutes: 2700,
      yearlyLimitMinutes: 21600,
      specialClause: null,
      yearStartMonth: 4,
      version: 0,
    });
    const agreement = { ...defaults, yearStartMonth: 1, version: 0 } as Record<string, unknown>;
    delete agreement.orgId;
    expect((await as.p1Manager.put(agreementPath, agreement)).status).toBe(403);
    const saved = await as.providerAdmin.put<OvertimeAgreementView>(agreementPath, agreement);
    expect([saved.status, saved.body.version, saved.body.yearStartMonth]).toEqual([200, 1, 1]);
    expect((await as.providerAdmin.put(agreementPath, agreement)).status).toBe(409);
    expect((await as.clientAdmin.get(agreementPath)).status).toBe(403);

    // Four Saturdays of 12 h in March (worked: today is 2026-04-01) and in April (logged ahead: the plan).
    for (const date of ['2026-03-07', '2026-03-14', '2026-03-21', '2026-03-28', '2026-04-04', '2026-04-11', '2026-04-18']) {
      const r = await w.log(as.p1Analyst, { date, category: 'analysis', minutes: 720 });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const path = `/api/organizations/${orgs.p1.id}/people/${people.p1Analyst.id}/load?from=2026-03&to=2026-04`;
    const load = await as.p1Manager.get<LoadView>(path);
    expect(load.status, JSON.stringify(load.body)).toBe(200);
    expect(load.body.months.map((m) => [m.month, m.overtimeMinutes])).toEqual([
      ['2026-03', 48 * 60],
      ['2026-04', 0],
    ]);
    expect(load.body.forecast.map((m) => m.overtimeMinutes)).toEqual([48 * 60, 36 * 60]);
    expect(load.body.findings.filter((f) => f.rule === 'monthly_overtime')).toMatchObject([
      { severity: 'breach', from: '2026-03', basis: 'actual', value: 48 * 60, limit: 45 * 60 },
      { severity: 'warning', from: '2026-04', basis: 'forecast', value: 36 * 60 },
    ]);
    expect((await as.p1Analyst.get(path)).status).toBe(200);
    expect((await as.providerAdmin.get(path)).status).toBe(200);
    // A colleague, the client (even its admin) and the other provider never see it.
    expect([(await as.p1Other.get(path)).status, (await as.clientAdmin.get(path)).status, (await as.p2Manager.get(path)).status]).toEqual([
      403, 403, 403,
    ]);
    const ownClient = `/api/organizations/${orgs.client.id}/people/${people.owner.id}/load`;
    expect((await as.clientAdmin.get(ownClient)).status).toBe(403);
    const backwards = await as.p1Manager.get(`/api/organizations/${orgs.p1.id}/people/${people.p1Analyst.id}/load?from=2026-04&to=2026-03`);
    expect([backwards.status, issueCodes(backwards)]).toEqual([400, ['range_order']]);
  });

  it('figures the client’s hidden cost at its internal rates against the fee', async () => {
    const w = await world(kit());
    const { as, orgs } = w;
    const ratesPath = `/api/organizations/${orgs.client.id}/internal-rates`;
    expect((await as.owner.put(ratesPath, { rates: [], version: 0 })).status).toBe(403);
    const rates = await as.clientAdmin.put<InternalRatesView>(ratesPath, {
      rates: [
        { role: 'engagement_owner', hourlyYen: 6000 },
        { role: 'client_admin', hourlyYen: 4000 },
      ],
      version: 0,
    });
    expect([rates.status, rates.body.version]).toEqual([200, 1]);
    expect((await as.finance.get<InternalRatesView>(ratesPath)).body.rates).toHaveLength(2);
    expect((await as.p1Manager.get(ratesPath)).status).toBe(403);

    expect((await w.log(as.owner, { date: '2026-03-31', category: 'briefing', minutes: 120 })).status).toBe(201);
    expect((await w.log(as.owner, { date: '2026-04-01', category: 'review', minutes: 60 })).status).toBe(201);
    expect((await w.log(as.clientAdmin, { date: '2026-04-01', category: 'contract_admin', minutes: 30 })).status).toBe(201);
    expect((await w.log(as.p1Analyst, { date: '2026-04-01', category: 'research', minutes: 480 })).status).toBe(201);

    const cost = await as.owner.get<HiddenCostView>(`/api/engagements/${w.id}/hidden-cost`);
    expect(cost.status, JSON.stringify(cost.body)).toBe(200);
    expect(cost.body).toMatchObject({
      totalMinutes: 210,
      costYen: 20_000,
      unratedMinutes: 0,
      feesYen: 3_000_000,
      ratio: 0.0067,
      byCategory: [
        { category: 'briefing', minutes: 120, costYen: 12_000 },
        { category: 'contract_admin', minutes: 30, costYen: 2000 },
        { category: 'review', minutes: 60, costYen: 6000 },
      ],
      byMonth: [
        { month: '2026-03', minutes: 120, costYen: 12_000 },
        { month: '2026-04', minutes: 90, costYen: 8000 },
      ],
    });
    // The client's internal figures are never the provider's to see.
    expect((await as.p1Manager.get(`/api/engagements/${w.id}/hidden-cost`)).status).toBe(403);
  });
});
