import type { RequestContext } from '../../core/access/actor.js';
import { type Calendar, spreadWeek, weekAvailability } from '../../core/time/capacity.js';
import type { CapacityService } from '../../core/time/capacity-service.js';
import { dayKind, defaultAgreement } from '../../core/time/overtime.js';
import type { TimeService } from '../../core/time/service.js';
import { addDays, weekStartOf } from '../../core/time/weeks.js';
import type { Role } from '../../shared/roles.js';
import { seededRandom } from './random.js';

/**
 * The demo's hours (issue #14): eight weeks of the provider people's time on the demo engagements
 * (the Knowledge Bridge manager across two clients), the client people's own hours on them — the
 * hidden cost, costed at each client's internal rates — and the weeks' approvals: the older six
 * approved, the one before last waiting for its approver, the last and this one open. One analyst
 * (analyst2, on the bank's time-and-materials engagement) works long days: last month's overtime
 * stopped at 40 h, and this month's long days so far leave room for the rest of the month, which
 * an award made today fills (`demoAwardStaffing`; engagements.ts): its staffing plan takes their
 * month near the 45 h limit, and the award warns their managers and them.
 * Deterministic: the same hours for the same day on every machine. Everything goes through the time
 * service (one import per person and engagement, so seeding stays quick), audited as any entry.
 */

/** One demo engagement as the time seeding needs it: its id and who works on it. */
export interface DemoTimeCase {
  engagementId: string;
  client: { admin: string; owner: string; reviewers: readonly string[] };
  provider: { admin: string; manager: string; analysts: readonly string[] };
}

interface People {
  ctx(email: string): Promise<RequestContext>;
}

/** The analyst whose month is near the limit. */
export const DEMO_BUSY_ANALYST = 'analyst2@knowledge-bridge.example';
/** Overtime the busy analyst's month reaches and stops at: 80 % of 45 h is the warning, 45 h the limit. */
const BUSY_MONTH_OVERTIME = 40 * 60;
const WEEKS = 8;

const lastDayOfMonth = (date: string) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
const datesFrom = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

/** The next Golden Week and お盆 from today (this year's when still ahead, else next year's). */
function demoHolidays(today: string) {
  const year = Number(today.slice(0, 4));
  const next = (from: string, to: string) =>
    today <= from ? { from, to } : { from: `${year + 1}${from.slice(4)}`, to: `${year + 1}${to.slice(4)}` };
  return { golden: next(`${year}-04-29`, `${year}-05-06`), obon: next(`${year}-08-10`, `${year}-08-16`) };
}

/** The busy analyst's calendar: an eight-hour day, the default agreement, the お盆 leave they take (seedDemoCapacity). */
const busyCalendar = (today: string): Calendar => {
  const { obon } = demoHolidays(today);
  return { contractedDailyMinutes: 480, leave: [{ ...obon }], agreement: defaultAgreement };
};

/** The days of this month the busy analyst is there to work (working days, not on leave). */
function busyMonthDays(today: string): string[] {
  const cal = busyCalendar(today);
  const monthStart = `${today.slice(0, 7)}-01`;
  const days = new Set<string>();
  for (let week = weekStartOf(monthStart); week <= lastDayOfMonth(today); week = addDays(week, 7)) {
    const a = weekAvailability(week, cal);
    if (a.workingDays - a.leaveDays === 0) continue;
    for (const d of spreadWeek(week, 0, cal)) if (d.date.startsWith(today.slice(0, 7))) days.add(d.date);
  }
  return [...days].sort();
}

/**
 * The busy analyst's overtime on each working day of this month: the month's 40 h spread evenly,
 * so the days up to today (logged) leave the rest of the month to the award's plan.
 */
const busyDailyOvertime = (today: string) => Math.floor(BUSY_MONTH_OVERTIME / Math.max(1, busyMonthDays(today).length));

/**
 * The staffing plan the demo's award of today carries (decision 0011, "Staffing plans and the
 * award"): the busy analyst from this week to the month's end, eight hours a day plus this month's
 * share of overtime, so the month's forecast lands just under 40 h — past the 80 % warning of the
 * 45 h limit, short of the limit. Empty when no working day of the month is left after today.
 */
