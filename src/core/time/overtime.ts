import { isJapaneseHoliday } from '../engagements/business-days.js';

/**
 * Overtime under the Labour Standards Act (労働基準法) and a provider's 36 agreement (36協定),
 * as a pure computation over a person's hours per day. Everything is in minutes.
 *
 * How a day counts (decision 0011):
 * - on a working day, the hours past the statutory 8 h are overtime (時間外労働);
 * - the legal day off of the week (法定休日, Sunday unless the agreement says otherwise) is
 *   holiday work (休日労働): outside the 45/360/720 h limits, inside the 100 h and 80 h ones;
 * - any other day off (Saturday, a public holiday) is overtime from the first minute, since the
 *   week's 40 h are already worked on the five working days.
 * `beyondContract` is what the person worked past their contracted hours, whatever the law says.
 */

const HOUR = 60;
const STATUTORY_DAY = 8 * HOUR;
/** The statutory working day (労基法 32条): past it, a working day's minutes are overtime. */
export const STATUTORY_DAY_MINUTES = STATUTORY_DAY;

export interface SpecialClause {
  /** A month's overtime plus holiday work must stay below this (100 h: 100 h itself breaks it). */
  monthlyTotalBelow: number;
  /** The average of overtime plus holiday work over any 2–6 consecutive months: at most this. */
  multiMonthAverageMax: number;
  /** How many months of one agreement year may have overtime over the monthly limit. */
  monthsOverMonthlyLimitMax: number;
  /** Overtime in one agreement year: at most this. */
  yearlyMax: number;
}

export interface OvertimeAgreement {
  /** Overtime in a month: at most this (45 h) — or, with the special clause, past it a few months a year. */
  monthlyLimit: number;
  /** Overtime in an agreement year: at most this (360 h) unless the special clause raises it. */
  yearlyLimit: number;
  specialClause: SpecialClause | null;
  /** The month (1–12) the agreement year starts in (起算日). */
  yearStartMonth: number;
  /** The weekday (0 = Sunday) that is the legal day off. */
  legalHolidayWeekday: number;
  /** A warning is raised at this share of a limit (0.8: at 36 h of 45 h). */
  warnAt: number;
}

export const defaultSpecialClause: SpecialClause = {
  monthlyTotalBelow: 100 * HOUR,
  multiMonthAverageMax: 80 * HOUR,
  monthsOverMonthlyLimitMax: 6,
  yearlyMax: 720 * HOUR,
};

export const defaultAgreement: OvertimeAgreement = {
  monthlyLimit: 45 * HOUR,
  yearlyLimit: 360 * HOUR,
  specialClause: null,
  yearStartMonth: 4,
  legalHolidayWeekday: 0,
  warnAt: 0.8,
};

/** The 100 h and 80 h rules bind every agreement (労基法 36条6項), special clause or not. */
const LEGAL_MONTHLY_TOTAL_BELOW = 100 * HOUR;
const LEGAL_AVERAGE_MAX = 80 * HOUR;

export type DayKind = 'working' | 'day_off' | 'legal_holiday';

export function dayKind(date: string, agreement: Pick<OvertimeAgreement, 'legalHolidayWeekday'>): DayKind {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === agreement.legalHolidayWeekday) return 'legal_holiday';
  if (weekday === 0 || weekday === 6 || isJapaneseHoliday(date)) return 'day_off';
  return 'working';
}

export interface DayHours {
  date: string;
  /** Logged and worked. */
  actualMinutes: number;
  /** Planned but not yet worked (the forecast adds it). */
  plannedMinutes: number;
}

export interface MonthLoad {
  /** YYYY-MM */
  month: string;
  workedMinutes: number;
  overtimeMinutes: number;
  holidayWorkMinutes: number;
  beyondContractMinutes: number;
}

export type OvertimeRule =
  | 'monthly_overtime'
  | 'yearly_overtime'
  | 'monthly_total'
  | 'multi_month_average'
  | 'months_over_monthly_limit'
  | 'special_yearly_overtime';

