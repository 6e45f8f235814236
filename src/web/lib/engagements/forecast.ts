import type { ControlFigures } from '../../../shared/contracts/engagements';

/**
 * The forecast finish (p10–p50–p90 against the planned end) laid out on a small time axis: each
 * date as a share of the axis, 0 at the left, 1 at the right, with a little room on both sides.
 */
export type Forecast = NonNullable<ControlFigures['forecast']>;

export interface ForecastLayout {
  axisStart: string;
  axisEnd: string;
  at: { plannedEnd: number; p10: number; p50: number; p90: number; today: number };
  /** Days the median forecast is after (positive) or before the planned end. */
  slipDays: number;
}

const DAY = 86_400_000;
const dayNumber = (iso: string) => Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY);
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export interface TimeAxis {
  start: string;
  end: string;
  /** Where a date falls on the axis: 0 at its start, 1 at its end. */
  share: (iso: string) => number;
}

/** A time axis spanning the dates given, with a little room on both sides (at least two days). */
export function timeAxis(dates: readonly string[]): TimeAxis {
  const days = dates.map(dayNumber);
  const first = Math.min(...days);
  const last = Math.max(...days);
  const pad = Math.max(2, Math.round((last - first) * 0.08));
  const start = first - pad;
  const span = last + pad - start;
  return { start: isoOf(start), end: isoOf(last + pad), share: (iso) => (dayNumber(iso) - start) / span };
}

export function forecastLayout(forecast: Forecast, today: string): ForecastLayout {
  const axis = timeAxis([forecast.plannedEnd, forecast.p10, forecast.p50, forecast.p90, today]);
  const { share } = axis;
  return {
    axisStart: axis.start,
    axisEnd: axis.end,
    at: {
      plannedEnd: share(forecast.plannedEnd),
      p10: share(forecast.p10),
      p50: share(forecast.p50),
      p90: share(forecast.p90),
      today: share(today),
    },
    slipDays: daysBetween(forecast.plannedEnd, forecast.p50),
  };
}

/** Today in Japan, as YYYY-MM-DD (the server's dates are Japanese calendar days). */
export function tokyoDate(at: Date | string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  return new Date(date.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** Hours as people read them: under two days in hours, else in days. */
export function durationParts(hours: number): { unit: 'hours' | 'days'; value: number } {
  return hours < 48 ? { unit: 'hours', value: Math.round(hours * 10) / 10 } : { unit: 'days', value: Math.round((hours / 24) * 10) / 10 };
}