export function demoAwardStaffing(today: string): { week: string; minutes: number }[] {
  const cal = busyCalendar(today);
  const monthEnd = lastDayOfMonth(today);
  if (!busyMonthDays(today).some((d) => d > today)) return [];
  const perDay = 480 + busyDailyOvertime(today);
  const weeks: { week: string; minutes: number }[] = [];
  for (let week = weekStartOf(today); week <= monthEnd; week = addDays(week, 7)) {
    const a = weekAvailability(week, cal);
    const days = a.workingDays - a.leaveDays;
    if (days > 0) weeks.push({ week, minutes: days * perDay });
  }
  return weeks;
}

const rates: Record<string, Partial<Record<Role, number>>> = {
  'mirai-link.example': { client_admin: 6000, engagement_owner: 5500, reviewer: 4500, finance: 4000, auditor: 4500 },
  'towa-medical.example': { client_admin: 7000, engagement_owner: 6500, reviewer: 6000, finance: 5000, auditor: 5500 },
  'marunouchi-capital.example': { client_admin: 9500, engagement_owner: 9000, reviewer: 8000, finance: 7000, auditor: 7500 },
};

const analystWork = ['research', 'research', 'analysis', 'analysis', 'writing'] as const;
const clientWork = ['briefing', 'qa', 'review', 'meetings', 'contract_admin', 'rework_management', 'onboarding'] as const;

type Line = { date: string; category: string; minutes: number; note: string };
const csvOf = (lines: readonly Line[]) =>
  ['date,category,minutes,note', ...lines.map((l) => `${l.date},${l.category},${l.minutes},${l.note}`)].join('\n');

const seedOf = (text: string) => [...text].reduce((h, ch) => (Math.imul(h, 31) + (ch.codePointAt(0) ?? 0)) >>> 0, 7);

