import type { LoadView, TimeEntryView } from '../../shared/contracts/time';

/** Calendar arithmetic on YYYY-MM-DD dates, in UTC so no time zone shifts a day. */
const DAY_MS = 86_400_000;
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The Monday of the ISO week a date falls in (weeks are named by their Monday). */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

export const weekDays = (monday: string): string[] => Array.from({ length: 7 }, (_, i) => addDays(monday, i));

/** Today in Japan (kpo's working calendar), as YYYY-MM-DD. */
export const todayInJapan = (now: Date = new Date()): string => new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);

export const isMonday = (date: string | null | undefined): date is string =>
  !!date && /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && mondayOf(date) === date;

/** Minutes as hours for people: 90 → "1.5", 20 → "0.33" (at most two decimals, no trailing zeros). */
export const hoursOf = (minutes: number): string => String(Math.round((minutes / 60) * 100) / 100);

/** Hours as typed (1.5, "1.5", "1,5") to whole minutes; null when it is not a number. */
export function minutesOf(hours: number | string): number | null {
  const n = typeof hours === 'number' ? hours : Number(String(hours).trim().replace(',', '.'));
  if (String(hours).trim() === '' || !Number.isFinite(n)) return null;
  return Math.round(n * 60);
}

/** One row of the week's grid: an engagement and a category, with minutes per day. */
export interface GridRow {
  key: string;
  engagementId: string;
  category: string;
  /** Minutes per date of the week (corrections included). */
  minutes: Record<string, number>;
}

export const rowKey = (engagementId: string, category: string) => `${engagementId}|${category}`;

/** The week's entries as grid rows, in the order they were first logged; extra rows (added, still empty) after them. */
export function gridRows(entries: readonly TimeEntryView[], extra: readonly { engagementId: string; category: string }[] = []): GridRow[] {
  const rows = new Map<string, GridRow>();
  const rowOf = (engagementId: string, category: string) => {
    const key = rowKey(engagementId, category);
    const row = rows.get(key) ?? { key, engagementId, category, minutes: {} };
    rows.set(key, row);
    return row;
  };
  for (const e of entries) {
    const row = rowOf(e.engagementId, e.category);
    row.minutes[e.date] = (row.minutes[e.date] ?? 0) + e.minutes;
  }
  for (const x of extra) rowOf(x.engagementId, x.category);
  return [...rows.values()];
}

/**
 * What saving the grid sends: one entry per cell whose typed hours differ from what is saved, for
 * the difference. Entries are never edited, so the server refuses a lower figure in an open week
 * (negative minutes); the grid sends it anyway and shows the server's answer.
 */
export function changedCells(
  rows: readonly GridRow[],
  typed: Readonly<Record<string, string>>,
): { engagementId: string; category: string; date: string; minutes: number; cell: string }[] {
  const out: { engagementId: string; category: string; date: string; minutes: number; cell: string }[] = [];
  for (const row of rows) {
    for (const [cell, value] of Object.entries(typed)) {
      const [key, date] = splitCell(cell);
      if (key !== row.key || !date) continue;
      const wanted = value.trim() === '' ? 0 : minutesOf(value);
      if (wanted === null) continue;
      const diff = wanted - (row.minutes[date] ?? 0);
      if (diff !== 0) out.push({ engagementId: row.engagementId, category: row.category, date, minutes: diff, cell });
    }
  }
  return out;
}

export const cellKey = (rowKeyValue: string, date: string) => `${rowKeyValue}@${date}`;
const splitCell = (cell: string): [string, string | undefined] => {
  const at = cell.lastIndexOf('@');
  return [cell.slice(0, at), cell.slice(at + 1) || undefined];
};

/**
 * The average monthly overtime plus holiday work over the last 2–6 months that end with the latest
 * month with hours (worked and planned), in minutes: what the special clause's 80 h rule reads.
 */
export function recentAverages(load: Pick<LoadView, 'months' | 'forecast'>): { months: number; minutes: number }[] {
  const series = (load.forecast.length > 0 ? load.forecast : load.months).map((m) => m.overtimeMinutes + m.holidayWorkMinutes);
  let last = series.length - 1;
  while (last > 0 && (series[last] ?? 0) === 0) last -= 1;
  const out: { months: number; minutes: number }[] = [];
  for (let n = 2; n <= 6; n++) {
    if (last + 1 < n) break;
    const window = series.slice(last + 1 - n, last + 1);
    out.push({ months: n, minutes: Math.round(window.reduce((s, x) => s + x, 0) / n) });
  }
  return out;
}
