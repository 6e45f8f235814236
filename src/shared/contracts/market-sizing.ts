import { z } from 'zod';
import { rule } from '../issue-codes.js';
import { currencySchema, DEFAULT_CURRENCY } from '../money.js';
import { line, prose } from './engagements.js';

/**
 * Market sizing (TAM → SAM → SOM, top-down or bottom-up) and the competitor matrix of a
 * market-research engagement: the analyst's inputs. core/workbenches/market-research evaluates
 * and checks them (sizing.ts, competitors.ts).
 */

const keySchema = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, { message: 'Lower-case letters, digits, "-" and "_".' });
const httpUrl = () => z.url({ protocol: /^https?$/, message: 'Must be an http(s) URL.' }).max(2000);
const isObjectPayload = (payload: { value: unknown }) => payload.value !== null && typeof payload.value === 'object';
const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const fieldOf = (v: unknown, field: string): unknown =>
  v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[field] : undefined;

/** Flags, at `[...at(i), 'key']`, every item whose key an earlier item already has. */
function duplicateKeys(ctx: z.RefinementCtx, items: readonly unknown[], at: (i: number) => (string | number)[], what: string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const key = fieldOf(item, 'key');
    if (typeof key !== 'string') return;
    if (seen.has(key))
      ctx.addIssue({
        code: 'custom',
        path: [...at(i), 'key'],
        message: `Another ${what} already has the key "${key}".`,
        params: rule('duplicate_key', { key }),
      });
    seen.add(key);
  });
}

// ---------- market sizing ----------

export const sizingApproaches = ['top_down', 'bottom_up'] as const;
export const sizingApproachSchema = z.enum(sizingApproaches);
export type SizingApproach = z.infer<typeof sizingApproachSchema>;

export const sizingLevels = ['tam', 'sam', 'som'] as const;
export type SizingLevel = (typeof sizingLevels)[number];

/**
 * What a factor counts. The product of a level's factors is an amount of money when exactly one
 * factor in the chain is `money` (the checks warn otherwise).
 * - count: things (companies, customers), e.g. 3,360,000 SMEs;
 * - share: a decimal part of the previous level, 0 to 1 (0.3 is 30%);
 * - money: an amount per thing in the sizing's currency, whole units (yen for JPY) or decimals;
 * - per_year: how often a year (purchases, renewals);
 * - ratio: any other non-negative multiplier (it may exceed 1, unlike a share).
 */
export const factorUnits = ['count', 'share', 'money', 'per_year', 'ratio'] as const;
export const factorUnitSchema = z.enum(factorUnits);
export type FactorUnit = z.infer<typeof factorUnitSchema>;

/** Where an assumption comes from: a published figure (title, link) or a document in the engagement's vault. */
export const sizingSourceSchema = z
  .strictObject({
    title: line(300),
    url: httpUrl().optional(),
    /** A document in the engagement's vault. */
    documentId: z.uuid({ message: 'Must be a UUID.' }).optional(),
    /** Page, table, or how the figure was derived from the source. */
    note: prose(1000).optional(),
  })
  .meta({ id: 'SizingSource' });
export type SizingSource = z.infer<typeof sizingSourceSchema>;

const factorValue = () => z.number({ message: 'Must be a finite number.' }).min(0, { message: 'Must not be negative.' });

export type FactorRangeProblem = { field: 'low' | 'base' | 'high'; problem: 'range_order' | 'share_out_of_range' };

/**
 * What is wrong with a factor's range: not low ≤ base ≤ high, or a share outside [0, 1]. The schema
 * refuses both; the sizing checks run it again on stored data.
 */
export function factorRangeProblems(f: { unit: FactorUnit; low: number; base: number; high: number }): FactorRangeProblem[] {
  const problems: FactorRangeProblem[] = [];
  if (!(f.low <= f.base)) problems.push({ field: 'base', problem: 'range_order' });
  if (!(f.base <= f.high)) problems.push({ field: 'high', problem: 'range_order' });
  if (f.unit === 'share')
    for (const field of ['low', 'base', 'high'] as const)
      if (!(f[field] >= 0 && f[field] <= 1)) problems.push({ field, problem: 'share_out_of_range' });
  return problems;
}

export const SIZING_FACTORS_PER_LEVEL_MAX = 20;

export const sizingFactorSchema = z
  .strictObject({
    key: keySchema,
    label: line(200),
    unit: factorUnitSchema,
    low: factorValue(),
    base: factorValue(),
    high: factorValue(),
    /** Null is accepted while a sizing is drafted; the checks flag it. */
    source: sizingSourceSchema.nullable(),
    notes: prose(2000).default(''),
  })
  .superRefine((f, ctx) => {
    for (const { field, problem } of factorRangeProblems(f)) {
      // A negative value has its own issue already (min 0).
      if (problem === 'share_out_of_range' && f[field] < 0) continue;
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: problem === 'range_order' ? 'Must be low ≤ base ≤ high.' : 'A share is a decimal between 0 and 1 (0.3 is 30%).',
        params: rule(problem),
      });
    }
  })
  .meta({ id: 'SizingFactor' });
