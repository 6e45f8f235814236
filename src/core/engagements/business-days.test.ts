import { describe, expect, it } from 'vitest';
import { addBusinessDays, endOfJstDay, isBusinessDay, jstDate } from './business-days.js';

describe('Japanese business days', () => {
  it('knows weekends, national holidays, substitute holidays and the year-end closure', () => {
    expect(isBusinessDay('2026-11-27')).toBe(true); // Friday
    expect(isBusinessDay('2026-11-28')).toBe(false); // Saturday
    expect(isBusinessDay('2026-11-23')).toBe(false); // 勤労感謝の日 (Monday)
    expect(isBusinessDay('2026-05-06')).toBe(false); // 振替休日 for 憲法記念日 on a Sunday
    expect(isBusinessDay('2026-12-30')).toBe(false); // 年末休業
    expect(isBusinessDay('2027-01-04')).toBe(true); // first working Monday of 2027
  });

  it('counts an answer SLA in business days at the same time of day, in Japan time', () => {
    // Friday 2026-11-20 18:00 JST + 2 business days: Monday 23rd is a holiday → Wednesday 25th 18:00 JST.
    const friday = new Date('2026-11-20T09:00:00Z');
    expect(addBusinessDays(friday, 2).toISOString()).toBe('2026-11-25T09:00:00.000Z');
    // Golden Week: Thursday 2026-04-30 10:00 JST + 1 → Friday 1 May; + 2 → Thursday 7 May (3–6 May are holidays).
    const beforeGw = new Date('2026-04-30T01:00:00Z');
    expect(addBusinessDays(beforeGw, 1).toISOString()).toBe('2026-05-01T01:00:00.000Z');
    expect(addBusinessDays(beforeGw, 2).toISOString()).toBe('2026-05-07T01:00:00.000Z');
  });

  it('uses the Japanese calendar date, not UTC, for an instant', () => {
    expect(jstDate(new Date('2026-11-27T16:00:00Z'))).toBe('2026-11-28'); // 01:00 JST Saturday
    expect(endOfJstDay('2026-11-27').toISOString()).toBe('2026-11-27T14:59:59.999Z');
  });
});
