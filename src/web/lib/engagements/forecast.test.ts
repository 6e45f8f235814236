import { describe, expect, it } from 'vitest';
import type { ControlFigures, SlaBreach } from '../../../shared/contracts/engagements';
import { breachesByKind, budgetRows, cycleRows, sortedBreaches } from './controlData';
import { daysBetween, durationParts, forecastLayout, timeAxis, tokyoDate } from './forecast';

describe('the forecast on a time axis', () => {
  const forecast = {
    method: 'milestone-slip-quantiles' as const,
    plannedEnd: '2027-03-31',
    p10: '2027-03-31',
    p50: '2027-04-10',
    p90: '2027-04-30',
    basedOnMilestones: 2,
  };

  it('places every date between 0 and 1, in order, with room at both ends', () => {
    const layout = forecastLayout(forecast, '2027-02-01');
    const { at } = layout;
    expect(at.today).toBeGreaterThan(0);
    expect(at.p90).toBeLessThan(1);
    expect(at.today).toBeLessThan(at.plannedEnd);
    expect(at.plannedEnd).toBe(at.p10);
    expect(at.p10).toBeLessThan(at.p50);
    expect(at.p50).toBeLessThan(at.p90);
    expect(layout.slipDays).toBe(10);
    expect(layout.axisStart < '2027-02-01').toBe(true);
    expect(layout.axisEnd > '2027-04-30').toBe(true);
  });

  it('copes with every date being the same day', () => {
    const same = { ...forecast, p10: '2027-03-31', p50: '2027-03-31', p90: '2027-03-31' };
    const { at, slipDays } = forecastLayout(same, '2027-03-31');
    expect(at.p50).toBeCloseTo(0.5);
    expect(slipDays).toBe(0);
  });

  it('counts calendar days and reads times as Japanese days', () => {
    expect(daysBetween('2027-03-31', '2027-04-02')).toBe(2);
    expect(daysBetween('2027-04-02', '2027-03-31')).toBe(-2);
    // 16:00 UTC is already the next day in Tokyo.
    expect(tokyoDate('2027-03-31T16:00:00.000Z')).toBe('2027-04-01');
    expect(tokyoDate('2027-03-31T14:59:00.000Z')).toBe('2027-03-31');
  });

  it('says short durations in hours, long ones in days', () => {
    expect(durationParts(5.25)).toEqual({ unit: 'hours', value: 5.3 });
    expect(durationParts(72)).toEqual({ unit: 'days', value: 3 });
  });
});

const breach = (over: Partial<SlaBreach>): SlaBreach => ({
  kind: 'update',
  side: 'provider',
  subjectId: 's',
  label: 'status update',
  dueAt: '2027-01-08T00:00:00.000Z',
  resolvedAt: null,
  lateHours: 24,
  ...over,
});

describe('control figures as chart rows', () => {
  it('counts breaches by kind and side, and the open ones', () => {
    const rows = breachesByKind([
      breach({}),
      breach({ subjectId: 't', resolvedAt: '2027-01-09T00:00:00.000Z' }),
      breach({ kind: 'answer', side: 'client' }),
    ]);
    expect(rows).toEqual([
      { kind: 'update', client: 0, provider: 2, open: 1 },
      { kind: 'answer', client: 1, provider: 0, open: 1 },
      { kind: 'review', client: 0, provider: 0, open: 0 },
    ]);
  });

  it('lists open breaches first, the longest first', () => {
    const sorted = sortedBreaches([
      breach({ subjectId: 'a', resolvedAt: '2027-01-09T00:00:00.000Z', lateHours: 100 }),
      breach({ subjectId: 'b', lateHours: 5 }),
      breach({ subjectId: 'c', lateHours: 50 }),
    ]);
    expect(sorted.map((b) => b.subjectId)).toEqual(['c', 'b', 'a']);
  });

  it('charts only the cycle times that have been measured', () => {
    const none = { count: 0, medianHours: null, p90Hours: null };
    const cycles: ControlFigures['cycleTimes'] = {
      review: { count: 3, medianHours: 20, p90Hours: 40 },
      clientAnswers: none,
      providerAnswers: { count: 1, medianHours: 4, p90Hours: 4 },
    };
    expect(cycleRows(cycles)).toEqual([
      { key: 'review', median: 20, p90: 40, count: 3 },
      { key: 'providerAnswers', median: 4, p90: 4, count: 1 },
    ]);
  });

  it('shows the budget only when the viewer may see it', () => {
    const yen = (amount: number) => ({ amount, currency: 'JPY' });
    const figures = { budget: null, committed: yen(3_000_000), earned: yen(900_000), burnPct: 30, forecastAtCompletion: yen(3_000_000) };
    expect(budgetRows(figures).map((r) => r.key)).toEqual(['committed', 'forecastAtCompletion', 'earned']);
    expect(budgetRows({ ...figures, budget: yen(4_000_000) })[0]).toEqual({ key: 'budget', amount: 4_000_000 });
  });
});

describe('a time axis for several dates', () => {
  it('spans them all, earliest near 0 and latest near 1', () => {
    const axis = timeAxis(['2027-01-10', '2027-03-01', '2027-02-01']);
    expect(axis.share('2027-01-10')).toBeGreaterThan(0);
    expect(axis.share('2027-01-10')).toBeLessThan(0.1);
    expect(axis.share('2027-03-01')).toBeGreaterThan(0.9);
    expect(axis.share('2027-03-01')).toBeLessThan(1);
    expect(axis.share('2027-02-01')).toBeGreaterThan(axis.share('2027-01-10'));
    expect(axis.start < '2027-01-10' && axis.end > '2027-03-01').toBe(true);
  });
});