export interface OvertimeFinding {
  severity: 'breach' | 'warning';
  rule: OvertimeRule;
  /** The months the figure covers, YYYY-MM, inclusive. */
  from: string;
  to: string;
  /** The figure: minutes, or a count of months for `months_over_monthly_limit`. */
  value: number;
  limit: number;
  /** Whether the worked hours alone reach it, or only with the plan added. */
  basis: 'actual' | 'forecast';
}

export interface LoadReport {
  /** Worked hours, month by month. */
  actual: MonthLoad[];
  /** Worked plus planned hours, month by month. */
  forecast: MonthLoad[];
  findings: OvertimeFinding[];
}

const monthOf = (date: string) => date.slice(0, 7);

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The agreement year a month falls in, named by the month it starts. */
function agreementYearOf(month: string, startMonth: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const startYear = m >= startMonth ? y : y - 1;
  return `${startYear}-${String(startMonth).padStart(2, '0')}`;
}

/** Every month from the first day's to the last day's, a month without hours included with zeros. */
export function monthlyLoad(
  days: readonly { date: string; minutes: number }[],
  contractedDailyMinutes: number,
  agreement: OvertimeAgreement,
): MonthLoad[] {
  if (days.length === 0) return [];
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const first = monthOf(sorted[0]?.date ?? '');
  const last = monthOf(sorted.at(-1)?.date ?? '');
  const byMonth = new Map<string, MonthLoad>();
  for (let m = first; m <= last; m = nextMonth(m)) {
    byMonth.set(m, { month: m, workedMinutes: 0, overtimeMinutes: 0, holidayWorkMinutes: 0, beyondContractMinutes: 0 });
  }
  for (const { date, minutes } of sorted) {
    const load = byMonth.get(monthOf(date));
    if (!load) continue;
    const kind = dayKind(date, agreement);
    load.workedMinutes += minutes;
    if (kind === 'legal_holiday') load.holidayWorkMinutes += minutes;
    else if (kind === 'day_off') load.overtimeMinutes += minutes;
    else load.overtimeMinutes += Math.max(0, minutes - STATUTORY_DAY);
    load.beyondContractMinutes += kind === 'working' ? Math.max(0, minutes - contractedDailyMinutes) : minutes;
  }
  return [...byMonth.values()];
}

/** Compares a figure with a limit: a breach past it (or at it, when the limit must stay below), a warning from `warnAt` of it. */
function judge(value: number, limit: number, strict: boolean, warnAt: number): 'breach' | 'warning' | null {
  if (strict ? value >= limit : value > limit) return 'breach';
  return value >= limit * warnAt ? 'warning' : null;
}

/** What the rules read of a month. */
export type MonthOvertime = Pick<MonthLoad, 'month' | 'overtimeMinutes' | 'holidayWorkMinutes'>;