export type SizingFactor = z.infer<typeof sizingFactorSchema>;

const sizingLevelSchema = (minFactors: number) =>
  z.strictObject({
    /** What the level is, e.g. "Cloud-accounting spend of Japanese SMEs". */
    label: line(200).optional(),
    factors: z.array(sizingFactorSchema).min(minFactors).max(SIZING_FACTORS_PER_LEVEL_MAX),
  });

export const marketSizingSchema = z
  .strictObject({
    /** The market sized: a top-down and a bottom-up sizing with the same key are compared (triangulation). */
    market: keySchema,
    title: line(200),
    approach: sizingApproachSchema,
    currency: currencySchema.default(DEFAULT_CURRENCY),
    /** Each level is the previous one (TAM: 1) times its factors; SAM and SOM may have none (the same as the level before). */
    levels: z.strictObject({ tam: sizingLevelSchema(1), sam: sizingLevelSchema(0), som: sizingLevelSchema(0) }),
    notes: prose(5000).default(''),
  })
  .superRefine(
    (s, ctx) => {
      // Keys are unique across the levels: a tornado and the findings name a factor by its key alone.
      const levels = fieldOf(s, 'levels');
      const all = sizingLevels.flatMap((level) => listOf(fieldOf(fieldOf(levels, level), 'factors')).map((f, i) => ({ f, level, i })));
      const seen = new Set<string>();
      for (const { f, level, i } of all) {
        const key = fieldOf(f, 'key');
        if (typeof key !== 'string') continue;
        if (seen.has(key))
          ctx.addIssue({
            code: 'custom',
            path: ['levels', level, 'factors', i, 'key'],
            message: `Another factor already has the key "${key}".`,
            params: rule('duplicate_key', { key }),
          });
        seen.add(key);
      }
    },
    { when: isObjectPayload },
  )
  .meta({ id: 'MarketSizing' });
export type MarketSizing = z.infer<typeof marketSizingSchema>;
export type MarketSizingInput = z.input<typeof marketSizingSchema>;

// ---------- competitor matrix ----------

/**
 * What a feature records. A `level` is an integer 0–3 (featureLevels): 0 none, 1 partial (a
 * workaround, a limited plan), 2 full, 3 best (the best in the field, a differentiator).
 */
export const featureKinds = ['boolean', 'level', 'number', 'text'] as const;
export const featureKindSchema = z.enum(featureKinds);
export type FeatureKind = z.infer<typeof featureKindSchema>;
export const featureLevels = ['none', 'partial', 'full', 'best'] as const;
export type FeatureLevel = (typeof featureLevels)[number];
export const FEATURE_LEVEL_MAX = featureLevels.length - 1;

export const pricingPeriods = ['once', 'month', 'year', 'user_month'] as const;
export const pricingPeriodSchema = z.enum(pricingPeriods);
export type PricingPeriod = z.infer<typeof pricingPeriodSchema>;

export const pricingPlanSchema = z
  .strictObject({
    name: line(120),
    /** Integer minor units of the matrix's currency (whole yen for JPY), as in money.ts. */
    amount: z
      .number({ message: 'Must be a number.' })
      // Not .int(): zod stops at it, and the matrix's cross-checks would then go unreported.
      .multipleOf(1, { message: 'Must be a whole number of the minor unit (yen have no decimals).' })
      .min(0, { message: 'Must not be negative.' })
      .max(Number.MAX_SAFE_INTEGER, { message: 'Amount is too large.' }),
    period: pricingPeriodSchema,
    notes: prose(1000).default(''),
  })
  .meta({ id: 'PricingPlan' });
export type PricingPlan = z.infer<typeof pricingPlanSchema>;

export const competitorSchema = z
  .strictObject({
    key: keySchema,
    name: line(200),
    url: httpUrl().optional(),
    notes: prose(2000).default(''),
    plans: z.array(pricingPlanSchema).max(20).default([]),
  })
  .meta({ id: 'Competitor' });
export type Competitor = z.infer<typeof competitorSchema>;

const featureBase = { key: keySchema, label: line(200), notes: prose(1000).default('') };
export const competitorFeatureSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('boolean'), ...featureBase }),
    z.strictObject({ kind: z.literal('level'), ...featureBase }),
    z.strictObject({ kind: z.literal('number'), ...featureBase, unit: line(40) }),
    z.strictObject({ kind: z.literal('text'), ...featureBase }),
  ])
  .meta({ id: 'CompetitorFeature' });