export async function seedDemoTime(
  time: TimeService,
  people: People,
  cases: readonly DemoTimeCase[],
  today: string,
  capacity?: CapacityService,
): Promise<void> {
  if (cases.length === 0) return;
  const thisMonday = weekStartOf(today);
  const firstMonday = addDays(thisMonday, -7 * WEEKS);
  const working = (date: string) => dayKind(date, defaultAgreement) === 'working';
  const past = datesFrom(firstMonday, addDays(today, -1)).filter(working);
  const busyToday = busyDailyOvertime(today);

  // Provider people: the minutes of each day, per engagement, from one generator per person.
  const provider = new Map<string, Map<string, Line[]>>();
  const add = (email: string, engagementId: string, line: Line) => {
    const byEngagement = provider.get(email) ?? new Map<string, Line[]>();
    const lines = byEngagement.get(engagementId) ?? [];
    lines.push(line);
    byEngagement.set(engagementId, lines);
    provider.set(email, byEngagement);
  };
  const managers = new Map<string, string[]>();
  for (const c of cases) managers.set(c.provider.manager, [...(managers.get(c.provider.manager) ?? []), c.engagementId]);
  for (const [manager, engagementIds] of managers) {
    const r = seededRandom(seedOf(manager));
    for (const date of past) {
      for (const id of engagementIds) {
        add(manager, id, { date, category: 'meetings', minutes: r.between(2, 4) * 30, note: '定例・進行管理' });
        if (r.chance(0.4)) add(manager, id, { date, category: 'review', minutes: r.between(2, 4) * 30, note: '成果物の確認' });
      }
    }
  }
  for (const c of cases) {
    for (const analyst of c.provider.analysts) {
      const r = seededRandom(seedOf(analyst));
      const busy = analyst === DEMO_BUSY_ANALYST;
      const overtimeOf = new Map<string, number>();
      // The busy analyst logs today too; the rest of this month is the award's plan (demoAwardStaffing).
      const dates = busy ? [...past, ...[today].filter(working)] : past;
      for (const date of dates) {
        const month = date.slice(0, 7);
        const used = overtimeOf.get(month) ?? 0;
        const thisMonth = month === today.slice(0, 7);
        const extra = !busy ? r.between(0, 2) * 15 : thisMonth ? busyToday : Math.min(120, BUSY_MONTH_OVERTIME - used);
        overtimeOf.set(month, used + extra);
        const meeting = r.between(1, 2) * 30;
        const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
        add(analyst, c.engagementId, {
          date,
          category: analystWork[(weekday + 4) % analystWork.length] ?? 'research',
          minutes: 480 + extra - meeting,
          note: '',
        });
        add(analyst, c.engagementId, { date, category: 'meetings', minutes: meeting, note: '' });
      }
    }
  }

  // The client's people: a few hours a week each, more at the start (briefing) and around reviews.
  const client = new Map<string, Line[]>();
  for (const c of cases) {
    for (const [i, email] of [c.client.owner, ...c.client.reviewers].entries()) {
      const r = seededRandom(seedOf(`${email}|${c.engagementId}`));
      const lines: Line[] = [];
      for (const [n, date] of past.entries()) {
        if (!r.chance(i === 0 ? 0.55 : 0.35)) continue;
        const category = n < 5 && i === 0 ? 'briefing' : i > 0 ? (r.chance(0.7) ? 'review' : 'qa') : r.pick(clientWork);
        lines.push({ date, category, minutes: r.between(1, 6) * 30, note: '' });
      }
      client.set(`${email}|${c.engagementId}`, lines);
    }
  }

  for (const [email, byEngagement] of provider) {
    const ctx = await people.ctx(email);
    for (const [engagementId, lines] of byEngagement) await time.importEntries(ctx, engagementId, csvOf(lines));
  }
  for (const [key, lines] of client) {
    const [email, engagementId] = key.split('|') as [string, string];
    if (lines.length > 0) await time.importEntries(await people.ctx(email), engagementId, csvOf(lines));
  }

  // The clients' internal rates, set by their admins.
  const admins = new Set(cases.map((c) => c.client.admin));
  for (const admin of admins) {
    const domain = admin.split('@')[1] ?? '';
    const table = rates[domain];
    if (!table) continue;
    const ctx = await people.ctx(admin);
    if (ctx.actor.kind !== 'user') continue;
    await time.saveRates(ctx, ctx.actor.orgId, {
      rates: Object.entries(table).map(([role, hourlyYen]) => ({ role: role as never, hourlyYen: hourlyYen ?? 0 })),
      version: 0,
    });
  }

  // The weeks (each move is a transaction of its own, so only some are moved, to keep seeding quick):
  // the analysts' older six approved by their manager and the one before last waiting for them; the
  // managers' and the client owners' week before last waiting for their admins, the owners' first
  // approved; the rest open.
  const moves: { person: string; approver: string; approved: number }[] = [];
  for (const c of cases) {
    for (const a of c.provider.analysts) moves.push({ person: a, approver: c.provider.manager, approved: WEEKS - 2 });
    moves.push({ person: c.client.owner, approver: c.client.admin, approved: 1 });
  }
  for (const manager of managers.keys()) {
    const c = cases.find((x) => x.provider.manager === manager);
    if (c) moves.push({ person: manager, approver: c.provider.admin, approved: 0 });
  }
  for (const { person, approver, approved } of moves) {
    const who = await people.ctx(person);
    const by = await people.ctx(approver);
    if (who.actor.kind !== 'user') continue;
    const { orgId, userId } = who.actor;
    for (let w = 0; w < WEEKS - 1; w++) {
      if (w >= approved && w !== WEEKS - 2) continue;
      const monday = addDays(firstMonday, 7 * w);
      // Every week already has its row (the imports made it), never moved yet: version 0.
      const sheet = await time.submit(who, orgId, userId, monday, { version: 0 });
      if (w < approved) await time.approve(by, orgId, userId, monday, { version: sheet.version });
    }
  }
  if (capacity) await seedDemoCapacity(capacity, people, cases, today);
}

/** Weeks of plan from the current one. */
const PLAN_WEEKS = 26;
/** The part-timer's contracted day: six hours. */
const PART_TIME_MINUTES = 360;

/**
 * The demo's capacity (issue #14 point 2): one analyst on six-hour days, leave over the next Golden
 * Week and the next お盆 (public holidays inside them), and weekly plans on the demo engagements
 * for half a year — the analysts about seven hours a working day across their engagements (their
 * contracted day when shorter) — so the board shows planned against available hours.
 * The busy analyst's plan on the bank's engagement starts next month: the rest of this month is
 * the plan of the engagement awarded today, which takes the month near the 45 h limit.
 */
