import { expect, it } from 'vitest';
import { type Calendar, loadWindow, personDays } from '../core/time/capacity.js';
import { defaultAgreement, overtimeReport } from '../core/time/overtime.js';
import { addDays, weekStartOf } from '../core/time/weeks.js';
import type { CapacityBoardView } from '../shared/contracts/capacity.js';
import { describeEachDatabase } from '../testing/db.js';
import { engagementInProgress } from '../testing/engagements.js';
import { useTestKit } from '../testing/runtime.js';

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The board's overtime, months and weeks as the pure rules give them from every day's hours and every plan. */
function reference(args: {
  weeks: readonly string[];
  today: string;
  from: string;
  to: string;
  logged: readonly { date: string; minutes: number }[];
  allocations: readonly { week: string; minutes: number }[];
  cal: Calendar;
}) {
  const planned = new Map<string, number>();
  for (const a of args.allocations)
    if (a.week >= weekStartOf(args.from) && a.week <= args.to) planned.set(a.week, (planned.get(a.week) ?? 0) + a.minutes);
  const days = args.logged.filter((d) => d.date >= args.from && d.date <= args.to);
  const report = overtimeReport(
    personDays({
      from: args.from,
      to: args.to,
      today: args.today,
      logged: days,
      planned: [...planned].map(([week, minutes]) => ({ week, minutes })),
      cal: args.cal,
    }),
    args.cal.contractedDailyMinutes,
    defaultAgreement,
  );
  const months = new Set(args.weeks.flatMap((w) => [w.slice(0, 7), addDays(w, 6).slice(0, 7)]));
  const last = addDays(args.weeks.at(-1) ?? '', 6);
  return {
    months: report.forecast
      .filter((m) => months.has(m.month))
      .map((m) => ({ month: m.month, overtimeMinutes: m.overtimeMinutes, holidayWorkMinutes: m.holidayWorkMinutes })),
    findings: report.findings.filter((f) => [...months].some((m) => f.from <= m && m <= f.to)),
    weeks: args.weeks.map((week) => ({
      week,
      plannedMinutes: planned.get(week) ?? 0,
      actualMinutes: days
        .filter((d) => d.date >= (args.weeks[0] ?? '') && d.date <= last && weekStartOf(d.date) === week)
        .reduce((s, d) => s + d.minutes, 0),
    })),
  };
}

describeEachDatabase('the capacity board’s summed reads', (backend) => {
  const kit = useTestKit(backend);

  it('gives the same figures as the rules over every day, on random hours, plans, leave, holidays and corrections', async () => {
    const k = kit();
    const w = await engagementInProgress(k);
    const db = k.rt.database.db;
    const org = w.orgs.p1.id;
    const people = [w.people.p1Analyst.id, w.people.p1Manager.id, w.people.p1Other.id];
    const random = rng(20261206);
    const pick = (n: number) => Math.floor(random() * n);
    const logged = new Map<string, { date: string; minutes: number }[]>(people.map((p) => [p, []]));
    const allocations = new Map<string, { week: string; minutes: number }[]>(people.map((p) => [p, []]));
    const sheets = new Map<string, string>();
    const stamp = '2026-03-01T00:00:00Z';
    // Hours from January 2025 to September 2026 (the test clock's today is 2026-04-01): some days
    // long, some on weekends and holidays (Golden Week, New Year), a few logged ahead, two entries
    // on some days, a correction now and then.
    const entries = [];
    for (const userId of people) {
      for (let date = '2025-01-01'; date <= '2026-09-30'; date = addDays(date, 1)) {
        const future = date > '2026-04-01';
        if (random() > (future ? 0.08 : 0.75)) continue;
        const week = weekStartOf(date);
        const key = `${userId}|${week}`;
        if (!sheets.has(key)) {
          const id = crypto.randomUUID();
          sheets.set(key, id);
          await db
            .insertInto('timesheets')
            .values({ id, org_id: org, user_id: userId, week_start: week, status: 'open', version: 1 })
            .execute();
        }
        for (let n = random() < 0.2 ? 2 : 1; n > 0; n--) {
          const correction = random() < 0.03;
          const minutes = correction ? -(30 + pick(200)) : 60 + pick(14 * 60);
          entries.push({
            id: crypto.randomUUID(),
            timesheet_id: sheets.get(key) ?? '',
            engagement_id: w.id,
            org_id: org,
            user_id: userId,
            side: 'provider' as const,
            work_date: date,
            category: 'analysis',
            minutes,
            note: '',
            correction_reason: correction ? '訂正' : null,
            created_at: stamp,
          });
          logged.get(userId)?.push({ date, minutes });
        }
      }
      for (let week = '2025-09-29'; week <= '2026-12-28'; week = addDays(week, 7)) {
        if (random() < 0.3) continue;
        const minutes = 600 + pick(55 * 60);
        await db
          .insertInto('allocations')
          .values({ org_id: org, engagement_id: w.id, user_id: userId, week_start: week, minutes, updated_at: stamp })
          .execute();
        allocations.get(userId)?.push({ week, minutes });
      }
    }
    for (let i = 0; i < entries.length; i += 500)
      await db
        .insertInto('time_entries')
        .values(entries.slice(i, i + 500))
        .execute();
    const leave = [
      {
        id: crypto.randomUUID(),
        org_id: org,
        user_id: people[0] ?? '',
        start_date: '2026-04-27',
        end_date: '2026-05-08',
        note: 'GW',
        created_at: stamp,
      },
      {
        id: crypto.randomUUID(),
        org_id: org,
        user_id: people[1] ?? '',
        start_date: '2026-08-10',
        end_date: '2026-08-14',
        note: 'お盆',
        created_at: stamp,
      },
    ];
    await db.insertInto('person_leave').values(leave).execute();
    await db
      .insertInto('person_capacity')
      .values({ org_id: org, user_id: people[2] ?? '', contracted_daily_minutes: 360, version: 1, updated_at: stamp })
      .execute();

    let findings = 0;
    for (const query of ['', '?from=2026-03-02&to=2026-08-31', '?from=2025-06-02&to=2025-09-29', '?from=2026-09-28&to=2027-01-04']) {
      const board = await w.as.p1Manager.get<CapacityBoardView>(`/api/organizations/${org}/capacity-board${query}`);
      expect(board.status, JSON.stringify(board.body)).toBe(200);
      const first = board.body.weeks[0] ?? '';
      const firstMonth = first.slice(0, 7);
      const lastMonth = addDays(board.body.weeks.at(-1) ?? '', 6).slice(0, 7);
      const window = loadWindow(firstMonth, lastMonth, defaultAgreement.yearStartMonth);
      for (const userId of people) {
        const row = board.body.people.find((p) => p.userId === userId);
        const cal: Calendar = {
          contractedDailyMinutes: userId === people[2] ? 360 : 480,
          leave: leave.filter((l) => l.user_id === userId).map((l) => ({ from: l.start_date, to: l.end_date })),
          agreement: defaultAgreement,
        };
        const expected = reference({
          weeks: board.body.weeks,
          today: '2026-04-01',
          ...window,
          logged: logged.get(userId) ?? [],
          allocations: allocations.get(userId) ?? [],
          cal,
        });
        expect(row?.months).toEqual(expected.months);
        expect(row?.findings).toEqual(expected.findings);
        expect(row?.weeks.map((x) => ({ week: x.week, plannedMinutes: x.plannedMinutes, actualMinutes: x.actualMinutes }))).toEqual(
          expected.weeks,
        );
        findings += expected.findings.length;
      }
    }
    // The data reach the rules: there is something to compare.
    expect(findings).toBeGreaterThan(0);
  });
});
