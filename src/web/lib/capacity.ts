/** Calendar and colour helpers of the capacity board and the load warnings (issue #14). */

const DAY_MS = 86_400_000;

export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The Monday of the week a day falls in (the board names weeks by their Monday). */
export const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));

/** Minutes as hours with one decimal, for display. */
export const hoursOf = (minutes: number) => String(Math.round(minutes / 6) / 10);

/** The weeks of a plan: every Monday from the week of `today` to the week of `to`, as the server counts them (at most 105). */
export function planWeeks(today: string, to: string, minutesPerWeek: number): { week: string; minutes: number }[] {
  const weeks: { week: string; minutes: number }[] = [];
  const last = mondayOf(to);
  for (let w = mondayOf(today); w <= last && weeks.length < 105; w = addDays(w, 7)) weeks.push({ week: w, minutes: minutesPerWeek });
  return weeks;
}

export type Band = 'none' | 'low' | 'normal' | 'high' | 'over';

/** Utilisation (planned ÷ available) as a band of the heat map; planned hours without available ones are over. */
export function bandOf(utilisation: number | null, planned: number): Band {
  if (utilisation === null) return planned > 0 ? 'over' : 'none';
  if (utilisation > 1) return 'over';
  if (utilisation >= 0.85) return 'high';
  if (utilisation >= 0.5) return 'normal';
  return 'low';
}
