import {
  type DayHours,
  type DayKind,
  dayKind,
  defaultSpecialClause,
  type LoadReport,
  type MonthOvertime,
  monthlyLoad,
  type OvertimeAgreement,
  type OvertimeFinding,
  type OvertimeRule,
  overtimeFindings,
  overtimeReport,
} from './overtime.js';
import { addDays, addMonths, lastDayOf, weekDates } from './weeks.js';

/**
 * Capacity (issue #14 point 2; decision 0011, addendum): a provider person's available hours per
 * ISO week (working days — weekdays that are not Japanese public holidays — minus leave, times
 * their contracted daily hours), the hours planned for them, and what a change of plan does to
 * their overtime against the 36 agreement and the legal maxima. Pure: dates in, figures out.
 */

/** Several due dates in one week are a cluster (strain signal, issue #14 point 3). */
export const DEADLINE_CLUSTER = 2;
/** A week holds 168 hours. */
export const MAX_WEEK_MINUTES = 168 * 60;

export interface DateRange {
  from: string;
  to: string;
}

export interface Calendar {
  contractedDailyMinutes: number;
  leave: readonly DateRange[];
  agreement: Pick<OvertimeAgreement, 'legalHolidayWeekday'>;
}

const onLeave = (date: string, leave: readonly DateRange[]) => leave.length > 0 && leave.some((l) => l.from <= date && date <= l.to);

// The board asks the same calendar questions for every person: the answers are kept (a few thousand dates at most).
const CACHE_LIMIT = 20_000;
const kinds = new Map<string, DayKind>();
const weeksDates = new Map<string, readonly string[]>();
const ranges = new Map<string, readonly string[]>();
function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const known = cache.get(key);
  if (known !== undefined) return known;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const value = make();
  cache.set(key, value);
  return value;
}
const kindOf = (date: string, cal: Calendar) =>
  remember(kinds, `${date}|${cal.agreement.legalHolidayWeekday}`, () => dayKind(date, cal.agreement));
const datesOfWeek = (week: string) => remember(weeksDates, week, () => weekDates(week));
/** Every date from–to inclusive. */
const datesBetween = (from: string, to: string) =>
  remember(ranges, `${from}|${to}`, () => {
    const out: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
    return out;
  });

/** A day the person is expected to work: a working day (no weekend, no public holiday) not on leave. */
export function isAvailableDay(date: string, cal: Calendar): boolean {
  return kindOf(date, cal) === 'working' && !onLeave(date, cal.leave);
}

export interface WeekAvailability {
  week: string;
  /** Working days of the week (public holidays and weekends excluded). */
  workingDays: number;
  /** Working days taken as leave. */
  leaveDays: number;
  availableMinutes: number;
}

export function weekAvailability(week: string, cal: Calendar): WeekAvailability {
  let workingDays = 0;
  let leaveDays = 0;
  for (const date of datesOfWeek(week)) {
    if (kindOf(date, cal) !== 'working') continue;
    workingDays++;
    if (onLeave(date, cal.leave)) leaveDays++;
  }
  return { week, workingDays, leaveDays, availableMinutes: (workingDays - leaveDays) * cal.contractedDailyMinutes };
}

/** The first leave that shares a day with the candidate, if any (ranges are inclusive). */
export function overlappingLeave<T extends DateRange>(existing: readonly T[], candidate: DateRange): T | undefined {
  return existing.find((l) => l.from <= candidate.to && candidate.from <= l.to);
}

/**
 * A week's planned minutes spread over the days the person is available, evenly, the odd minutes
 * on the first days. A week with no such day (all leave or holidays) spreads over its working
 * days, and one without those over Monday to Friday: planned hours are never lost.
 */
export function spreadWeek(week: string, minutes: number, cal: Calendar): { date: string; minutes: number }[] {
  const dates = datesOfWeek(week);
  let days = dates.filter((d) => isAvailableDay(d, cal));
  if (days.length === 0) days = dates.filter((d) => kindOf(d, cal) === 'working');
  if (days.length === 0) days = dates.slice(0, 5);
  const base = Math.floor(minutes / days.length);
  const rest = minutes - base * days.length;
  return days.map((date, i) => ({ date, minutes: base + (i < rest ? 1 : 0) }));
}

/**
 * A person's days for the overtime rules: the hours logged up to today are the actual; after
 * today, the plan (allocations spread over the week's available days, plus anything logged ahead)
 * is the forecast. Every day from–to is present, so months without hours are reported too.
 */
