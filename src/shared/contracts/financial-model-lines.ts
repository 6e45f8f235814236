import { z } from 'zod';
import { rule } from '../issue-codes.js';
import { analyzeLines, lineNamePattern, MAX_FORMULA_LENGTH, reservedNames } from './financial-model-formula.js';

/**
 * Segment build-ups and custom lines (issue #13 point 9; docs/decisions/0010, "Segments and custom
 * lines"): `forecast.segments` builds revenue (and variable costs) from volume × price per segment;
 * `forecast.lines` are named lines defined by formulas (financial-model-formula.ts), shown beside the
 * projection or, with `role: "operatingCost"`, taken off before EBITDA.
 */

export const MAX_SEGMENTS = 20;
export const MAX_LINES = 50;

const finite = () => z.number({ error: (issue) => (issue.input === undefined ? 'Required.' : 'Must be a finite number.') });
const rate = () =>
  finite()
    .gt(-1, { error: 'Must be above -1 (-100%); rates are decimals, 0.05 is 5%.' })
    .lt(100, { error: 'Too large for a rate; rates are decimals, 0.05 is 5%.' });
/** One rate for every forecast year, or one per year. */
const growth = () =>
  z.union([rate(), z.array(rate())], { error: 'Must be a decimal rate (0.05 is 5%), or a list of them, one per forecast year.' });
const label = () =>
  z
    .string({ error: 'Must be text.' })
    .trim()
    .min(1, { error: 'Must not be empty.' })
    .max(120, { error: 'Must be at most 120 characters.' });
const name = () =>
  z
    .string({ error: 'Must be text.' })
    .regex(lineNamePattern, {
      error: 'Must be a short name of letters, digits and _, starting with a lowercase letter (such as mobile or rentCost).',
    })
    .refine((n) => !reservedNames.has(n), {
      error: 'This name is taken by a built-in line; choose another.',
      params: rule('reserved_line_name'),
    });
const nonNegative = () => finite().min(0, { error: 'Must not be negative.' });

export const segmentSchema = z.strictObject({
  /** How formulas name the segment's values: `<name>.volume`, `.price`, `.revenue`, `.unitCost`, `.cost`. */
  name: name(),
  label: label().optional(),
  /** Units sold in the base year (the last historical year). */
  baseVolume: nonNegative(),
  /** Price per unit in the base year, so that volume × price is in the model's money unit. */
  basePrice: nonNegative(),
  volumeGrowth: growth(),
  /** Omitted: 0 (the price stays). */
  priceGrowth: growth().optional(),
  /** Variable cost per unit in the base year (money unit per unit); given, volume × unit cost is taken off before EBITDA. */
  unitCost: nonNegative().optional(),
  /** Omitted: 0 (the unit cost stays). */
  unitCostGrowth: growth().optional(),
});
export type Segment = z.infer<typeof segmentSchema>;

export const customLineSchema = z.strictObject({
  /** How other formulas name the line. */
  name: name(),
  label: label().optional(),
  /** An expression over built-in lines, segment values and other lines (docs/financial-model-format.md). */
  formula: z
    .string({ error: 'Must be text.' })
    .trim()
    .min(1, { error: 'Must not be empty.' })
    .max(MAX_FORMULA_LENGTH, { error: `A formula has at most ${MAX_FORMULA_LENGTH} characters.` }),
  format: z.enum(['money', 'percent', 'number'], { error: 'Must be "money", "percent" or "number".' }).default('money'),
  /** display: shown only; operatingCost: a cost taken off before EBITDA (EBIT in a model based on EBIT). */
  role: z.enum(['display', 'operatingCost'], { error: 'Must be "display" or "operatingCost".' }).default('display'),
  /** The line's value in the base year, for `name[-1]` in the first forecast year. */
  opening: finite().optional(),
});
export type CustomLine = z.infer<typeof customLineSchema>;

export const segmentsSchema = z
  .array(segmentSchema, { error: 'Must be a list of segments.' })
  .min(1, { error: 'Give at least one segment, or leave segments out.' })
  .max(MAX_SEGMENTS, { error: `At most ${MAX_SEGMENTS} segments.` });
export const customLinesSchema = z
  .array(customLineSchema, { error: 'Must be a list of lines.' })
  .max(MAX_LINES, { error: `At most ${MAX_LINES} custom lines.` });

/** Segment growth changed by a scenario (the rest of the segment is the model's). */
export const segmentOverrideSchema = z.strictObject({
  name: z.string({ error: 'Must be text.' }),
  volumeGrowth: growth().optional(),
  priceGrowth: growth().optional(),
  unitCostGrowth: growth().optional(),
});

const lengthOf = (v: unknown): number | null => (Array.isArray(v) ? v.length : null);
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** forecast.segments and forecast.lines present in a raw forecast (for the other rules of the forecast). */
export function hasSegments(f: Record<string, unknown>): boolean {
  return Array.isArray(f.segments) && f.segments.length > 0;
}