function findingsOf(months: readonly MonthOvertime[], agreement: OvertimeAgreement, basis: OvertimeFinding['basis']): OvertimeFinding[] {
  const found: OvertimeFinding[] = [];
  const clause = agreement.specialClause;
  const add = (rule: OvertimeRule, from: string, to: string, value: number, limit: number, strict = false) => {
    const severity = judge(value, limit, strict, agreement.warnAt);
    if (severity) found.push({ severity, rule, from, to, value, limit, basis });
  };
  const totalBelow = clause?.monthlyTotalBelow ?? LEGAL_MONTHLY_TOTAL_BELOW;
  const averageMax = clause?.multiMonthAverageMax ?? LEGAL_AVERAGE_MAX;

  for (const m of months) {
    // Without the special clause 45 h is the ceiling; with it, a month past 45 h is one of the few allowed.
    if (!clause) add('monthly_overtime', m.month, m.month, m.overtimeMinutes, agreement.monthlyLimit);
    add('monthly_total', m.month, m.month, m.overtimeMinutes + m.holidayWorkMinutes, totalBelow, true);
  }

  // Every window of 2–6 consecutive months ending in each month; reported once per window that breaks or nears the line.
  for (let end = 1; end < months.length; end++) {
    for (let span = 2; span <= 6 && end - span + 1 >= 0; span++) {
      const window = months.slice(end - span + 1, end + 1);
      const total = window.reduce((sum, m) => sum + m.overtimeMinutes + m.holidayWorkMinutes, 0);
      // Compared as total against limit × span, so the average needs no rounding.
      const severity = judge(total, averageMax * span, false, agreement.warnAt);
      if (severity) {
        found.push({
          severity,
          rule: 'multi_month_average',
          from: window[0]?.month ?? '',
          to: window.at(-1)?.month ?? '',
          value: Math.round(total / span),
          limit: averageMax,
          basis,
        });
      }
    }
  }

  const years = new Map<string, MonthOvertime[]>();
  for (const m of months) {
    const year = agreementYearOf(m.month, agreement.yearStartMonth);
    years.set(year, [...(years.get(year) ?? []), m]);
  }
  for (const yearMonths of years.values()) {
    const from = yearMonths[0]?.month ?? '';
    const to = yearMonths.at(-1)?.month ?? '';
    const overtime = yearMonths.reduce((sum, m) => sum + m.overtimeMinutes, 0);
    if (!clause) {
      add('yearly_overtime', from, to, overtime, agreement.yearlyLimit);
      continue;
    }
    add('special_yearly_overtime', from, to, overtime, clause.yearlyMax);
    const over = yearMonths.filter((m) => m.overtimeMinutes > agreement.monthlyLimit);
    if (over.length > clause.monthsOverMonthlyLimitMax) {
      // The first month past the allowance is where the breach is.
      found.push({
        severity: 'breach',
        rule: 'months_over_monthly_limit',
        from,
        to: over[clause.monthsOverMonthlyLimitMax]?.month ?? to,
        value: over.length,
        limit: clause.monthsOverMonthlyLimitMax,
        basis,
      });
    } else if (over.length === clause.monthsOverMonthlyLimitMax) {
      // The allowance is used up: one more month over the monthly limit breaks the agreement.
      found.push({
        severity: 'warning',
        rule: 'months_over_monthly_limit',
        from,
        to: over.at(-1)?.month ?? to,
        value: over.length,
        limit: clause.monthsOverMonthlyLimitMax,
        basis,
      });
    }
  }
  return found;
}

const findingKey = (f: OvertimeFinding) => `${f.rule}|${f.from}|${f.to}`;

/**
 * A person's load: overtime and holiday work per month on the worked hours and on the worked plus
 * planned hours, and what breaks or nears a limit. A finding the worked hours already reach is
 * `actual`; one only the plan brings about (or worsens from a warning to a breach) is `forecast`.
 */
export function overtimeReport(days: readonly DayHours[], contractedDailyMinutes: number, agreement: OvertimeAgreement): LoadReport {
  const actual = monthlyLoad(
    days.map((d) => ({ date: d.date, minutes: d.actualMinutes })),
    contractedDailyMinutes,
    agreement,
  );
  const forecast = monthlyLoad(
    days.map((d) => ({ date: d.date, minutes: d.actualMinutes + d.plannedMinutes })),
    contractedDailyMinutes,
    agreement,
  );
  return { actual, forecast, findings: overtimeFindings(actual, forecast, agreement) };
}

/** The findings of `overtimeReport` from the months alone (every month of the range, in order, on both bases). */
export function overtimeFindings(
  actual: readonly MonthOvertime[],
  forecast: readonly MonthOvertime[],
  agreement: OvertimeAgreement,
): OvertimeFinding[] {
  const actualFindings = findingsOf(actual, agreement, 'actual');
  const seen = new Map(actualFindings.map((f) => [findingKey(f), f]));
  const forecastOnly = findingsOf(forecast, agreement, 'forecast').filter((f) => {
    const known = seen.get(findingKey(f));
    return !known || (known.severity === 'warning' && f.severity === 'breach');
  });
  return [...actualFindings, ...forecastOnly];
}
