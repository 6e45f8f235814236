import { beforeAll, expect, it } from 'vitest';
import { addDays, weekStartOf } from '../../core/time/weeks.js';
import type { CapacityBoardView } from '../../shared/contracts/capacity.js';
import type { EngagementList } from '../../shared/contracts/engagements.js';
import type { NotificationView } from '../../shared/contracts/notifications.js';
import type { ProviderProposalView } from '../../shared/contracts/staffing.js';
import type { EngagementTimeView, HiddenCostView, LoadView, PendingTimesheetsView, TimesheetView } from '../../shared/contracts/time.js';
import { describeEachDatabase } from '../../testing/db.js';
import { TestClient } from '../../testing/http.js';
import { useTestKit } from '../../testing/runtime.js';
import { seedDemoEngagements } from './engagements.js';
import { seedDemo } from './seed.js';

const PASSWORD = 'demo-password-for-tests';

/**
 * The demo's hours (issue #14): the test clock's today is Wednesday 2026-04-01, so the eight weeks
 * run from Monday 2026-02-02 to Sunday 2026-03-29.
 */
describeEachDatabase('demo: hours on both sides, approved weeks, a busy analyst', (backend) => {
  const kit = useTestKit(backend);
  const as: Record<string, TestClient> = {};
  const signIn = async (name: string, email: string) => {
    const client = new TestClient(kit().app.app, `10.7.0.${Object.keys(as).length + 1}`);
    expect((await client.login(email, PASSWORD)).status, email).toBe(200);
    as[name] = client;
  };
  const me = (name: string) => ({ orgId: as[name]?.session?.activeOrgId ?? '', userId: as[name]?.session?.user.id ?? '' });
  const today = '2026-04-01';
  const firstMonday = addDays(weekStartOf(today), -56);

  beforeAll(async () => {
    const { rt } = kit();
    expect(rt.clock.now().toISOString().slice(0, 10)).toBe(today);
    await seedDemo({ admin: rt.services.admin, store: rt.store, audit: rt.recordAudit }, rt.system('seed'), PASSWORD);
    await seedDemoEngagements((clock) => rt.servicesAt(clock), rt.store, rt.clock.now());
    await signIn('busy', 'analyst2@knowledge-bridge.example');
    await signIn('analyst', 'analyst1@knowledge-bridge.example');
    await signIn('manager', 'manager@knowledge-bridge.example');
    await signIn('bankOwner', 'owner@marunouchi-capital.example');
    await signIn('bankAdmin', 'admin@marunouchi-capital.example');
  }, 600_000);

  it('has the busy analyst near the monthly overtime limit, warned and not over it', async () => {
    const { orgId, userId } = me('busy');
    const march = await as.busy?.get<LoadView>(`/api/organizations/${orgId}/people/${userId}/load?from=2026-02&to=2026-04`);
    expect(march?.status, JSON.stringify(march?.body)).toBe(200);
    const months = new Map(march?.body.months.map((m) => [m.month, m.overtimeMinutes]));
    // 40 h of overtime worked in March: past 80 % of 45 h, short of 45 h. April's hours so far are
    // today's (114 min of overtime); the rest of April is the plan of today's award (the board's forecast).
    expect(months.get('2026-03')).toBe(40 * 60);
    expect(months.get('2026-04')).toBe(114);
    expect(march?.body.findings.filter((f) => f.severity === 'breach')).toEqual([]);
    expect(march?.body.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'warning', rule: 'monthly_overtime', from: '2026-03', basis: 'actual' }),
      ]),
    );
  });

  it('plans the analysts’ weeks around leave over Golden Week, and the board warns of the busy analyst', async () => {
    await signIn('providerAdmin', 'admin@knowledge-bridge.example');
    const { orgId } = me('providerAdmin');
    const board = await as.providerAdmin?.get<CapacityBoardView>(
      `/api/organizations/${orgId}/capacity-board?from=2026-03-30&to=2026-05-25`,
    );
    expect(board?.status, JSON.stringify(board?.body)).toBe(200);
    const rows = board?.body.people ?? [];
    // Someone is on leave over Golden Week (昭和の日 is a holiday in that week: four working days).
    const golden = rows.map((p) => p.weeks.find((w) => w.week === '2026-04-27')).filter((w) => (w?.leaveDays ?? 0) > 0);
    expect(golden.map((w) => [w?.workingDays, w?.leaveDays, w?.availableMinutes])).toEqual([[4, 4, 0]]);
    expect(rows.some((p) => p.weeks.some((w) => w.plannedMinutes > 0 && w.plannedMinutes <= w.availableMinutes))).toBe(true);

    // The busy analyst's own row: April is today's award's plan, near the 45 h limit (a warning, no
    // breach); the plan on the bank's engagement starts in May.
    const busy = me('busy');
    const own = await as.busy?.get<CapacityBoardView>(
      `/api/organizations/${busy.orgId}/people/${busy.userId}/capacity-board?from=2026-03-30&to=2026-05-25`,
    );
    expect(own?.status, JSON.stringify(own?.body)).toBe(200);
    const row = own?.body.people[0];
    expect(row?.weeks.find((w) => w.week === '2026-04-13')?.overtime).toBe('warning');
    expect(row?.findings.some((f) => f.severity === 'breach')).toBe(false);
    // April's forecast: 39.9 h, 114 min on each of its 21 working days (昭和の日 is a holiday).
    expect(row?.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'warning', rule: 'monthly_overtime', from: '2026-04', basis: 'forecast', value: 114 * 21 }),
      ]),
    );
    // The award's weeks: eight hours a day and 114 min of overtime on each working day (4 and 5 days a week).
    expect(row?.weeks.filter((w) => w.week <= '2026-04-27').map((w) => w.plannedMinutes)).toEqual([
      5 * 594,
      5 * 594,
      5 * 594,
      5 * 594,
      4 * 594,
    ]);
    expect(row?.weeks.find((w) => w.week === '2026-05-11')?.plannedMinutes).toBeGreaterThan(0);
  });

  it('awards an engagement today whose staffing plan takes the busy analyst near the limit, and warns the managers', async () => {
    const busy = me('busy');
    await signIn('towaOwner', 'owner@towa-medical.example');
    const list = await as.towaOwner?.get<EngagementList>(`/api/engagements?q=${encodeURIComponent('在宅透析装置')}`);
    const awarded = list?.body.items[0];
    expect(awarded?.status, JSON.stringify(list?.body)).toBe('contracted');
    const engagement = awarded?.id ?? '';
    // The manager also works for another provider (a guest membership): in the analyst's organisation here.
    expect((await as.manager?.put('/api/session/organization', { orgId: busy.orgId }))?.status).toBe(200);
    // The proposal tab: the analyst staffed, with the month's warning (no breach).
    const proposals = await as.manager?.get<ProviderProposalView[]>(`/api/engagements/${engagement}/proposals`);
    expect(proposals?.status, JSON.stringify(proposals?.body)).toBe(200);
    const staffed = proposals?.body[0]?.staffing ?? [];
    expect(staffed.map((p) => [p.userId, p.outcome])).toEqual([[busy.userId, 'staffed']]);
    expect(staffed[0]?.warnings.map((w) => [w.rule, w.severity, w.to, w.forecast])).toEqual([
      ['monthly_overtime', 'warning', '2026-04', 114 * 21],
    ]);
    // Told: the manager and the analyst, of the month near the limit; the analyst also of their seat.
    const told = async (who: string) =>
      ((await as[who]?.get<{ items: NotificationView[] }>('/api/notifications?limit=200'))?.body.items ?? []).filter(
        (n) => n.engagementId === engagement,
      );
    const warning = (await told('manager')).find((n) => n.kind === 'staffing.load_warning');
    expect(warning?.data).toMatchObject({ userId: busy.userId, severity: 'warning', rule: 'monthly_overtime', limit: 45 * 60 });
    expect((await told('busy')).map((n) => n.kind).sort()).toEqual(['staffing.load_warning', 'team.assigned']);
  });

  it('approves the older weeks, keeps one waiting for the manager, and spans two clients for the manager', async () => {
    const analyst = me('analyst');
    const week = (w: number) => `/api/organizations/${analyst.orgId}/people/${analyst.userId}/timesheets/${addDays(firstMonday, 7 * w)}`;
    const statuses = [];
    for (let w = 0; w < 8; w++) statuses.push((await as.analyst?.get<TimesheetView>(week(w)))?.body.status);
    expect(statuses).toEqual(['approved', 'approved', 'approved', 'approved', 'approved', 'approved', 'submitted', 'open']);
    const first = (await as.analyst?.get<TimesheetView>(week(0)))?.body;
    // Five working days of eight hours or a little more.
    const worked = first?.days.filter((d) => d.minutes > 0) ?? [];
    expect(worked.length).toBe(5);
    for (const d of worked) expect(d.minutes).toBeGreaterThanOrEqual(480);

    // The manager also works for another provider (a guest membership): in the analysts' organisation here.
    const switched = await as.manager?.put('/api/session/organization', { orgId: analyst.orgId });
    expect(switched?.status).toBe(200);
    const pending = await as.manager?.get<PendingTimesheetsView>(`/api/organizations/${analyst.orgId}/timesheets`);
    expect(pending?.status, JSON.stringify(pending?.body)).toBe(200);
    expect(pending?.body.weeks.map((w) => w.weekStart)).toEqual(expect.arrayContaining([addDays(firstMonday, 42)]));
    expect(pending?.body.weeks.some((w) => w.userId === analyst.userId)).toBe(true);

    const managerWeek = await as.manager?.get<TimesheetView>(
      `/api/organizations/${analyst.orgId}/people/${me('manager').userId}/timesheets/${addDays(firstMonday, 7)}`,
    );
    expect(new Set(managerWeek?.body.entries.map((e) => e.engagementId)).size).toBe(2);
  });

  it('shows the bank its own people’s hours, the provider team’s total and the hidden cost, never an analyst', async () => {
    const list = await as.bankOwner?.get<EngagementList>('/api/engagements?q=Sakura');
    const sakura = list?.body.items[0]?.id ?? '';
    const time = (await as.bankOwner?.get<EngagementTimeView>(`/api/engagements/${sakura}/time-entries`))?.body;
    expect(time?.entries.length).toBeGreaterThan(0);
    expect(time?.entries.every((e) => e.side === 'client')).toBe(true);
    // Time and materials: the team's total is the client's to see.
    expect(time?.providerTeamTotalMinutes).toBeGreaterThan(8 * 5 * 60 * 7);
    const cost = (await as.bankAdmin?.get<HiddenCostView>(`/api/engagements/${sakura}/hidden-cost`))?.body;
    expect(cost?.costYen).toBeGreaterThan(0);
    expect(cost?.unratedMinutes).toBe(0);
    expect(cost?.ratio).toBeGreaterThan(0);
  });
});