export type CompetitorFeature = z.infer<typeof competitorFeatureSchema>;

/** A value as the feature's kind wants it: boolean, an integer 0–3, a finite number, or one line of text. */
export const cellValueSchema = z.union([z.boolean(), z.number({ message: 'Must be a finite number.' }), line(1000)]);
export type CellValue = z.infer<typeof cellValueSchema>;

export const competitorCellSchema = z
  .strictObject({
    competitor: keySchema,
    feature: keySchema,
    value: cellValueSchema,
    note: prose(1000).optional(),
  })
  .meta({ id: 'CompetitorCell' });
export type CompetitorCell = z.infer<typeof competitorCellSchema>;

/** Why a value does not fit its feature's kind, or null when it does. */
export function cellValueProblem(kind: FeatureKind, value: unknown): 'type_mismatch' | 'out_of_scale' | null {
  switch (kind) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'type_mismatch';
    case 'level':
      if (typeof value !== 'number') return 'type_mismatch';
      return Number.isInteger(value) && value >= 0 && value <= FEATURE_LEVEL_MAX ? null : 'out_of_scale';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'type_mismatch';
    case 'text':
      return typeof value === 'string' ? null : 'type_mismatch';
  }
}

function checkMatrixReferences(m: unknown, ctx: z.RefinementCtx): void {
  const competitors = listOf(fieldOf(m, 'competitors'));
  const features = listOf(fieldOf(m, 'features'));
  duplicateKeys(ctx, competitors, (i) => ['competitors', i], 'competitor');
  duplicateKeys(ctx, features, (i) => ['features', i], 'feature');
  const competitorKeys = new Set(competitors.map((c) => fieldOf(c, 'key')));
  const kindOf = new Map(features.map((f) => [fieldOf(f, 'key'), fieldOf(f, 'kind')]));
  const cellsSeen = new Set<string>();
  listOf(fieldOf(m, 'cells')).forEach((cell, i) => {
    const competitor = fieldOf(cell, 'competitor');
    const feature = fieldOf(cell, 'feature');
    if (typeof competitor === 'string' && !competitorKeys.has(competitor))
      ctx.addIssue({
        code: 'custom',
        path: ['cells', i, 'competitor'],
        message: `No competitor has the key "${competitor}".`,
        params: rule('unknown_key', { key: competitor }),
      });
    if (typeof feature === 'string' && !kindOf.has(feature))
      ctx.addIssue({
        code: 'custom',
        path: ['cells', i, 'feature'],
        message: `No feature has the key "${feature}".`,
        params: rule('unknown_key', { key: feature }),
      });
    if (typeof competitor !== 'string' || typeof feature !== 'string') return;
    const pair = JSON.stringify([competitor, feature]);
    if (cellsSeen.has(pair))
      ctx.addIssue({
        code: 'custom',
        path: ['cells', i],
        message: `Another cell already holds ${competitor} × ${feature}.`,
        params: rule('duplicate_key', { key: `${competitor}/${feature}` }),
      });
    cellsSeen.add(pair);
    const kind = kindOf.get(feature);
    const problem = typeof kind === 'string' ? cellValueProblem(kind as FeatureKind, fieldOf(cell, 'value')) : null;
    if (problem)
      ctx.addIssue({
        code: 'custom',
        path: ['cells', i, 'value'],
        message:
          problem === 'out_of_scale'
            ? `A level is a whole number from 0 (none) to ${FEATURE_LEVEL_MAX} (best).`
            : `Does not fit the feature's kind (${String(kind)}).`,
        params: rule(problem, { kind: String(kind) }),
      });
  });
}

export const COMPETITORS_MAX = 100;
export const FEATURES_MAX = 200;

export const competitorMatrixSchema = z
  .strictObject({
    title: line(200).optional(),
    /** The currency of every pricing plan. */
    currency: currencySchema.default(DEFAULT_CURRENCY),
    competitors: z.array(competitorSchema).max(COMPETITORS_MAX),
    features: z.array(competitorFeatureSchema).max(FEATURES_MAX),
    /** One per competitor × feature at most; a missing cell is an unknown value, not "no". */
    cells: z.array(competitorCellSchema).max(COMPETITORS_MAX * FEATURES_MAX),
  })
  // Cross-references are checked even when some field is invalid, so every problem is listed at once.
  .superRefine((m, ctx) => checkMatrixReferences(m, ctx), { when: isObjectPayload })
  .meta({ id: 'CompetitorMatrix' });
export type CompetitorMatrix = z.infer<typeof competitorMatrixSchema>;
export type CompetitorMatrixInput = z.input<typeof competitorMatrixSchema>;
