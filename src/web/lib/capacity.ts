/** Calendar and colour helpers of the capacity board and the load warnings (issue #14). */
import type { LoadEffectView } from '../../shared/contracts/capacity';

type LoadWarning = LoadEffectView['warnings'][number];

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

/** One line of a load effect: a rule crossed (or neared) in one or more months, with its worst month. */
export interface WarningSummary {
  rule: LoadWarning['rule'];
  severity: LoadWarning['severity'];
  /** The first month it happens in (the window's end, where the figure is judged). */
  first: string;
  /** How many months it is judged in (several 2–6-month windows may end in one month). */
  count: number;
  /** The worst window: the highest forecast, with its limit. */
  worst: LoadWarning;
}

/**
 * A plan that runs for months crosses the same limit month after month: one line per rule and
 * severity — when it starts, how often, the worst figure — instead of one per month. Breaches first.
 */
export function summariseWarnings(warnings: readonly LoadWarning[]): WarningSummary[] {
  const byKey = new Map<string, WarningSummary>();
  const months = new Map<string, Set<string>>();
  for (const w of warnings) {
    const key = `${w.severity}|${w.rule}`;
    const s = byKey.get(key);
    if (!s) byKey.set(key, { rule: w.rule, severity: w.severity, first: w.to, count: 0, worst: w });
    else {
      if (w.to < s.first) s.first = w.to;
      if (w.forecast > s.worst.forecast) s.worst = w;
    }
    months.set(key, (months.get(key) ?? new Set()).add(w.to));
  }
  for (const [key, s] of byKey) s.count = months.get(key)?.size ?? 0;
  const rank = (s: WarningSummary) => (s.severity === 'breach' ? 0 : 1);
  return [...byKey.values()].sort((a, b) => rank(a) - rank(b) || a.first.localeCompare(b.first) || a.rule.localeCompare(b.rule));
}