/**
 * The rules of segments and lines across fields, on the raw forecast (paths relative to it):
 * growth lists of the forecast's length, names used once, revenue growth not given beside
 * segments, and every formula's syntax, names, circles and order (analyzeLines).
 */
export function checkSegmentsAndLines(f: Record<string, unknown>, horizon: number | null, ctx: z.RefinementCtx): void {
  const segments = Array.isArray(f.segments) ? f.segments : [];
  const lines = Array.isArray(f.lines) ? f.lines : [];
  const names = new Map<string, (string | number)[]>();
  const once = (n: unknown, path: (string | number)[]) => {
    if (typeof n !== 'string') return;
    if (names.has(n))
      ctx.addIssue({
        code: 'custom',
        path,
        message: `"${n}" names another segment or line; names are used once.`,
        params: rule('each_once'),
      });
    else names.set(n, path);
  };
  segments.forEach((s, i) => {
    if (!isObject(s)) return;
    once(s.name, ['segments', i, 'name']);
    if (horizon === null) return;
    for (const key of ['volumeGrowth', 'priceGrowth', 'unitCostGrowth']) {
      const n = lengthOf(s[key]);
      if (n !== null && n !== horizon)
        ctx.addIssue({
          code: 'custom',
          path: ['segments', i, key],
          message: `Needs ${horizon} values, one per forecast year, or one rate for every year; got ${n}.`,
          params: rule('values_per_year', { count: horizon, got: n }),
        });
    }
    if (s.unitCostGrowth !== undefined && s.unitCost === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['segments', i, 'unitCostGrowth'],
        message: 'Give unitCost (the base-year cost per unit) for its growth to apply.',
      });
  });
  lines.forEach((l, i) => {
    if (isObject(l)) once(l.name, ['lines', i, 'name']);
  });
  if (segments.length > 0) {
    if ((lengthOf(f.revenueGrowth) ?? 0) > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['revenueGrowth'],
        message: 'forecast.segments build the revenue; leave out "revenueGrowth" (or leave out segments), not both.',
      });
    if (isObject(f.levers) && f.levers.revenueGrowth !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['levers', 'revenueGrowth'],
        message: 'forecast.segments build the revenue; leave out the revenue growth lever (or leave out segments), not both.',
      });
  }
  // Formulas: only lines whose name and formula are text take part (others have their own issues).
  const shapes = lines.flatMap((l, i) =>
    isObject(l) && typeof l.name === 'string' && typeof l.formula === 'string'
      ? [
          {
            index: i,
            name: l.name,
            formula: l.formula.trim(),
            role: l.role === 'operatingCost' ? ('operatingCost' as const) : ('display' as const),
          },
        ]
      : [],
  );
  const segmentShapes = segments.flatMap((s) =>
    isObject(s) && typeof s.name === 'string' ? [{ name: s.name, hasUnitCost: s.unitCost !== undefined }] : [],
  );
  const { problems } = analyzeLines(shapes, segmentShapes);
  for (const p of problems) {
    const at = shapes[p.line]?.index ?? p.line;
    ctx.addIssue({ code: 'custom', path: ['lines', at, 'formula'], message: p.message, params: rule(p.code, p.params) });
  }
}

/** A scenario of a model with segments moves segment growth, never a revenue growth the model does not have. */
export function checkSegmentScenarios(m: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const f = isObject(m.forecast) ? m.forecast : {};
  const segmentNames = new Set(
    (Array.isArray(f.segments) ? f.segments : []).flatMap((s) => (isObject(s) && typeof s.name === 'string' ? [s.name] : [])),
  );
  const horizon = lengthOf(f.years);
  if (!Array.isArray(m.scenarios)) return;
  m.scenarios.forEach((sc, i) => {
    const o = isObject(sc) && isObject(sc.overrides) && isObject(sc.overrides.forecast) ? sc.overrides.forecast : null;
    if (!o) return;
    const at = ['scenarios', i, 'overrides', 'forecast'];
    if (segmentNames.size > 0 && o.revenueGrowth !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: [...at, 'revenueGrowth'],
        message: "The model's revenue comes from forecast.segments; override a segment's growth (overrides.forecast.segments) instead.",
      });
    if (!Array.isArray(o.segments)) return;
    const seen = new Set<unknown>();
    o.segments.forEach((s, k) => {
      if (!isObject(s)) return;
      if (!segmentNames.has(s.name as string))
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'segments', k, 'name'],
          message: `The model has no segment "${String(s.name)}" for the scenario to change.`,
        });
      if (seen.has(s.name))
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'segments', k, 'name'],
          message: `Segment "${String(s.name)}" appears twice.`,
          params: rule('each_once'),
        });
      seen.add(s.name);
      for (const key of ['volumeGrowth', 'priceGrowth', 'unitCostGrowth']) {
        const n = lengthOf(s[key]);
        if (n !== null && horizon !== null && n !== horizon)
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'segments', k, key],
            message: `Needs ${horizon} values, one per forecast year, or one rate for every year; got ${n}.`,
            params: rule('values_per_year', { count: horizon, got: n }),
          });
      }
    });
  });
}
