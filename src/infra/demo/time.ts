import type { RequestContext } from '../../core/access/actor.js';
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
 * (analyst2, on the bank's time-and-materials engagement) works long days, so their month is near
 * the 45 h overtime limit and the rest of this month's plan takes them to it: the warning shows.
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

export async function seedDemoTime(time: TimeService, people: People, cases: readonly DemoTimeCase[], today: string): Promise<void> {
  if (cases.length === 0) return;
  const thisMonday = weekStartOf(today);
  const firstMonday = addDays(thisMonday, -7 * WEEKS);
  const monthEnd = (() => {
    const [y, m] = today.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  })();
  const working = (date: string) => dayKind(date, defaultAgreement) === 'working';
  const days = (from: string, to: string) => {
    const out: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
    return out;
  };
  const past = days(firstMonday, addDays(today, -1)).filter(working);

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
      // The busy analyst's plan runs to the month's end: hours dated after today are the forecast.
      const dates = busy ? [...past, ...days(today, monthEnd).filter(working)] : past;
      for (const date of dates) {
        const month = date.slice(0, 7);
        const used = overtimeOf.get(month) ?? 0;
        const extra = busy ? Math.min(120, BUSY_MONTH_OVERTIME - used) : r.between(0, 2) * 15;
        overtimeOf.set(month, used + extra);
        const meeting = r.between(1, 2) * 30;
        const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
        add(analyst, c.engagementId, {
          date,
          category: analystWork[(weekday + 4) % analystWork.length] ?? 'research',
          minutes: 480 + extra - meeting,
          note: date > today ? '予定' : '',
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
}
