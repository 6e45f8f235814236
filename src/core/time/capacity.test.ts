import { describe, expect, it } from 'vitest';
import { loadEffect, loadWindow, overlappingLeave, personDays, spreadWeek, weekAvailability } from './capacity.js';
import { type DayHours, defaultAgreement, defaultSpecialClause } from './overtime.js';
import { addDays } from './weeks.js';

const cal = (leave: { from: string; to: string }[] = []) => ({ contractedDailyMinutes: 480, leave, agreement: defaultAgreement });

/** The first Saturday of a month (a day off: every minute of it is overtime). */
function firstSaturday(month: string): string {
  let d = `${month}-01`;
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 6) d = addDays(d, 1);
  return d;
}
/** Overtime planned per month, all of it on the month's first Saturday. */
const planned = (perMonth: Record<string, number>): DayHours[] =>
  Object.entries(perMonth).map(([month, minutes]) => ({ date: firstSaturday(month), actualMinutes: 0, plannedMinutes: minutes }));
const H = 60;

describe('available hours', () => {
  it('counts working days without public holidays, and leave', () => {
    // The week of Showa Day (Wednesday 2026-04-29): four working days.
    expect(weekAvailability('2026-04-27', cal())).toEqual({ week: '2026-04-27', workingDays: 4, leaveDays: 0, availableMinutes: 4 * 480 });
    // Leave over Thursday to Sunday takes the two working days in it.
    expect(weekAvailability('2026-04-27', cal([{ from: '2026-04-30', to: '2026-05-03' }]))).toMatchObject({
      leaveDays: 2,
      availableMinutes: 2 * 480,
    });
    expect(weekAvailability('2026-06-01', { ...cal(), contractedDailyMinutes: 360 }).availableMinutes).toBe(5 * 360);
  });

  it('finds overlapping leave at the boundaries: a shared day overlaps, the next day does not', () => {
    const taken = [{ id: 'a', from: '2026-05-01', to: '2026-05-05' }];
    expect(overlappingLeave(taken, { from: '2026-05-05', to: '2026-05-08' })?.id).toBe('a');
    expect(overlappingLeave(taken, { from: '2026-04-20', to: '2026-05-01' })?.id).toBe('a');
    expect(overlappingLeave(taken, { from: '2026-05-02', to: '2026-05-03' })?.id).toBe('a');
    expect(overlappingLeave(taken, { from: '2026-05-06', to: '2026-05-08' })).toBeUndefined();
    expect(overlappingLeave(taken, { from: '2026-04-20', to: '2026-04-30' })).toBeUndefined();
  });

  it('spreads a week’s plan over the available days, and never loses it', () => {
    expect(spreadWeek('2026-06-01', 2401, cal()).map((d) => d.minutes)).toEqual([481, 480, 480, 480, 480]);
    const onLeave = spreadWeek('2026-06-01', 600, cal([{ from: '2026-06-01', to: '2026-06-07' }]));
    expect(onLeave.map((d) => d.date)).toEqual(['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05']);
    expect(onLeave.reduce((s, d) => s + d.minutes, 0)).toBe(600);
  });

  it('forecasts with the hours logged up to today and the plan after it', () => {
    const days = personDays({
      from: '2026-06-01',
      to: '2026-06-07',
      today: '2026-06-03',
      logged: [
        { date: '2026-06-01', minutes: 600 },
        { date: '2026-06-05', minutes: 30 },
      ],
      planned: [{ week: '2026-06-01', minutes: 2500 }],
      cal: cal(),
    });
    // 500 a day planned: Monday to Wednesday are past (what was logged counts), Thursday and Friday are plan.
    expect(days.map((d) => [d.actualMinutes, d.plannedMinutes])).toEqual([
      [600, 0],
      [0, 0],
      [0, 0],
      [0, 500],
      [0, 530],
      [0, 0],
      [0, 0],
    ]);
  });

  it('looks at the agreement year and five months back for the rules', () => {
    expect(loadWindow('2026-06', '2026-06', 4)).toEqual({ from: '2026-01-01', to: '2027-03-31' });
    expect(loadWindow('2026-10', '2027-01', 4)).toEqual({ from: '2026-04-01', to: '2027-03-31' });
  });
});

describe('the load effect of a plan', () => {
  const none: DayHours[] = [];
  const legal = (after: DayHours[], agreement = defaultAgreement) =>
    loadEffect({ before: none, after }, 480, agreement).legalBreaches.map((b) => [b.rule, b.to, b.forecast, b.limit]);

  it('blocks 100 h in a month with holiday work, not 99 h 59 min', () => {
    expect(legal(planned({ '2026-06': 100 * H }))).toEqual([['monthly_total', '2026-06', 100 * H, 100 * H]]);
    expect(legal(planned({ '2026-06': 100 * H - 1 }))).toEqual([]);
    // Holiday work (Sundays) counts towards the 100 h.
    const sunday: DayHours[] = [
      { date: '2026-06-06', actualMinutes: 0, plannedMinutes: 60 * H },
      { date: '2026-06-07', actualMinutes: 0, plannedMinutes: 40 * H },
    ];
    expect(legal(sunday).map((b) => b[0])).toEqual(['monthly_total']);
  });

  it('blocks an average over 80 h across two months, not exactly 80 h', () => {
    expect(legal(planned({ '2026-05': 80 * H, '2026-06': 80 * H }))).toEqual([]);
    expect(legal(planned({ '2026-05': 80 * H, '2026-06': 80 * H + 2 }))).toEqual([['multi_month_average', '2026-06', 80 * H + 1, 80 * H]]);
  });

  it('blocks more than 720 h in the agreement year, not 720 h', () => {
    const months = ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'];
    const year = Object.fromEntries(months.map((m) => [m, 80 * H]));
    expect(legal(planned(year))).toEqual([]);
    expect(legal(planned({ ...year, '2027-01': 1 }))).toEqual([['special_yearly_overtime', '2027-01', 720 * H + 1, 720 * H]]);
  });

  it('warns against the provider’s own agreement from 80 % of a limit, and only of what the change brings', () => {
    const effect = loadEffect({ before: none, after: planned({ '2026-06': 36 * H }) }, 480, defaultAgreement);
    expect(effect.warnings.map((w) => [w.severity, w.rule, w.to, w.forecast, w.limit, w.legalMaximum])).toEqual([
      ['warning', 'monthly_overtime', '2026-06', 36 * H, 45 * H, false],
    ]);
    expect(loadEffect({ before: none, after: planned({ '2026-06': 36 * H - 1 }) }, 480, defaultAgreement).warnings).toEqual([]);
    // The same load before and after: nothing to say.
    const same = planned({ '2026-06': 50 * H });
    expect(loadEffect({ before: same, after: same }, 480, defaultAgreement).warnings).toEqual([]);
    // More of it: the breach is shown again with the figure before.
    const more = loadEffect({ before: same, after: planned({ '2026-06': 51 * H }) }, 480, defaultAgreement).warnings;
    expect(more.map((w) => [w.severity, w.rule, w.before, w.forecast])).toEqual([['breach', 'monthly_overtime', 50 * H, 51 * H]]);
  });

  it('marks the legal maxima among the warnings, even where the agreement says more', () => {
    const lax = { ...defaultAgreement, specialClause: { ...defaultSpecialClause } };
    const effect = loadEffect({ before: none, after: planned({ '2026-06': 100 * H }) }, 480, lax);
    expect(effect.warnings.filter((w) => w.legalMaximum).map((w) => w.rule)).toEqual(['monthly_total']);
    expect(effect.legalBreaches).toHaveLength(1);
  });
});
