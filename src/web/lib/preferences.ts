import type { Locale } from '../../shared/contracts/identity';
import type { CalendarPreference } from '../../shared/dates';
import { isLocale } from '../i18n/locale';

/**
 * Choices a person makes in this browser, kept in localStorage. Reading never throws: storage
 * can be disabled (private modes, policies), and then kpo simply does not remember.
 */
const LOCALE_KEY = 'kpo.locale';
const CALENDAR_KEY = 'kpo.calendar';

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Not remembered; the choice still applies to this page.
  }
}

export const parseCalendar = (value: string | null): CalendarPreference => (value === 'japanese' ? 'japanese' : 'gregory');

/** The language chosen explicitly in this browser, or null when the person never chose. */
export function storedLocale(): Locale | null {
  const value = read(LOCALE_KEY);
  return isLocale(value) ? value : null;
}

export const rememberLocale = (locale: Locale): void => write(LOCALE_KEY, locale);

export const storedCalendar = (): CalendarPreference => parseCalendar(read(CALENDAR_KEY));

export const rememberCalendar = (calendar: CalendarPreference): void => write(CALENDAR_KEY, calendar);
