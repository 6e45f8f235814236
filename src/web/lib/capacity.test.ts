import { describe, expect, it } from 'vitest';
import { bandOf, hoursOf, mondayOf, planWeeks, summariseWarnings } from './capacity';

describe('capacity helpers', () => {
  it('names weeks by their Monday', () => {
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
    expect(mondayOf('2026-12-07')).toBe('2026-12-07');
  });

  it('plans every week from this one to the week of the end date', () => {
    expect(planWeeks('2026-06-03', '2026-06-29', 60).map((w) => w.week)).toEqual([
      '2026-06-01',
      '2026-06-08',
      '2026-06-15',
      '2026-06-22',
      '2026-06-29',
    ]);
    expect(planWeeks('2026-06-03', '2026-05-29', 60)).toEqual([]);
  });

  it('bands utilisation at its boundaries', () => {
    expect([0.4999, 0.5, 0.8499, 0.85, 1, 1.0001].map((u) => bandOf(u, 1))).toEqual(['low', 'normal', 'normal', 'high', 'high', 'over']);
    expect([bandOf(null, 0), bandOf(null, 60)]).toEqual(['none', 'over']);
    expect(hoursOf(90)).toBe('1.5');
  });
});

describe('summariseWarnings', () => {
  const w = (rule: 'monthly_overtime' | 'monthly_total', severity: 'breach' | 'warning', to: string, forecast: number) => ({
    code: 'load_warning' as const,
    severity,
    rule,
    from: to,
    to,
    forecast,
    before: 0,
    limit: rule === 'monthly_total' ? 6000 : 2700,
    legalMaximum: rule === 'monthly_total',
  });

  it('one line per rule and severity: first month, how many, the worst; breaches first', () => {
    const lines = summariseWarnings([
      w('monthly_overtime', 'warning', '2027-03', 2300),
      w('monthly_overtime', 'breach', '2027-01', 3000),
      w('monthly_total', 'breach', '2027-02', 6500),
      w('monthly_overtime', 'breach', '2026-12', 4100),
      w('monthly_total', 'breach', '2027-01', 7200),
      w('monthly_overtime', 'breach', '2027-02', 3900),
    ]);
    expect(lines.map((l) => [l.severity, l.rule, l.first, l.count, l.worst.to, l.worst.forecast])).toEqual([
      ['breach', 'monthly_overtime', '2026-12', 3, '2026-12', 4100],
      ['breach', 'monthly_total', '2027-01', 2, '2027-01', 7200],
      ['warning', 'monthly_overtime', '2027-03', 1, '2027-03', 2300],
    ]);
  });

  it('counts months, not windows: several 2–6-month averages judged in one month are one month', () => {
    const avg = (from: string, to: string, forecast: number) => ({
      ...w('monthly_total', 'breach', to, forecast),
      rule: 'multi_month_average' as const,
      from,
    });
    const [line] = summariseWarnings([avg('2027-01', '2027-02', 5000), avg('2026-12', '2027-02', 5200), avg('2027-02', '2027-03', 4900)]);
    expect([line?.count, line?.first, line?.worst.from]).toEqual([2, '2027-02', '2026-12']);
  });

  it('nothing to say for no warnings', () => {
    expect(summariseWarnings([])).toEqual([]);
  });
});
