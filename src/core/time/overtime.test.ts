import { describe, expect, it } from 'vitest';
import {
  type DayHours,
  dayKind,
  defaultAgreement,
  defaultSpecialClause,
  monthlyLoad,
  type OvertimeAgreement,
  type OvertimeFinding,
  overtimeReport,
} from './overtime.js';

const H = 60;
const noClause: OvertimeAgreement = { ...defaultAgreement, yearStartMonth: 1 };
const withClause: OvertimeAgreement = { ...noClause, specialClause: defaultSpecialClause };

function datesOf(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** A month of 8 h working days, with `overtime` minutes spread over them and `holiday` minutes over its Sundays. */
function month(ym: string, overtime: number, holiday = 0, planned = 0): DayHours[] {
  const dates = datesOf(ym);
  const working = dates.filter((d) => dayKind(d, noClause) === 'working');
  const sundays = dates.filter((d) => dayKind(d, noClause) === 'legal_holiday');
  const share = (total: number, i: number, n: number) => Math.floor(total / n) + (i < total % n ? 1 : 0);
  return [
    ...working.map((date, i) => ({
      date,
      actualMinutes: 8 * H + share(overtime, i, working.length),
      plannedMinutes: share(planned, i, working.length),
    })),
    ...sundays.map((date, i) => ({ date, actualMinutes: share(holiday, i, sundays.length), plannedMinutes: 0 })),
  ];
}

const months = (from: number, overtimeByMonth: number[], year = 2026): DayHours[] =>
  overtimeByMonth.flatMap((ot, i) => month(`${year}-${String(from + i).padStart(2, '0')}`, ot));

const of = (findings: OvertimeFinding[], rule: OvertimeFinding['rule']) => findings.filter((f) => f.rule === rule);

describe('the working calendar', () => {
  it('tells working days, days off (Saturdays, public holidays) and the legal day off (Sunday) apart', () => {
    expect(dayKind('2026-06-01', noClause)).toBe('working'); // Monday
    expect(dayKind('2026-06-06', noClause)).toBe('day_off'); // Saturday
    expect(dayKind('2026-06-07', noClause)).toBe('legal_holiday'); // Sunday
    expect(dayKind('2026-01-01', noClause)).toBe('day_off'); // 元日, a Thursday
    expect(dayKind('2026-05-04', noClause)).toBe('day_off'); // みどりの日, a Monday
    expect(dayKind('2026-06-06', { legalHolidayWeekday: 6 })).toBe('legal_holiday');
  });

  it('counts past 8 h on a working day, all of a day off as overtime, and the legal day off as holiday work', () => {
    const [june] = monthlyLoad(
      [
        { date: '2026-06-01', minutes: 9 * H }, // working: 1 h over
        { date: '2026-06-02', minutes: 7 * H }, // working, short: nothing
        { date: '2026-06-06', minutes: 3 * H }, // Saturday: all overtime
        { date: '2026-06-07', minutes: 2 * H }, // Sunday: holiday work
      ],
      7 * H,
      noClause,
    );
    expect(june).toEqual({
      month: '2026-06',
      workedMinutes: 21 * H,
      overtimeMinutes: 4 * H,
      holidayWorkMinutes: 2 * H,
      beyondContractMinutes: 7 * H,
    });
  });

  it('includes a month without hours between two with hours', () => {
    const load = monthlyLoad(
      [
        { date: '2026-01-05', minutes: 8 * H },
        { date: '2026-03-02', minutes: 8 * H },
      ],
      8 * H,
      noClause,
    );
    expect(load.map((m) => [m.month, m.workedMinutes])).toEqual([
      ['2026-01', 8 * H],
      ['2026-02', 0],
      ['2026-03', 8 * H],
    ]);
  });
});

describe('45 h a month (no special clause)', () => {
  const monthly = (overtime: number) => of(overtimeReport(month('2026-06', overtime), 8 * H, noClause).findings, 'monthly_overtime');

  it('is silent below 80 % of the limit and warns from there', () => {
    expect(monthly(36 * H - 1)).toEqual([]);
    expect(monthly(36 * H)).toMatchObject([{ severity: 'warning', from: '2026-06', to: '2026-06', value: 36 * H, limit: 45 * H }]);
  });

  it('allows 45 h exactly and breaks at one minute more', () => {
    expect(monthly(45 * H).map((f) => f.severity)).toEqual(['warning']);
    expect(monthly(45 * H + 1)).toMatchObject([{ severity: 'breach', value: 45 * H + 1, limit: 45 * H, basis: 'actual' }]);
  });

  it('leaves holiday work out of the 45 h', () => {
    const report = overtimeReport(month('2026-06', 30 * H, 20 * H), 8 * H, noClause);
    expect(of(report.findings, 'monthly_overtime')).toEqual([]);
  });
});

describe('under 100 h a month, holiday work included', () => {
  const total = (overtime: number, holiday: number) =>
    of(overtimeReport(month('2026-06', overtime, holiday), 8 * H, withClause).findings, 'monthly_total');

  it('warns at 80 h and breaks at 100 h exactly (the limit is "less than")', () => {
    expect(total(80 * H - 1, 0)).toEqual([]);
    expect(total(80 * H, 0).map((f) => f.severity)).toEqual(['warning']);
    expect(total(100 * H - 1, 0).map((f) => f.severity)).toEqual(['warning']);
    expect(total(100 * H, 0)).toMatchObject([{ severity: 'breach', value: 100 * H, limit: 100 * H }]);
  });

  it('counts holiday work toward it', () => {
    expect(total(60 * H, 40 * H - 1).map((f) => f.severity)).toEqual(['warning']);
    expect(total(60 * H, 40 * H).map((f) => f.severity)).toEqual(['breach']);
  });

  it('binds an agreement without the special clause too', () => {
    const report = overtimeReport(month('2026-06', 45 * H, 55 * H), 8 * H, noClause);
    expect(of(report.findings, 'monthly_total').map((f) => f.severity)).toEqual(['breach']);
  });
});

describe('an average of at most 80 h over any 2–6 consecutive months', () => {
  const breaches = (days: DayHours[]) =>
    of(overtimeReport(days, 8 * H, withClause).findings, 'multi_month_average')
      .filter((f) => f.severity === 'breach')
      .map((f) => `${f.from}..${f.to}`);

  it('allows two months at 80 h exactly and breaks at one minute more', () => {
    expect(breaches(months(6, [80 * H, 80 * H]))).toEqual([]);
    expect(breaches(months(6, [80 * H, 80 * H + 2]))).toEqual(['2026-06..2026-07']);
  });

  it('catches a three-month average over 80 h when every two-month average is within it', () => {
    // 99 + 61 = 160 (80 on average), 61 + 99 = 160, but 99 + 61 + 99 = 259 (86.3 on average).
    const days = months(6, [99 * H, 61 * H, 99 * H]);
    expect(breaches(days)).toEqual(['2026-06..2026-08']);
    const [finding] = of(overtimeReport(days, 8 * H, withClause).findings, 'multi_month_average').filter((f) => f.severity === 'breach');
    expect(finding).toMatchObject({ value: Math.round((259 * H) / 3), limit: 80 * H });
  });

  it('looks back up to six months and no further', () => {
    // Seven months at 80 h with a minute more in the fourth: every window of 2–6 months holding it breaks.
    const overtime = [80, 80, 80, 80, 80, 80, 80].map((h, i) => h * H + (i === 3 ? 6 : 0));
    const found = breaches(months(1, overtime));
    expect(found).toContain('2026-01..2026-06');
    expect(found).toContain('2026-02..2026-07');
    expect(found).toContain('2026-04..2026-05');
    expect(found).not.toContain('2026-01..2026-07');
    expect(found).not.toContain('2026-05..2026-06');
    expect(found).not.toContain('2026-01..2026-03');
  });

  it('counts holiday work toward the average', () => {
    const days = [...month('2026-06', 70 * H, 10 * H), ...month('2026-07', 70 * H, 10 * H + 2)];
    expect(breaches(days)).toEqual(['2026-06..2026-07']);
  });
});

describe('at most six months a year over 45 h (special clause)', () => {
  const overMonths = (count: number) => {
    const overtime = Array.from({ length: 12 }, (_, i) => (i < count ? 46 * H : 45 * H));
    return of(overtimeReport(months(1, overtime), 8 * H, withClause).findings, 'months_over_monthly_limit');
  };

  it('warns when the sixth month over 45 h uses up the allowance', () => {
    expect(overMonths(5)).toEqual([]);
    expect(overMonths(6)).toMatchObject([{ severity: 'warning', to: '2026-06', value: 6, limit: 6 }]);
  });

  it('breaks at the seventh month over 45 h, and names it', () => {
    expect(overMonths(7)).toMatchObject([{ severity: 'breach', from: '2026-01', to: '2026-07', value: 7, limit: 6 }]);
  });

  it('does not count a month at 45 h exactly', () => {
    expect(overMonths(0)).toEqual([]);
  });

  it('starts counting afresh in a new agreement year', () => {
    const aprilStart: OvertimeAgreement = { ...withClause, yearStartMonth: 4 };
    // Jan–Mar belong to the year that began last April; Apr–Jul to the next.
    const report = overtimeReport(
      months(
        1,
        [46, 46, 46, 46, 46, 46, 46].map((h) => h * H),
      ),
      8 * H,
      aprilStart,
    );
    expect(of(report.findings, 'months_over_monthly_limit')).toEqual([]);
  });
});

describe('360 h a year without the special clause, 720 h with it', () => {
  it('allows 360 h exactly and breaks at one minute more', () => {
    const year = (extra: number) =>
      of(
        overtimeReport(
          months(
            1,
            Array.from({ length: 12 }, (_, i) => 30 * H + (i === 11 ? extra : 0)),
          ),
          8 * H,
          noClause,
        ).findings,
        'yearly_overtime',
      );
    expect(year(0)).toMatchObject([{ severity: 'warning', from: '2026-01', to: '2026-12', value: 360 * H, limit: 360 * H }]);
    expect(year(1)).toMatchObject([{ severity: 'breach', value: 360 * H + 1 }]);
  });

  it('warns on the way: 288 h (80 %) in the first ten months', () => {
    const found = of(
      overtimeReport(
        months(
          1,
          Array.from({ length: 10 }, () => 28.8 * H),
        ),
        8 * H,
        noClause,
      ).findings,
      'yearly_overtime',
    );
    expect(found).toMatchObject([{ severity: 'warning', value: 288 * H }]);
  });

  it('allows 720 h exactly under the special clause and breaks at one minute more', () => {
    const year = (extra: number) =>
      of(
        overtimeReport(
          months(
            1,
            Array.from({ length: 12 }, (_, i) => 60 * H + (i === 11 ? extra : 0)),
          ),
          8 * H,
          withClause,
        ).findings,
        'special_yearly_overtime',
      );
    expect(year(0).map((f) => f.severity)).toEqual(['warning']);
    expect(year(1)).toMatchObject([{ severity: 'breach', value: 720 * H + 1, limit: 720 * H }]);
  });

  it('does not hold a year with the special clause to 360 h', () => {
    const report = overtimeReport(
      months(
        1,
        Array.from({ length: 12 }, () => 40 * H),
      ),
      8 * H,
      withClause,
    );
    expect(of(report.findings, 'yearly_overtime')).toEqual([]);
  });
});

describe('the forecast', () => {
  it('adds the plan and marks what only the plan brings about', () => {
    const days = month('2026-06', 40 * H, 0, 6 * H);
    const report = overtimeReport(days, 8 * H, noClause);
    expect(report.actual[0]?.overtimeMinutes).toBe(40 * H);
    expect(report.forecast[0]?.overtimeMinutes).toBe(46 * H);
    expect(of(report.findings, 'monthly_overtime')).toMatchObject([
      { severity: 'warning', basis: 'actual', value: 40 * H },
      { severity: 'breach', basis: 'forecast', value: 46 * H },
    ]);
  });

  it('does not repeat a finding the worked hours already reach', () => {
    const report = overtimeReport(month('2026-06', 46 * H, 0, 1 * H), 8 * H, noClause);
    expect(of(report.findings, 'monthly_overtime')).toMatchObject([{ severity: 'breach', basis: 'actual' }]);
  });
});
