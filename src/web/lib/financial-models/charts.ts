import type { FootballFieldView, ValueBridgeView } from '../../../shared/contracts/financial-model-api';

/**
 * Chart data of the workbench, computed apart from the charts so they can be tested: the value
 * bridge as a waterfall and the football field as range bars.
 */

export type WaterfallKind = 'total' | 'up' | 'down';

export interface WaterfallBar {
  key: string;
  /** The bridge step's drivers (empty for the two totals). */
  drivers: string[];
  kind: WaterfallKind;
  /** Floating bar from low to high (recharts draws a [low, high] value as a range). */
  range: [number, number];
  /** The value after this bar: the running total. */
  value: number;
  /** The step's effect; for totals the value itself. */
  effect: number;
}

/** A round step for an axis spanning `span` in about `ticks` steps: 1, 2 or 5 times a power of ten. */
export function niceStep(span: number, ticks = 5): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const factor = raw / power;
  return (factor <= 1 ? 1 : factor <= 2 ? 2 : factor <= 5 ? 5 : 10) * power;
}

/** Widens [low, high] to round numbers, so the axis ticks are round too. */
export function niceDomain(low: number, high: number, ticks = 5): [number, number] {
  const step = niceStep(high - low, ticks);
  return [Math.floor(low / step) * step, Math.ceil(high / step) * step];
}

export interface Waterfall {
  bars: WaterfallBar[];
  /** The value axis: a little under the lowest point to a little over the highest. */
  domain: [number, number];
}

/**
 * From value → each step's effect → to value. Each step floats from the value before it to the
 * value after it, so the bars join up; the two totals rise from the bottom of the axis. The axis
 * need not start at zero: a bridge of ¥2,600 → ¥2,550 in steps of ¥30 would otherwise be slivers
 * (the axis labels say where it starts). Steps that moved nothing are kept: the input changed,
 * and that it did nothing is information.
 */
export function waterfall(bridge: ValueBridgeView): Waterfall {
  const points = [
    bridge.from.valuePerShare,
    bridge.to.valuePerShare,
    ...bridge.steps.flatMap((s) => [s.valuePerShareBefore, s.valuePerShareAfter]),
  ].filter(Number.isFinite);
  const lowest = Math.min(...points);
  const highest = Math.max(...points);
  const padding = Math.max((highest - lowest) * 0.25, Math.abs(highest) * 0.01, 1);
  const domain = niceDomain(lowest >= 0 ? Math.max(0, lowest - padding) : lowest - padding, highest + padding);
  const bottom = domain[0];
  const total = (key: 'from' | 'to', value: number): WaterfallBar => ({
    key,
    drivers: [],
    kind: 'total',
    range: [Math.min(bottom, value), Math.max(bottom, value)],
    value,
    effect: value,
  });
  const steps = bridge.steps.map(
    (step, i): WaterfallBar => ({
      key: `step-${i}`,
      drivers: step.drivers,
      kind: step.effect < 0 ? 'down' : 'up',
      range: [Math.min(step.valuePerShareBefore, step.valuePerShareAfter), Math.max(step.valuePerShareBefore, step.valuePerShareAfter)],
      value: step.valuePerShareAfter,
      effect: step.effect,
    }),
  );
  return { bars: [total('from', bridge.from.valuePerShare), ...steps, total('to', bridge.to.valuePerShare)], domain };
}

export interface FootballRow {
  key: string;
  range: [number, number];
  low: number;
  high: number;
  mid: number | null;
  basis: string;
}

/** The bars of the football field, top to bottom as the engine lists them. */
export const footballRows = (field: FootballFieldView): FootballRow[] =>
  field.bars.map((b) => ({ key: b.key, range: [b.low, b.high], low: b.low, high: b.high, mid: b.mid, basis: b.basis }));

/** The x-axis of the football field: every bar and both reference prices, with room at the ends. */
export function footballDomain(field: FootballFieldView): [number, number] {
  const values = [...field.bars.flatMap((b) => [b.low, b.high]), field.marketPrice, field.offerPrice].filter(
    (v): v is number => v !== null && Number.isFinite(v),
  );
  if (values.length === 0) return [0, 1];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const padding = (max - min) * 0.1 || Math.abs(max) * 0.1 || 1;
  return niceDomain(Math.max(0, min - padding), max + padding);
}
