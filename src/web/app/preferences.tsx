import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { CalendarPreference } from '../../shared/dates';
import { rememberCalendar, storedCalendar } from '../lib/preferences';

interface Preferences {
  calendar: CalendarPreference;
  setCalendar: (calendar: CalendarPreference) => void;
}

const PreferencesContext = createContext<Preferences | null>(null);

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [calendar, setCalendarState] = useState(storedCalendar);
  const setCalendar = useCallback((next: CalendarPreference) => {
    rememberCalendar(next);
    setCalendarState(next);
  }, []);
  const value = useMemo(() => ({ calendar, setCalendar }), [calendar, setCalendar]);
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const preferences = useContext(PreferencesContext);
  if (!preferences) throw new Error('usePreferences is used outside PreferencesProvider.');
  return preferences;
}
