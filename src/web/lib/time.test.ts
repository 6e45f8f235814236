import { describe, expect, it } from 'vitest';
import type { TimeEntryView } from '../../shared/contracts/time';
import { cellKey, changedCells, gridRows, hoursOf, isMonday, minutesOf, mondayOf, recentAverages, rowKey, todayInJapan } from './time';

const entry = (over: Partial<TimeEntryView>): TimeEntryView => ({
  id: 'x',
  engagementId: 'e1',
  userId: 'u',
  displayName: 'U',
  side: 'provider',
  date: '2026-03-30',
  milestoneId: null,
  category: 'research',
  minutes: 60,
  note: '',
  correctionReason: null,
  enteredBy: 'u',
  createdAt: '2026-03-30T00:00:00.000Z',
  ...over,
});

describe('time in the browser', () => {
  it('names weeks by their Monday, and today by the Japanese calendar', () => {
    expect(mondayOf('2026-04-05')).toBe('2026-03-30');
    expect(mondayOf('2026-03-30')).toBe('2026-03-30');
    expect([isMonday('2026-03-30'), isMonday('2026-03-31'), isMonday('garbage'), isMonday(null)]).toEqual([true, false, false, false]);
    // 15:30 UTC is already the next day in Japan.
    expect(todayInJapan(new Date('2026-03-29T15:30:00Z'))).toBe('2026-03-30');
  });

  it('says minutes as hours and reads typed hours as minutes', () => {
    expect([hoursOf(90), hoursOf(20), hoursOf(480), hoursOf(-30)]).toEqual(['1.5', '0.33', '8', '-0.5']);
    expect([minutesOf('1.5'), minutesOf('1,25'), minutesOf(2), minutesOf(''), minutesOf('abc')]).toEqual([90, 75, 120, null, null]);
  });

  it('sums entries into rows and sends the difference of each changed cell', () => {
    const rows = gridRows(
      [entry({}), entry({ minutes: 30 }), entry({ date: '2026-03-31', category: 'writing', minutes: 120 })],
      [{ engagementId: 'e2', category: 'meetings' }],
    );
    expect(rows.map((r) => [r.key, r.minutes])).toEqual([
      ['e1|research', { '2026-03-30': 90 }],
      ['e1|writing', { '2026-03-31': 120 }],
      ['e2|meetings', {}],
    ]);
    const typed = {
      [cellKey(rowKey('e1', 'research'), '2026-03-30')]: '2',
      [cellKey(rowKey('e1', 'writing'), '2026-03-31')]: '2',
      [cellKey(rowKey('e2', 'meetings'), '2026-04-01')]: '0.5',
      [cellKey(rowKey('e2', 'meetings'), '2026-04-02')]: 'x',
    };
    expect(changedCells(rows, typed).map((c) => [c.engagementId, c.category, c.date, c.minutes])).toEqual([
      ['e1', 'research', '2026-03-30', 30],
      ['e2', 'meetings', '2026-04-01', 30],
    ]);
  });

  it('averages the last 2–6 months of overtime and holiday work up to the latest month with hours', () => {
    const month = (m: string, overtime: number, holiday = 0) => ({
      month: m,
      workedMinutes: 0,
      overtimeMinutes: overtime,
      holidayWorkMinutes: holiday,
      beyondContractMinutes: 0,
    });
    const months = [month('2026-01', 60 * 60), month('2026-02', 90 * 60, 10 * 60), month('2026-03', 70 * 60), month('2026-04', 0)];
    expect(recentAverages({ months, forecast: [] })).toEqual([
      { months: 2, minutes: 85 * 60 },
      { months: 3, minutes: 4600 },
    ]);
  });
});