export function personDays(args: {
  from: string;
  to: string;
  today: string;
  logged: readonly { date: string; minutes: number }[];
  planned: readonly { week: string; minutes: number }[];
  cal: Calendar;
}): DayHours[] {
  const byDay = new Map<string, DayHours>();
  for (const d of datesBetween(args.from, args.to)) byDay.set(d, { date: d, actualMinutes: 0, plannedMinutes: 0 });
  for (const x of args.logged) {
    const day = byDay.get(x.date);
    if (!day) continue;
    if (x.date > args.today) day.plannedMinutes += x.minutes;
    else day.actualMinutes += x.minutes;
  }
  for (const w of args.planned) {
    for (const part of spreadWeek(w.week, w.minutes, args.cal)) {
      const day = byDay.get(part.date);
      if (day && part.date > args.today) day.plannedMinutes += part.minutes;
    }
  }
  return [...byDay.values()];
}

/** The months the overtime rules must see to judge months from–to: the agreement year of the first, five months before it for the averages, to the end of the last month's agreement year. */
export function loadWindow(fromMonth: string, toMonth: string, yearStartMonth: number): DateRange {
  const back = (Number(fromMonth.slice(5)) - yearStartMonth + 12) % 12;
  const start = [addMonths(fromMonth, -back), addMonths(fromMonth, -5)].sort()[0] ?? fromMonth;
  const forward = (yearStartMonth - 1 - Number(toMonth.slice(5)) + 12) % 12;
  return { from: `${start}-01`, to: lastDayOf(addMonths(toMonth, forward)) };
}

/** The rules that are the law's maxima (労基法 36条6項 and the special clause's ceiling): crossing one blocks an assignment. */
export const legalRules: readonly OvertimeRule[] = ['monthly_total', 'multi_month_average', 'special_yearly_overtime'];

/** The legal maxima as an agreement: 100 h a month with holiday work, 80 h on average over 2–6 months, 720 h a year. */
export const legalAgreement = (a: OvertimeAgreement): OvertimeAgreement => ({ ...a, specialClause: defaultSpecialClause });

export interface LoadWarning {
  severity: 'breach' | 'warning';
  rule: OvertimeRule;
  /** The months the figure covers (YYYY-MM, inclusive); `to` is the month it is judged in. */
  from: string;
  to: string;
  /** Minutes — or months for `months_over_monthly_limit` — with the change. */
  forecast: number;
  /** The same figure before the change. */
  before: number;
  limit: number;
  /** A legal maximum (100 h, 80 h average, 720 h): crossing it blocks unless the provider admin overrides. */
  legalMaximum: boolean;
}

const keyOf = (f: OvertimeFinding) => `${f.rule}|${f.from}|${f.to}`;
const rank = (s: OvertimeFinding['severity']) => (s === 'breach' ? 2 : 1);

/** What a change does: each finding the change brings about, makes worse (a higher figure or a warning turned breach), and which of them cross a legal maximum. */
export function loadEffect(
  days: { before: readonly DayHours[]; after: readonly DayHours[] },
  contractedDailyMinutes: number,
  agreement: OvertimeAgreement,
): { warnings: LoadWarning[]; legalBreaches: LoadWarning[]; after: LoadReport } {
  const judge = (a: OvertimeAgreement) => ({
    before: overtimeReport(days.before, contractedDailyMinutes, a),
    after: overtimeReport(days.after, contractedDailyMinutes, a),
  });
  const changed = (before: LoadReport, after: LoadReport, legal: boolean): LoadWarning[] => {
    const known = new Map(before.findings.map((f) => [keyOf(f), f]));
    const out = new Map<string, LoadWarning>();
    for (const f of after.findings) {
      if (legal && (f.severity !== 'breach' || !legalRules.includes(f.rule))) continue;
      const was = known.get(keyOf(f));
      if (was && was.value >= f.value && rank(was.severity) >= rank(f.severity)) continue;
      const key = keyOf(f);
      const prior = out.get(key);
      // A finding on the actual hours and one on the forecast may share a key: the forecast's is the one to show.
      if (prior && prior.forecast >= f.value) continue;
      out.set(key, {
        severity: f.severity,
        rule: f.rule,
        from: f.from,
        to: f.to,
        forecast: f.value,
        before: was?.value ?? 0,
        limit: f.limit,
        legalMaximum: legal,
      });
    }
    return [...out.values()];
  };
  const own = judge(agreement);
  const legal = judge(legalAgreement(agreement));
  const legalBreaches = changed(legal.before, legal.after, true);
  const legalKeys = new Set(legalBreaches.map((w) => `${w.rule}|${w.from}|${w.to}`));
  const warnings = changed(own.before, own.after, false).map((w) =>
    legalKeys.has(`${w.rule}|${w.from}|${w.to}`) ? { ...w, legalMaximum: true } : w,
  );
  // A legal maximum the provider's own agreement does not state (it may allow more, on paper) is still a warning.
  for (const b of legalBreaches) {
    if (!warnings.some((w) => w.rule === b.rule && w.from === b.from && w.to === b.to)) warnings.push(b);
  }
  return { warnings, legalBreaches, after: own.after };
}

