import { describe, expect, it } from 'vitest';
import { staffingDrafts, staffingPlanOf, staffingWeeks } from './staffing';

describe('staffing plan drafts', () => {
  it('plans from the later of this week and the start, to the week of the end', () => {
    expect(staffingWeeks('2026-04-01', '2026-04-06', '2026-04-20', 600).map((w) => w.week)).toEqual([
      '2026-04-06',
      '2026-04-13',
      '2026-04-20',
    ]);
    expect(staffingWeeks('2026-04-15', '2026-04-06', '2026-04-20', 600).map((w) => w.week)).toEqual(['2026-04-13', '2026-04-20']);
  });

  it('sends only rows with a person and hours, and reads a saved plan back as hours per week', () => {
    const weeksOf = (minutes: number) => staffingWeeks('2026-04-01', '2026-04-06', '2026-04-13', minutes);
    const plan = staffingPlanOf(
      [
        { userId: 'a', role: 'analyst', hoursPerWeek: 12.5 },
        { userId: null, role: 'analyst', hoursPerWeek: 10 },
        { userId: 'b', role: 'lead', hoursPerWeek: '' },
      ],
      weeksOf,
    );
    expect(plan).toEqual([
      {
        userId: 'a',
        role: 'analyst',
        weeks: [
          { week: '2026-04-06', minutes: 750 },
          { week: '2026-04-13', minutes: 750 },
        ],
      },
    ]);
    expect(staffingDrafts(plan)).toEqual([{ userId: 'a', role: 'analyst', hoursPerWeek: 12.5 }]);
  });
});
