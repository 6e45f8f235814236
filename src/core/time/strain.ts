import { type StrainKind, strainKinds } from '../../shared/contracts/capacity.js';
import { DEADLINE_CLUSTER } from './capacity.js';
import { dayKind, type OvertimeAgreement } from './overtime.js';
import { addDays, weekStartOf } from './weeks.js';

/**
 * Signals of strain beside the hours (issue #14 point 3; decision 0011, "Strain signals"): not
 * limits of the law but the patterns that come before a tired analyst's mistake. Pure: the person's
 * acts and figures in, signals out. Each signal is raised at its threshold (value ≥ threshold).
 */

/** The days looked back on for acts, days off and rework: four weeks up to today. */
export const STRAIN_WINDOW_DAYS = 28;
/** The weeks looked ahead on for due dates: this week and the three after it. */
export const STRAIN_AHEAD_WEEKS = 4;

export { type StrainKind, strainKinds };

/** Where each signal is raised. */
export const strainThresholds: Readonly<Record<StrainKind, number>> = {
  /** Nights with acts between 22:00 and 05:00 (JST) in the four weeks. */
  late_night: 3,
  /** Days off (weekends, public holidays, the legal day off) with acts or logged hours in the four weeks. */
  day_off: 2,
  /** Deliverable versions sent back for rework on the person's engagements in the four weeks. */
  rework: 2,
  /** Distinct clients of the active engagements the person is on. */
  concurrent_clients: 3,
  /** The most due dates in one week, this week and the three after. */
  deadline_cluster: DEADLINE_CLUSTER,
};

const JST_OFFSET_MS = 9 * 3_600_000;
/** Late night (深夜, 労基法 37条4項): from 22:00 to 05:00. */
const NIGHT_FROM_HOUR = 22;
const NIGHT_TO_HOUR = 5;

const jst = (at: string) => new Date(Date.parse(at) + JST_OFFSET_MS);

/** Whether a moment falls in the late night, Japan time: 22:00 itself does, 05:00 itself does not. */
export function isLateNight(at: string): boolean {
  const hour = jst(at).getUTCHours();
  return hour >= NIGHT_FROM_HOUR || hour < NIGHT_TO_HOUR;
}

/** The night a late act belongs to, named by the evening's date: 01:00 on Tuesday is Monday night. */
export function nightOf(at: string): string {
  return new Date(jst(at).getTime() - NIGHT_TO_HOUR * 3_600_000).toISOString().slice(0, 10);
}

/** The date of a moment, Japan time. */
export const jstDateOf = (at: string): string => jst(at).toISOString().slice(0, 10);

export interface StrainSignal {
  kind: StrainKind;
  value: number;
  threshold: number;
  raised: boolean;
  /** The nights or days behind the figure (late night, days off); the weeks for a deadline cluster. */
  dates: string[];
}

export interface StrainInput {
  /** The first and last day looked back on (YYYY-MM-DD, inclusive). */
  from: string;
  to: string;
  /** Moments of the person's own acts in kpo (ISO instants); an hour's precision is enough. */
  acts: readonly string[];
  /** Minutes the person logged per day. */
  logged: readonly { date: string; minutes: number }[];
  reworkRounds: number;
  concurrentClients: number;
  /** Due dates on the person's engagements, this week and the weeks ahead. */
  dueDates: readonly string[];
  agreement: Pick<OvertimeAgreement, 'legalHolidayWeekday'>;
}

const signal = (kind: StrainKind, value: number, dates: string[] = []): StrainSignal => ({
  kind,
  value,
  threshold: strainThresholds[kind],
  raised: value >= strainThresholds[kind],
  dates,
});

/** The person's strain signals over the window, in the order of `strainKinds`. */
export function strainSignals(input: StrainInput): StrainSignal[] {
  const inWindow = (date: string) => input.from <= date && date <= input.to;
  const nights = new Set<string>();
  const daysOff = new Set<string>();
  const isDayOff = (date: string) => dayKind(date, input.agreement) !== 'working';
  for (const at of input.acts) {
    const date = jstDateOf(at);
    if (isLateNight(at) && inWindow(nightOf(at))) nights.add(nightOf(at));
    if (inWindow(date) && isDayOff(date)) daysOff.add(date);
  }
  for (const x of input.logged) if (x.minutes > 0 && inWindow(x.date) && isDayOff(x.date)) daysOff.add(x.date);
  const perWeek = new Map<string, number>();
  for (const d of input.dueDates) perWeek.set(weekStartOf(d), (perWeek.get(weekStartOf(d)) ?? 0) + 1);
  const busiest = Math.max(0, ...perWeek.values());
  const clusterWeeks = [...perWeek].filter(([, n]) => n >= strainThresholds.deadline_cluster).map(([w]) => w);
  return [
    signal('late_night', nights.size, [...nights].sort()),
    signal('day_off', daysOff.size, [...daysOff].sort()),
    signal('rework', input.reworkRounds),
    signal('concurrent_clients', input.concurrentClients),
    signal('deadline_cluster', busiest, clusterWeeks.sort()),
  ];
}

/** The window strain looks back on and ahead to, from today (JST). */
export function strainWindow(today: string): { from: string; to: string; aheadFrom: string; aheadTo: string } {
  const thisWeek = weekStartOf(today);
  return {
    from: addDays(today, -(STRAIN_WINDOW_DAYS - 1)),
    to: today,
    aheadFrom: thisWeek,
    aheadTo: addDays(thisWeek, STRAIN_AHEAD_WEEKS * 7 - 1),
  };
}
