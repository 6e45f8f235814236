import holidayJp from '@holiday-jp/holiday_jp';

/**
 * Response-time SLAs count Japanese business days: no weekends, no national holidays
 * (国民の祝日, from @holiday-jp/holiday_jp, through 2050), and no year-end closure
 * (12/29–1/3, when Japanese companies are closed). Times are in Japan Standard Time.
 */
const JST_OFFSET_MS = 9 * 3600_000;
const DAY_MS = 86_400_000;
const holidaySet: ReadonlySet<string> = new Set(Object.keys(holidayJp.holidays));

/** The calendar date (YYYY-MM-DD) in Japan of an instant. */
export function jstDate(at: Date): string {
  return new Date(at.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

export function isJapaneseHoliday(date: string): boolean {
  return holidaySet.has(date);
}

function isYearEndClosure(date: string): boolean {
  const md = date.slice(5);
  return md >= '12-29' || md <= '01-03';
}

export function isBusinessDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isJapaneseHoliday(date) && !isYearEndClosure(date);
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * The deadline `days` business days after `from`: the same time of day on that business day.
 * A question asked on Friday evening with a 2-day SLA is due Tuesday evening.
 */
export function addBusinessDays(from: Date, days: number): Date {
  let date = jstDate(from);
  let left = days;
  while (left > 0) {
    date = nextDate(date);
    if (isBusinessDay(date)) left--;
  }
  const timeOfDay = (from.getTime() + JST_OFFSET_MS) % DAY_MS;
  return new Date(Date.parse(`${date}T00:00:00Z`) - JST_OFFSET_MS + timeOfDay);
}

/** End of the day (23:59:59.999 JST) of a calendar date: when something "due on" that date is late. */
export function endOfJstDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - JST_OFFSET_MS + DAY_MS - 1);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