async function seedDemoCapacity(capacity: CapacityService, people: People, cases: readonly DemoTimeCase[], today: string) {
  const thisMonday = weekStartOf(today);
  const monthEnd = lastDayOfMonth(today);
  const userIdOf = async (email: string) => {
    const ctx = await people.ctx(email);
    return ctx.actor.kind === 'user' ? ctx.actor.userId : '';
  };
  // The provider of a case is its analysts' organisation; its admin (admin@ their domain) keeps their capacity.
  const adminOf = (email: string) => `admin@${email.split('@')[1] ?? ''}`;
  const orgOf = async (email: string) => {
    const ctx = await people.ctx(email);
    return ctx.actor.kind === 'user' ? ctx.actor.orgId : '';
  };
  const analysts = [...new Set(cases.flatMap((c) => c.provider.analysts))];
  const others = analysts.filter((a) => a !== DEMO_BUSY_ANALYST);
  const contracts = new Map<string, number>();
  const leave = new Map<string, { from: string; to: string; note: string }[]>();
  const partTimer = others[1] ?? others[0];
  if (partTimer) contracts.set(partTimer, PART_TIME_MINUTES);
  // Golden Week: the week of 昭和の日 (29 April) to 6 May.
  const { golden, obon } = demoHolidays(today);
  if (others[0]) leave.set(others[0], [{ from: weekStartOf(golden.from), to: golden.to, note: 'ゴールデンウィーク' }]);
  // busyCalendar assumes the busy analyst takes お盆 when no third analyst does.
  const obonTaker = others[2] ?? DEMO_BUSY_ANALYST;
  leave.set(obonTaker, [...(leave.get(obonTaker) ?? []), { from: obon.from, to: obon.to, note: 'お盆休み' }]);

  for (const [email, minutes] of contracts) {
    await capacity.saveContract(await people.ctx(adminOf(email)), await orgOf(email), await userIdOf(email), {
      contractedDailyMinutes: minutes,
      version: 0,
    });
  }
  for (const [email, list] of leave) {
    for (const l of list) await capacity.addLeave(await people.ctx(email), await orgOf(email), await userIdOf(email), l);
  }

  // Each person's engagements per provider: the plan of a day is shared among them.
  const engagementsOf = new Map<string, { email: string; org: string; admin: string; engagementIds: string[] }>();
  for (const c of cases) {
    const first = c.provider.analysts[0];
    if (!first) continue;
    const org = await orgOf(first);
    // The analysts are on the teams; the managers run them without a seat (no plan of their own).
    for (const email of c.provider.analysts) {
      const key = `${email}|${org}`;
      const row = engagementsOf.get(key) ?? { email, org, admin: adminOf(first), engagementIds: [] };
      row.engagementIds.push(c.engagementId);
      engagementsOf.set(key, row);
    }
  }
  for (const { email, org, admin, engagementIds } of engagementsOf.values()) {
    const contracted = contracts.get(email) ?? 480;
    const perDay = Math.min(420, contracted);
    const cal = { contractedDailyMinutes: contracted, leave: leave.get(email) ?? [], agreement: defaultAgreement };
    const weeks: string[] = [];
    for (let w = 0; w < PLAN_WEEKS; w++) {
      const week = addDays(thisMonday, 7 * w);
      if (email === DEMO_BUSY_ANALYST && week <= monthEnd) continue;
      weeks.push(week);
    }
    const planner = await people.ctx(admin);
    const userId = await userIdOf(email);
    for (const engagementId of engagementIds) {
      await capacity
        .plan(planner, org, userId, {
          engagementId,
          weeks: weeks
            .map((week) => {
              const a = weekAvailability(week, cal);
              return { week, minutes: Math.floor(((a.workingDays - a.leaveDays) * perDay) / engagementIds.length) };
            })
            .filter((w) => w.minutes > 0),
        })
        .catch((e: unknown) => {
          throw new Error(
            `The demo plan of ${email} on ${engagementId} failed: ${JSON.stringify((e as { issues?: unknown }).issues ?? String(e))}`,
          );
        });
    }
  }
}
