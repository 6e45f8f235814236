/** How a user wants dates shown: the Gregorian calendar or the Japanese era calendar (和暦). */
export type CalendarPreference = 'gregory' | 'japanese';

function localeWithCalendar(locale: string, calendar: CalendarPreference): string {
  return calendar === 'japanese' ? `${locale.split('-u-')[0]}-u-ca-japanese` : locale;
}

export function formatDate(iso: string | Date, locale: string, calendar: CalendarPreference = 'gregory'): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(localeWithCalendar(locale, calendar), {
    era: calendar === 'japanese' ? 'long' : undefined,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'Asia/Tokyo',
  }).format(date);
}

export function formatDateTime(
  iso: string | Date,
  locale: string,
  calendar: CalendarPreference = 'gregory',
  timeZone = 'Asia/Tokyo',
): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(localeWithCalendar(locale, calendar), {
    era: calendar === 'japanese' ? 'long' : undefined,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone,
  }).format(date);
}