export interface BoardCellInput {
  week: string;
  plannedMinutes: number;
  actualMinutes: number;
  deadlines: number;
}

export const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

/** The worst finding that covers a month, if any. */
export function severityIn(findings: readonly OvertimeFinding[], month: string): 'breach' | 'warning' | null {
  let worst: 'breach' | 'warning' | null = null;
  for (const f of findings) {
    if (f.from > month || f.to < month) continue;
    if (f.severity === 'breach') return 'breach';
    worst = 'warning';
  }
  return worst;
}

/** The days from–to that are not working days, with their kind (what the database sums logged hours by). */
export function nonWorkingDays(
  range: DateRange,
  agreement: Pick<OvertimeAgreement, 'legalHolidayWeekday'>,
): { date: string; kind: Exclude<DayKind, 'working'> }[] {
  const out: { date: string; kind: Exclude<DayKind, 'working'> }[] = [];
  for (const date of datesBetween(range.from, range.to)) {
    const kind = dayKind(date, agreement);
    if (kind !== 'working') out.push({ date, kind });
  }
  return out;
}

/**
 * The board's overtime for one person without every day's hours: the months' overtime and holiday
 * work of the days up to today (summed per month by the database with `nonWorkingDays`) and the
 * days after today (logged ahead, plus the plan). The months and findings are those of
 * `overtimeReport(personDays(...))` over from–to: a day's overtime depends on that day alone, and
 * a day up to today has no plan, so the past adds up by month.
 */
export function boardOvertime(args: {
  from: string;
  to: string;
  today: string;
  past: readonly MonthOvertime[];
  loggedAhead: readonly { date: string; minutes: number }[];
  planned: readonly { week: string; minutes: number }[];
  cal: Calendar;
  agreement: OvertimeAgreement;
}): { forecast: MonthOvertime[]; findings: OvertimeFinding[] } {
  const months = new Map<string, { actual: MonthOvertime; forecast: MonthOvertime }>();
  for (let m = args.from.slice(0, 7); m <= args.to.slice(0, 7); m = addMonths(m, 1)) {
    months.set(m, {
      actual: { month: m, overtimeMinutes: 0, holidayWorkMinutes: 0 },
      forecast: { month: m, overtimeMinutes: 0, holidayWorkMinutes: 0 },
    });
  }
  const add = (into: MonthOvertime, m: MonthOvertime) => {
    into.overtimeMinutes += m.overtimeMinutes;
    into.holidayWorkMinutes += m.holidayWorkMinutes;
  };
  for (const m of args.past) {
    const row = months.get(m.month);
    if (!row) continue;
    add(row.actual, m);
    add(row.forecast, m);
  }
  const firstAhead = addDays(args.today, 1);
  if (firstAhead <= args.to) {
    const ahead = personDays({
      from: [firstAhead, args.from].sort()[1] ?? firstAhead,
      to: args.to,
      today: args.today,
      logged: args.loggedAhead,
      planned: args.planned,
      cal: args.cal,
    });
    const load = monthlyLoad(
      ahead.map((d) => ({ date: d.date, minutes: d.actualMinutes + d.plannedMinutes })),
      args.cal.contractedDailyMinutes,
      args.agreement,
    );
    for (const m of load) {
      const row = months.get(m.month);
      if (row) add(row.forecast, m);
    }
  }
  const rows = [...months.values()];
  return {
    forecast: rows.map((r) => r.forecast),
    findings: overtimeFindings(
      rows.map((r) => r.actual),
      rows.map((r) => r.forecast),
      args.agreement,
    ),
  };
}

export type { DayKind };

/** Rows grouped by the person they belong to, in their order. */
export function groupByUser<T extends { userId: string }>(xs: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const list = m.get(x.userId);
    if (list) list.push(x);
    else m.set(x.userId, [x]);
  }
  return m;
}
