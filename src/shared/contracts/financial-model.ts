import { z } from 'zod';
import { rule } from '../issue-codes.js';
import { currencySchema } from '../money.js';
import {
  checkSegmentScenarios,
  checkSegmentsAndLines,
  customLinesSchema,
  hasSegments,
  segmentOverrideSchema,
  segmentsSchema,
} from './financial-model-lines.js';

/**
 * The financial-model document: the content of a financial-modeling deliverable (a DCF with its
 * comparables and an accretion/dilution analysis). Versioned by `schemaVersion`.
 *
 * Conventions (docs/financial-model-format.md has them in full):
 * - rates are decimals (0.08 is 8%);
 * - money amounts are plain finite numbers in the model's `meta.unit` of `meta.currency`
 *   (e.g. millions of JPY). This is a model, not a ledger: amounts are estimates and may carry
 *   fractions, unlike `Money` in money.ts, which counts exact minor units;
 * - share counts are in `shares.unit`; prices per share are in whole currency units (e.g. yen);
 * - expenses, capital expenditure and bridge amounts are entered as positive numbers.
 */

export const FINANCIAL_MODEL_SCHEMA_VERSION = 1;
export const MAX_FORECAST_YEARS = 30;
export const MAX_HISTORICAL_YEARS = 30;

function describeInput(input: unknown): string {
  if (typeof input === 'number') return String(input);
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'string') return `the text ${JSON.stringify(input.length > 20 ? `${input.slice(0, 20)}…` : input)}`;
  return typeof input === 'object' ? 'an object' : typeof input;
}

/** A finite number (JSON has no NaN or Infinity, but programmatic callers can pass them). */
const finite = () =>
  z.number({
    error: (issue) => (issue.input === undefined ? 'Required.' : `Must be a finite number, got ${describeInput(issue.input)}.`),
  });

/** Money in the model's unit. */
const amount = () => finite();
/** A money amount that cannot be negative (a balance-sheet line, a bridge amount). */
const nonNegativeAmount = () => finite().min(0, { error: 'Must not be negative (enter the amount; the line says which way it counts).' });
/** A decimal rate that may be negative but not -100% or below (0.05 is 5%). */
const rate = () =>
  finite()
    .gt(-1, { error: 'Must be above -1 (-100%); rates are decimals, 0.05 is 5%.' })
    .lt(100, { error: 'Too large for a rate; rates are decimals, 0.05 is 5%.' });
/** A decimal share of something, 0 to 1. */
const fraction = () =>
  finite()
    .min(0, { error: 'Must be between 0 and 1 (a decimal, 0.3 is 30%).' })
    .max(1, { error: 'Must be between 0 and 1 (a decimal, 0.3 is 30%).' });
const positive = () => finite().gt(0, { error: 'Must be greater than 0.' });
const year = () =>
  z
    .number({ error: 'Must be a year such as 2025.' })
    .int({ error: 'Must be a whole year such as 2025.' })
    .min(1900, { error: 'Must be a year after 1900.' })
    .max(2200, { error: 'Must be a year before 2200.' });
const text = (max = 200) =>
  z
    .string({ error: 'Must be text.' })
    .trim()
    .min(1, { error: 'Must not be empty.' })
    .max(max, { error: `Must be at most ${max} characters.` });

export const modelLanguageSchema = z.enum(['ja', 'en']);
export type ModelLanguage = z.infer<typeof modelLanguageSchema>;

export const amountUnitSchema = z.enum(['ones', 'thousands', 'millions', 'billions']);
export type AmountUnit = z.infer<typeof amountUnitSchema>;
export const unitScale: Record<AmountUnit, number> = { ones: 1, thousands: 1e3, millions: 1e6, billions: 1e9 };

const isoDate = z
  .string({ error: 'Must be a date such as 2025-03-31.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Must be a date such as 2025-03-31.' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { error: 'Is not a real calendar date.', params: rule('not_a_date') },
  );

export const modelMetaSchema = z.strictObject({
  /** The deal's code name: what exports and screens show. */
  codeName: text(120),
  /** The real company, when the deliverable may name it (deal work usually does not). */
  company: z.strictObject({ name: text(), ticker: text(20).optional(), exchange: text(60).optional() }).optional(),
  language: modelLanguageSchema,
  currency: currencySchema,
  unit: amountUnitSchema,
  /** The valuation date; cash flows are discounted to it, the first forecast year starting there. */
  valuationDate: isoDate,
  versionLabel: text(60).optional(),
  preparedBy: text().optional(),
  notes: z.string().max(4000).optional(),
});

export const incomeStatementSchema = z.strictObject({
  revenue: amount(),
  costOfSales: amount().optional(),
  sellingGeneralAdministrative: amount().optional(),
  depreciationAmortization: amount(),
  /** EBIT. EBITDA is EBIT plus depreciation and amortisation. */
  operatingIncome: amount(),
  interestExpense: amount().optional(),
  incomeTax: amount().optional(),
  netIncome: amount().optional(),
});

export const balanceSheetSchema = z.strictObject({
  cash: nonNegativeAmount().default(0),
  receivables: nonNegativeAmount().default(0),
  inventories: nonNegativeAmount().default(0),
  otherCurrentAssets: nonNegativeAmount().default(0),
  propertyPlantEquipment: nonNegativeAmount().default(0),
  otherNonCurrentAssets: nonNegativeAmount().default(0),
  /** When given, it must equal the sum of the asset lines (a check). */
  totalAssets: nonNegativeAmount().optional(),
  payables: nonNegativeAmount().default(0),
  otherCurrentLiabilities: nonNegativeAmount().default(0),
  debt: nonNegativeAmount().default(0),
  otherNonCurrentLiabilities: nonNegativeAmount().default(0),
  /** Shareholders' equity including non-controlling interests; may be negative. */
  equity: amount(),
});

export const cashFlowSchema = z.strictObject({
  operatingCashFlow: amount().optional(),
  /** Spending, entered positive. */
  capitalExpenditure: amount().optional(),
});

export const historicalYearSchema = z.strictObject({
  year: year(),
  incomeStatement: incomeStatementSchema,
  balanceSheet: balanceSheetSchema.optional(),
  cashFlow: cashFlowSchema.optional(),
});

function consecutiveYears(years: number[], ctx: z.RefinementCtx, pathOf: (i: number) => (string | number)[], what: string): void {
  for (let i = 1; i < years.length; i++) {
    const prev = years[i - 1] ?? 0;
    const cur = years[i] ?? 0;
    if (cur === prev + 1) continue;
    const message =
      cur > prev + 1
        ? `Missing ${what} year${cur - prev > 2 ? `s ${prev + 1}–${cur - 1}` : ` ${prev + 1}`} between ${prev} and ${cur}; years must be consecutive.`
        : `Year ${cur} follows ${prev}; years must be consecutive and ascending.`;
    const params = cur > prev + 1 ? rule('years_gap', { from: prev + 1, to: cur - 1 }) : rule('years_order', { year: cur, previous: prev });
    ctx.addIssue({ code: 'custom', path: pathOf(i), message, params });
  }
}

export const forecastDriverKeys = [
  'revenueGrowth',
  'ebitdaMargin',
  'depreciationPercentOfRevenue',
  'capexPercentOfRevenue',
  'nwcPercentOfRevenue',
  'taxRate',
] as const;
export type ForecastDriverKey = (typeof forecastDriverKeys)[number];

const marginValue = () =>
  finite()
    .gt(-10, { error: 'Too negative for a margin; margins are decimals.' })
    .lt(10, { error: 'Too large for a margin; margins are decimals, 0.15 is 15%.' });
const taxRateValue = () => finite().gt(-1, { error: 'Must be above -1.' }).lt(1, { error: 'Must be below 1 (a decimal, 0.3 is 30%).' });
const driverValue: Record<ForecastDriverKey, () => z.ZodNumber> = {
  revenueGrowth: rate,
  ebitdaMargin: marginValue,
  depreciationPercentOfRevenue: rate,
  capexPercentOfRevenue: rate,
  nwcPercentOfRevenue: rate,
  taxRate: taxRateValue,
};
const driverArray = (key: ForecastDriverKey) => z.array(driverValue[key](), { error: 'Must be a list of numbers, one per forecast year.' });

/**
 * Cross-field rules run even when some fields failed (zod skips refinements after a failed field
 * by default), so one parse lists every problem. They see the raw input and check shapes first.
 */
const isObjectPayload = (payload: { value: unknown }) => payload.value !== null && typeof payload.value === 'object';
const integers = (v: unknown): number[] | null => (Array.isArray(v) && v.every((x) => Number.isInteger(x)) ? (v as number[]) : null);
const lengthOf = (v: unknown): number | null => (Array.isArray(v) ? v.length : null);

function checkForecastShape(raw: unknown, ctx: z.RefinementCtx): void {
  const f = raw as Record<string, unknown>;
  const years = integers(f.years);
  if (years) consecutiveYears(years, ctx, (i) => ['years', i], 'forecast');
  const horizon = lengthOf(f.years);
  checkSegmentsAndLines(f, horizon !== null && horizon <= MAX_FORECAST_YEARS ? horizon : null, ctx);
  if (horizon === null || horizon > MAX_FORECAST_YEARS) return;
  const salesToCapital = f.salesToCapital !== null && typeof f.salesToCapital === 'object';
  if (salesToCapital) checkSalesToCapital(f.salesToCapital as Record<string, unknown>, horizon, ctx);
  const levers = leversOf(f);
  if (years) checkLevers(f, levers, years, ctx);
  const ebitBased = f.operatingMargin !== undefined || levers.has('operatingMargin');
  const opMargins = lengthOf(f.operatingMargin);
  if (opMargins !== null && opMargins !== horizon && !levers.has('operatingMargin'))
    ctx.addIssue({
      code: 'custom',
      path: ['operatingMargin'],
      message: `Needs ${horizon} values, one per forecast year${years ? ` (${years[0]}–${years.at(-1)})` : ''}; got ${opMargins}.`,
      params: rule('values_per_year', { count: horizon, got: opMargins }),
    });
  for (const key of forecastDriverKeys) {
    const n = lengthOf(f[key]);
    if (levers.has(key)) continue;
    // Segments build the revenue (checkSegmentsAndLines refuses a revenue growth list beside them).
    if (key === 'revenueGrowth' && hasSegments(f)) continue;
    if (ebitBased && key === 'ebitdaMargin') {
      if (n !== null && n > 0)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message:
            'forecast.operatingMargin drives this model (based on EBIT); leave out "ebitdaMargin" (or leave out operatingMargin), not both.',
        });
      continue;
    }
    // A model based on EBIT may leave D&A out (no D&A); given, it has one value per year.
    if (ebitBased && key === 'depreciationPercentOfRevenue' && n === 0) continue;
    if (salesToCapital && reinvestmentKeys.has(key)) {
      if (n !== null && n > 0)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `forecast.salesToCapital gives the reinvestment; leave out "${key}" (or leave out salesToCapital), not both.`,
        });
      continue;
    }
    if (n !== null && n !== horizon)
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `Needs ${horizon} values, one per forecast year${years ? ` (${years[0]}–${years.at(-1)})` : ''}; got ${n}.`,
        params: rule('values_per_year', { count: horizon, got: n }),
      });
  }
}

/** The lever keys a forecast has (forecast.levers.<key> given as an object). */
function leversOf(f: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const l = f.levers;
  if (l === null || typeof l !== 'object') return out;
  for (const key of leverKeys) {
    const lever = (l as Record<string, unknown>)[key];
    if (lever !== null && typeof lever === 'object') out.set(key, lever as Record<string, unknown>);
  }
  return out;
}

/** A driver comes from its list or from its lever, one of the two; lever years lie in the forecast. */
function checkLevers(
  f: Record<string, unknown>,
  levers: Map<string, Record<string, unknown>>,
  years: number[],
  ctx: z.RefinementCtx,
): void {
  const first = years[0] ?? 0;
  const last = years.at(-1) ?? 0;
  for (const [key, lever] of levers) {
    const n = lengthOf(f[key]);
    if (n !== null && n > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['levers', key],
        message: `forecast.${key} is also given; a driver comes from its list or from its lever, not both.`,
      });
    const yearIn = (field: string, from: number, to: number, what: string) => {
      const y = lever[field];
      if (Number.isInteger(y) && ((y as number) < from || (y as number) > to))
        ctx.addIssue({
          code: 'custom',
          path: ['levers', key, field],
          message: `Must be a forecast year from ${from} to ${to} (${what}); got ${String(y)}.`,
        });
    };
    if (key === 'ebitdaMargin' || key === 'operatingMargin') {
      if (years.length < 2) continue;
      yearIn('targetYear', first + 1, last, 'the year the margin reaches its target, after the first forecast year');
    } else if (key === 'taxRate') {
      if (years.length < 2) continue;
      yearIn('marginalFromYear', first + 1, last, 'the first year at the marginal rate');
      const from = lever.marginalFromYear;
      const before = Number.isInteger(from) ? Math.min((from as number) - 1, last - 1) : last - 1;
      yearIn('effectiveUntilYear', first, before, 'the last year at the effective rate, before marginalFromYear');
    }
  }
  if (levers.has('ebitdaMargin') && (f.operatingMargin !== undefined || levers.has('operatingMargin')))
    ctx.addIssue({
      code: 'custom',
      path: ['levers', 'ebitdaMargin'],
      message: 'The model is based on EBIT (operatingMargin); give forecast.levers.operatingMargin or ebitdaMargin, not both.',
    });
}

/** The drivers that forecast.salesToCapital replaces. */
const reinvestmentKeys: ReadonlySet<string> = new Set(['capexPercentOfRevenue', 'nwcPercentOfRevenue']);

function checkSalesToCapital(s: Record<string, unknown>, horizon: number, ctx: z.RefinementCtx): void {
  const n = lengthOf(s.ratio);
  if (n !== null && n !== horizon)
    ctx.addIssue({
      code: 'custom',
      path: ['salesToCapital', 'ratio'],
      message: `Needs ${horizon} values, one per forecast year, or one number for every year; got ${n}.`,
      params: rule('values_per_year', { count: horizon, got: n }),
    });
  const lag = s.lag;
  if (Number.isInteger(lag) && (lag as number) <= 3 && (lag as number) > horizon)
    ctx.addIssue({
      code: 'custom',
      path: ['salesToCapital', 'lag'],
      message: `A lag of ${String(lag)} years reaches beyond the ${horizon}-year forecast and its terminal year: the first year's reinvestment would pay for growth the model does not have. Use a lag of at most ${horizon}.`,
    });
}

/**
 * Driver paths from levers (docs/decisions/0010, third slice), instead of a list per year:
 * - revenue growth: `firstYear` in the first forecast year, `years2To5` in the 2nd–5th, then a
 *   straight line from `years2To5` to the terminal growth rate, reached in the last forecast year;
 * - a margin: `firstYear` in the first forecast year, a straight line to `target`, reached in
 *   `targetYear` and kept after it;
 * - the tax rate: `effective` until `effectiveUntilYear` (default: the first forecast year), then a
 *   straight line to `marginal`, reached in `marginalFromYear` and kept after it.
 */
const revenueGrowthLeverSchema = z.strictObject({ firstYear: rate(), years2To5: rate() });
const marginLeverSchema = z.strictObject({ firstYear: marginValue(), target: marginValue(), targetYear: year() });
const taxRateLeverSchema = z.strictObject({
  effective: taxRateValue(),
  marginal: taxRateValue(),
  effectiveUntilYear: year().optional(),
  marginalFromYear: year(),
});
export const forecastLeversSchema = z.strictObject({
  revenueGrowth: revenueGrowthLeverSchema.optional(),
  ebitdaMargin: marginLeverSchema.optional(),
  operatingMargin: marginLeverSchema.optional(),
  taxRate: taxRateLeverSchema.optional(),
});
export type ForecastLevers = z.infer<typeof forecastLeversSchema>;
/** The drivers a lever can give instead of a list. */
export const leverKeys = ['revenueGrowth', 'ebitdaMargin', 'operatingMargin', 'taxRate'] as const;
export type LeverKey = (typeof leverKeys)[number];

export const forecastSchema = z
  .strictObject({
    /** Fiscal years of the forecast, consecutive, the first one after the last historical year. */
    years: z
      .array(year(), { error: 'Must be a list of years.' })
      .min(1, { error: 'The forecast needs at least one year.' })
      .max(MAX_FORECAST_YEARS, { error: `The forecast horizon must be at most ${MAX_FORECAST_YEARS} years.` }),
    /** Left out (an empty list) when `levers.revenueGrowth` gives the path instead. */
    revenueGrowth: driverArray('revenueGrowth').default([]),
    /** Left out (an empty list) when `operatingMargin` or a margin lever drives the model instead. */
    ebitdaMargin: driverArray('ebitdaMargin').default([]),
    /** D&A as % of revenue; optional (an empty list: no D&A) when `operatingMargin` drives the model. */
    depreciationPercentOfRevenue: driverArray('depreciationPercentOfRevenue').default([]),
    /**
     * A model based on EBIT (docs/decisions/0010, second slice): the operating (EBIT) margin, one per
     * forecast year, instead of `ebitdaMargin`. EBIT = revenue · margin; EBITDA = EBIT + D&A.
     */
    operatingMargin: z.array(marginValue(), { error: 'Must be a list of numbers, one per forecast year.' }).optional(),
    /** Left out (an empty list) when `salesToCapital` gives the reinvestment instead. */
    capexPercentOfRevenue: driverArray('capexPercentOfRevenue').default([]),
    /** Left out (an empty list) when `salesToCapital` gives the reinvestment instead. */
    nwcPercentOfRevenue: driverArray('nwcPercentOfRevenue').default([]),
    /** Cash tax rate on EBIT; left out (an empty list) when `levers.taxRate` gives the path instead. */
    taxRate: driverArray('taxRate').default([]),
    /** Driver paths from levers instead of lists (see forecastLeversSchema); each lever replaces its list. */
    levers: forecastLeversSchema.optional(),
    /**
     * Net working capital at the end of the last historical year when there is no balance sheet
     * to derive it from (receivables + inventories + other current assets - payables - other
     * current liabilities).
     */
    openingNetWorkingCapital: amount().optional(),
    /**
     * Taxes on losses (docs/decisions/0010): when present, no tax is paid on a negative EBIT, the
     * loss is carried forward, and carried-forward losses (starting from `openingBalance`) are
     * used against later profits. Absent, a negative EBIT has a negative tax (a tax saving).
     */
    lossCarryForward: z.strictObject({ openingBalance: nonNegativeAmount().default(0) }).optional(),
    /**
     * Reinvestment from the sales-to-capital ratio (docs/decisions/0010, second slice), instead of
     * capex and NWC as % of revenue: reinvestmentₜ = Δrevenue of year t + lag ÷ ratioₜ, and free cash
     * flow = NOPAT − reinvestment. The years after the forecast grow at the terminal growth rate
     * (the value-driver terminal year's revenue growth when given); a lag reaching past the terminal
     * year uses the terminal year's Δrevenue.
     */
    salesToCapital: z
      .strictObject({
        /** Revenue per unit of new invested capital: one ratio, or one per forecast year. */
        ratio: z.union([positive().lt(1000, { error: 'Too large for a sales-to-capital ratio.' }), z.array(positive().lt(1000))], {
          error: 'Must be a positive number, or a list of them, one per forecast year.',
        }),
        /** Years between the reinvestment and the revenue growth it pays for, 0–3. */
        lag: z
          .number({ error: 'Must be a whole number of years, 0 to 3.' })
          .int({ error: 'Must be a whole number of years, 0 to 3.' })
          .min(0, { error: 'Must be a whole number of years, 0 to 3.' })
          .max(3, { error: 'Must be a whole number of years, 0 to 3.' })
          .default(0),
      })
      .optional(),
    /**
     * Invested capital at the end of the last historical year (operating assets net of operating
     * liabilities: NWC + fixed assets, or equity + debt − cash). Given, the outputs show invested
     * capital and ROIC (NOPAT ÷ opening invested capital) per year.
     */
    openingInvestedCapital: amount().optional(),
    /** Revenue (and variable costs) built from segments, volume × price (financial-model-lines.ts); replaces revenueGrowth. */
    segments: segmentsSchema.optional(),
    /** Custom lines defined by formulas (financial-model-formula.ts): shown, or taken off before EBITDA. */
    lines: customLinesSchema.optional(),
  })
  .superRefine((f, ctx) => checkForecastShape(f, ctx), { when: isObjectPayload });

export const betaSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('unlevered'), value: finite().gt(-5).lt(10) }),
    z.strictObject({
      kind: z.literal('levered'),
      value: finite().gt(-5).lt(10),
      /** The debt-to-equity ratio at which the beta was observed; omitted, the beta is taken at the target structure. */
      observedDebtToEquity: finite().min(0).lt(100).optional(),
    }),
  ],
  { error: 'Must be {"kind": "unlevered", "value": …} or {"kind": "levered", "value": …}.' },
);

/**
 * How an input moves over the forecast years: one value per forecast year (`values`), or the
 * input's own value until the year before `fromYear`, then a straight line that reaches
 * `terminal` in the last forecast year (and stays there for the terminal value).
 */
const pathSchema = (value: () => z.ZodNumber) =>
  z
    .strictObject({
      values: z.array(value(), { error: 'Must be a list of numbers, one per forecast year.' }).optional(),
      fromYear: year().optional(),
      terminal: value().optional(),
    })
    .superRefine(
      (p, ctx) => {
        const hasValues = p.values !== undefined;
        const hasLine = p.fromYear !== undefined || p.terminal !== undefined;
        if (hasValues === hasLine)
          ctx.addIssue({
            code: 'custom',
            path: [],
            message: hasValues
              ? 'Give either "values" (one per forecast year) or "fromYear" and "terminal", not both.'
              : 'Give "values" (one per forecast year), or "fromYear" and "terminal" (a straight line to the terminal value).',
          });
        else if (hasLine && (p.fromYear === undefined || p.terminal === undefined))
          ctx.addIssue({
            code: 'custom',
            path: [p.fromYear === undefined ? 'fromYear' : 'terminal'],
            message: 'A straight-line path needs both "fromYear" and "terminal".',
          });
      },
      { when: isObjectPayload },
    );
export type InputPath = { values?: number[] | undefined; fromYear?: number | undefined; terminal?: number | undefined };

const betaValue = () => finite().gt(-5).lt(10);
const debtToCapitalValue = () =>
  finite().min(0, { error: 'Must be between 0 and 1 (excluded).' }).lt(1, { error: 'Must be below 1: D/(D+E) of 1 leaves no equity.' });

/** CAPM inputs that may change by year (wacc.byYear of a CAPM WACC). */
export const capmPathKeys = [
  'riskFreeRate',
  'equityRiskPremium',
  'beta',
  'sizePremium',
  'preTaxCostOfDebt',
  'targetDebtToCapital',
] as const;
export type CapmPathKey = (typeof capmPathKeys)[number];

export const waccSchema = z.discriminatedUnion(
  'method',
  [
    z.strictObject({
      method: z.literal('capm'),
      riskFreeRate: rate(),
      equityRiskPremium: rate(),
      beta: betaSchema,
      sizePremium: rate().default(0),
      preTaxCostOfDebt: rate(),
      /** The marginal tax rate of the interest tax shield and of (un)levering beta. */
      marginalTaxRate: finite().min(0).lt(1, { error: 'Must be below 1 (a decimal).' }),
      /** D / (D + E) at the target capital structure. */
      targetDebtToCapital: finite()
        .min(0, { error: 'Must be between 0 and 1 (excluded).' })
        .lt(1, { error: 'Must be below 1: D/(D+E) of 1 leaves no equity.' }),
      /** CAPM inputs that change by year (a beta drifting to 1, a rising risk-free rate): WACC is built for each forecast year. */
      byYear: z
        .strictObject({
          riskFreeRate: pathSchema(rate).optional(),
          equityRiskPremium: pathSchema(rate).optional(),
          /** The same kind as `beta` (levered at the observed D/E, or unlevered). */
          beta: pathSchema(betaValue).optional(),
          sizePremium: pathSchema(rate).optional(),
          preTaxCostOfDebt: pathSchema(rate).optional(),
          targetDebtToCapital: pathSchema(debtToCapitalValue).optional(),
        })
        .optional(),
    }),
    z.strictObject({
      method: z.literal('direct'),
      rate: rate(),
      /** The cost of capital by forecast year; `rate` is where a straight-line path starts. */
      byYear: z.strictObject({ rate: pathSchema(rate) }).optional(),
    }),
  ],
  { error: 'Must be {"method": "capm", …} or {"method": "direct", "rate": …}.' },
);

export const terminalValueSchema = z.strictObject({
  /** Which terminal value gives the headline value; both are always computed. */
  method: z.enum(['gordon', 'exitMultiple']),
  /** Perpetual growth of free cash flow after the last forecast year (Gordon growth). */
  growthRate: rate(),
  /**
   * EV / EBITDA applied to the last forecast year's EBITDA. Optional unless `method` is
   * "exitMultiple": without it the exit-multiple figures are not computed (docs/decisions/0010).
   */
  exitMultiple: positive().lt(1000, { error: 'Too large for an EV/EBITDA multiple.' }).optional(),
  /**
   * The cost of capital of the years after the forecast (the terminal WACC). Omitted: the WACC
   * path's terminal value, or WACC.
   */
  costOfCapital: rate().optional(),
  /**
   * The value-driver terminal value (McKinsey, "Valuation", ch. "Continuing value"):
   * TV = NOPATₙ₊₁ · (1 − g / RONIC) / (WACC_terminal − g), with the first year after the forecast
   * stated here. It replaces the Gordon value on last year's free cash flow.
   */
  valueDriver: z
    .strictObject({
      /** Revenue growth into the terminal year; omitted, the terminal growth rate. */
      revenueGrowth: rate().optional(),
      /** Operating (EBIT) margin of the terminal year. */
      operatingMargin: marginValue(),
      /** The marginal tax rate on the terminal year's EBIT. */
      taxRate: finite().min(0, { error: 'Must not be negative.' }).lt(1, { error: 'Must be below 1 (a decimal, 0.3 is 30%).' }),
      /** Return on new invested capital; omitted, the terminal cost of capital (growth creates no value). */
      ronic: rate().optional(),
    })
    .optional(),
});

export const bridgeItemSchema = z.strictObject({
  label: text(),
  amount: nonNegativeAmount(),
  /** add: non-operating assets (investments, cross-shareholdings); deduct: debt-like items (pension deficit, minorities). */
  treatment: z.enum(['add', 'deduct']),
});

/**
 * A bridge item stated at book or at market value (docs/decisions/0010, fourth slice; Damodaran's
 * Ginzu): at book, an optional price-to-book ratio (the sector's) scales it to an estimated market
 * value; at market, it counts as given.
 */
export const bookOrMarketSchema = z
  .strictObject({
    label: text().optional(),
    amount: nonNegativeAmount(),
    valuedAt: z.enum(['book', 'market'], { error: 'Must be "book" or "market".' }),
    /** Only at book: the price-to-book ratio the book value is multiplied by. Omitted: 1 (book value as is). */
    priceToBook: positive().lt(100, { error: 'Too large for a price-to-book ratio.' }).optional(),
  })
  .superRefine(
    (b, ctx) => {
      if (b.valuedAt === 'market' && b.priceToBook !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['priceToBook'],
          message: 'A market value is not scaled; give priceToBook only with "valuedAt": "book".',
        });
    },
    { when: isObjectPayload },
  );
export type BookOrMarket = z.infer<typeof bookOrMarketSchema>;

export const bridgeSchema = z.strictObject({
  debt: nonNegativeAmount(),
  cash: nonNegativeAmount(),
  otherItems: z.array(bridgeItemSchema).max(50).default([]),
  /** Minority (non-controlling) interests, deducted (fourth slice). */
  minorityInterests: bookOrMarketSchema.optional(),
  /** Cross-holdings and other non-operating investments, added (fourth slice). */
  crossHoldings: bookOrMarketSchema.optional(),
});

/**
 * A probability of failure (Damodaran's Ginzu): the value of the operating assets is
 * going-concern value × (1 − probability) + distress proceeds × probability, the proceeds being a
 * percentage of the book value of capital (debt + equity) or of the going-concern value.
 */
export const failureSchema = z.strictObject({
  probability: fraction(),
  proceedsBasis: z.enum(['bookValue', 'fairValue'], { error: 'Must be "bookValue" or "fairValue".' }),
  /** Distress proceeds as a decimal of the basis (0.5 is 50%). */
  proceedsPercent: finite().min(0, { error: 'Must not be negative.' }).max(10, { error: 'Too large; a decimal of the basis, 0.5 is 50%.' }),
  /** With "bookValue": the book value of capital; omitted, the last historical balance sheet's debt + equity. */
  bookValueOfCapital: nonNegativeAmount().optional(),
});
export type FailureInputs = z.infer<typeof failureSchema>;

const positiveRate = () =>
  finite().gt(0, { error: 'Must be above 0 (a decimal, 0.05 is 5%).' }).lt(1, { error: 'Must be below 1 (a decimal, 0.05 is 5%).' });

/**
 * Capitalisation adjustments (fourth slice), as Damodaran's R&D and operating lease converters do
 * them. Neither changes the free cash flows: see docs/financial-model-format.md.
 */
export const capitalizationSchema = z.strictObject({
  /** R&D capitalised over `life` years (straight-line amortisation). */
  researchAndDevelopment: z
    .strictObject({
      /** Amortisable life in whole years, 1–20. */
      life: z
        .number({ error: 'Must be a whole number of years, 1 to 20.' })
        .int({ error: 'Must be a whole number of years, 1 to 20.' })
        .min(1, { error: 'Must be a whole number of years, 1 to 20.' })
        .max(20, { error: 'Must be a whole number of years, 1 to 20.' }),
      /** R&D expense by year, oldest first, ending with the last historical year: life + 1 values. */
      expenses: z
        .array(nonNegativeAmount(), { error: 'Must be a list of amounts, oldest year first.' })
        .min(2, { error: 'Needs life + 1 years of R&D expense.' })
        .max(21),
      /** Forecast R&D as a decimal of revenue: one number, or one per forecast year. Omitted: 0. */
      percentOfRevenue: z
        .union([rate(), z.array(rate())], { error: 'Must be a number, or a list of them, one per forecast year.' })
        .optional(),
    })
    .superRefine(
      (r, ctx) => {
        if (r.expenses.length !== r.life + 1)
          ctx.addIssue({
            code: 'custom',
            path: ['expenses'],
            message: `Needs ${r.life + 1} values (the last historical year and the ${r.life} before it, oldest first) for a life of ${r.life} years; got ${r.expenses.length}.`,
          });
      },
      {
        when: (payload) =>
          isObjectPayload(payload) &&
          Array.isArray((payload.value as { expenses?: unknown }).expenses) &&
          Number.isInteger((payload.value as { life?: unknown }).life),
      },
    )
    .optional(),
  /** Operating leases converted to debt. */
  operatingLeases: z
    .strictObject({
      /** The last historical year's operating lease expense. */
      currentExpense: nonNegativeAmount(),
      /** Commitments for the next years, one per year (year 1 first), 1–10 values. */
      commitments: z
        .array(nonNegativeAmount(), { error: 'Must be a list of amounts, year 1 first.' })
        .min(1, { error: 'Needs at least one year of commitments.' })
        .max(10, { error: 'At most 10 years; put the rest in "beyond".' }),
      /** Commitments after the last listed year, as one amount. */
      beyond: nonNegativeAmount().default(0),
      /** Years the "beyond" amount is spread over; omitted, beyond ÷ the average listed commitment, truncated to whole years (at least 1). */
      beyondYears: z
        .number({ error: 'Must be a whole number of years, 1 to 50.' })
        .int({ error: 'Must be a whole number of years, 1 to 50.' })
        .min(1, { error: 'Must be a whole number of years, 1 to 50.' })
        .max(50, { error: 'Must be a whole number of years, 1 to 50.' })
        .optional(),
      /** The pre-tax cost of debt the commitments are discounted at; omitted, the CAPM WACC's (required when WACC is given directly). */
      preTaxCostOfDebt: positiveRate().optional(),
    })
    .optional(),
});
export type CapitalizationInputs = z.infer<typeof capitalizationSchema>;

export const dilutiveSecuritySchema = z.strictObject({
  label: text().optional(),
  /** Number of options, warrants or restricted shares, in shares.unit. */
  count: positive(),
  /** Exercise price per share in whole currency units; 0 for restricted stock units. */
  strikePrice: finite().min(0, { error: 'Must not be negative.' }),
});

/**
 * Employee options valued by Black–Scholes with the dilution adjustment (Hull, "Options, Futures,
 * and Other Derivatives", warrants and employee stock options): each option is worth
 * N / (N + M) × a call on a share worth equity value ÷ N (N basic shares, M options), and their
 * value is deducted from the equity value before it is divided by the shares.
 */
export const employeeOptionsSchema = z.strictObject({
  label: text().optional(),
  /** Options outstanding, in shares.unit. */
  count: positive(),
  /** Average exercise price per share, whole currency units. */
  averageStrike: positive(),
  /** Average years to expiry. */
  maturity: positive().max(50, { error: 'Must be at most 50 years.' }),
  /** Annual volatility of the share (a decimal, 0.3 is 30%). */
  volatility: positive().lt(10, { error: 'Too large for a volatility; volatilities are decimals, 0.3 is 30%.' }),
  /** Continuous dividend yield (a decimal). */
  dividendYield: finite().min(0, { error: 'Must not be negative.' }).lt(1, { error: 'Must be below 1 (a decimal).' }).default(0),
  /** The risk-free rate; omitted, the CAPM WACC's riskFreeRate (required when WACC is given directly). */
  riskFreeRate: rate().optional(),
});

export const sharesSchema = z.strictObject({
  unit: amountUnitSchema,
  basic: positive(),
  /** Options and the like, diluting by the treasury-stock method. */
  dilutive: z.array(dilutiveSecuritySchema).max(50).default([]),
  /** Employee options valued by Black–Scholes instead (docs/decisions/0010, third slice). */
  options: employeeOptionsSchema.optional(),
});

export const marketSchema = z.strictObject({
  sharePrice: positive().optional(),
  low52Week: positive().optional(),
  high52Week: positive().optional(),
});

/** The inputs that sensitivity grids, tornado charts and the source register know by name. */
export const inputIds = [
  'wacc',
  'terminalGrowth',
  'exitMultiple',
  'riskFreeRate',
  'equityRiskPremium',
  'beta',
  'sizePremium',
  'preTaxCostOfDebt',
  'targetDebtToCapital',
  ...forecastDriverKeys,
  /** The probability of failure (valuation.failure.probability), only in a model that has one. */
  'failureProbability',
] as const;
export type InputId = (typeof inputIds)[number];
export const inputIdSchema = z.enum(inputIds, { error: `Must be one of: ${inputIds.join(', ')}.` });

export const scenarioOverridesSchema = z.strictObject({
  /** Fields of the model's valuation.failure replaced in the scenario (fourth slice). */
  failure: z
    .strictObject({ probability: fraction().optional(), proceedsPercent: failureSchema.shape.proceedsPercent.optional() })
    .optional(),
  forecast: z
    .strictObject({
      revenueGrowth: driverArray('revenueGrowth').optional(),
      ebitdaMargin: driverArray('ebitdaMargin').optional(),
      depreciationPercentOfRevenue: driverArray('depreciationPercentOfRevenue').optional(),
      capexPercentOfRevenue: driverArray('capexPercentOfRevenue').optional(),
      nwcPercentOfRevenue: driverArray('nwcPercentOfRevenue').optional(),
      taxRate: driverArray('taxRate').optional(),
      /** For a model based on EBIT (forecast.operatingMargin). */
      operatingMargin: z.array(marginValue(), { error: 'Must be a list of numbers, one per forecast year.' }).optional(),
      /** Lever fields replacing the model's own (forecast.levers); the rest of each lever is the model's. */
      levers: z
        .strictObject({
          revenueGrowth: revenueGrowthLeverSchema.partial().optional(),
          ebitdaMargin: marginLeverSchema.partial().optional(),
          operatingMargin: marginLeverSchema.partial().optional(),
          taxRate: taxRateLeverSchema.partial().optional(),
        })
        .optional(),
      /** Growth of the model's segments replaced in the scenario, by segment name. */
      segments: z.array(segmentOverrideSchema).max(20).optional(),
    })
    .optional(),
  wacc: z
    .strictObject({
      rate: rate().optional(),
      riskFreeRate: rate().optional(),
      equityRiskPremium: rate().optional(),
      beta: finite().gt(-5).lt(10).optional(),
      sizePremium: rate().optional(),
      preTaxCostOfDebt: rate().optional(),
      targetDebtToCapital: finite().min(0).lt(1).optional(),
    })
    .optional(),
  terminalValue: z
    .strictObject({
      growthRate: rate().optional(),
      exitMultiple: positive().optional(),
      costOfCapital: rate().optional(),
      /** Fields of the model's value-driver terminal year (valuation.terminalValue.valueDriver) replaced in the scenario. */
      valueDriver: z
        .strictObject({
          revenueGrowth: rate().optional(),
          operatingMargin: marginValue().optional(),
          taxRate: finite()
            .min(0, { error: 'Must not be negative.' })
            .lt(1, { error: 'Must be below 1 (a decimal, 0.3 is 30%).' })
            .optional(),
          ronic: rate().optional(),
        })
        .optional(),
    })
    .optional(),
});

export const scenarioSchema = z.strictObject({
  name: z
    .string({ error: 'Must be text.' })
    .regex(/^[a-z][a-z0-9_-]{0,39}$/, { error: 'Must be a short lowercase name such as bull or bear.' })
    .refine((n) => n !== 'base', {
      error: 'The base case is the model itself; name scenarios otherwise.',
      params: rule('reserved_name'),
    }),
  label: text().optional(),
  overrides: scenarioOverridesSchema,
});

export const comparableCompanySchema = z.strictObject({
  name: text(),
  ticker: text(20).optional(),
  enterpriseValue: amount(),
  marketCap: amount(),
  revenue: amount(),
  ebitda: amount(),
  netIncome: amount(),
});

export const comparablesSchema = z.strictObject({
  /** ltm: the target's last historical year; ntm: its first forecast year. */
  basis: z.enum(['ltm', 'ntm']),
  companies: z.array(comparableCompanySchema).min(1, { error: 'Needs at least one comparable company.' }).max(200),
  /** The target's own metrics, when they should not come from the model (e.g. NTM net income). */
  target: z.strictObject({ revenue: amount().optional(), ebitda: amount().optional(), netIncome: amount().optional() }).optional(),
});

export const accretionDilutionSchema = z
  .strictObject({
    acquirerName: text(),
    acquirerSharePrice: positive(),
    /** Diluted shares of the acquirer, in shares.unit. */
    acquirerShares: positive(),
    /** The acquirer's stand-alone net income for the year analysed. */
    acquirerNetIncome: amount(),
    /** The target's stand-alone net income for the same year. */
    targetNetIncome: amount(),
    /** Offer price per target share, whole currency units. */
    offerPricePerShare: positive(),
    financing: z.strictObject({ cash: fraction(), debt: fraction(), stock: fraction() }),
    preTaxCostOfNewDebt: rate(),
    /** Interest the acquirer forgoes on the cash it spends. */
    interestRateOnCash: rate(),
    taxRate: finite().min(0).lt(1),
    /** Pre-tax run-rate synergies. */
    synergies: amount().default(0),
    /** Pre-tax yearly amortisation of acquired intangibles. */
    newAmortization: nonNegativeAmount().default(0),
    /** Fees paid in cash at closing, added to the cash funded. */
    transactionFees: nonNegativeAmount().default(0),
  })
  .superRefine((a, ctx) => {
    const sum = a.financing.cash + a.financing.debt + a.financing.stock;
    if (Math.abs(sum - 1) > 1e-9)
      ctx.addIssue({
        code: 'custom',
        path: ['financing'],
        message: `cash + debt + stock must add up to 1 (100%); they add up to ${sum}.`,
        params: rule('financing_total', { total: `${Math.round(sum * 1000) / 10}%` }),
      });
  });

export const footballFieldSchema = z.strictObject({
  /** The DCF bars flex terminal growth, the exit multiple and WACC by these amounts either way. */
  growthRange: finite().gt(0).lt(0.1).default(0.005),
  multipleRange: finite().gt(0).lt(100).default(1),
  waccRange: finite().gt(0).lt(0.2).default(0.01),
});

export const financialModelSchema = z
  .strictObject({
    schemaVersion: z.literal(FINANCIAL_MODEL_SCHEMA_VERSION, {
      error: `Must be ${FINANCIAL_MODEL_SCHEMA_VERSION} (this version of kpo reads schema version ${FINANCIAL_MODEL_SCHEMA_VERSION}).`,
    }),
    meta: modelMetaSchema,
    historicals: z
      .array(historicalYearSchema, { error: 'Must be a list of historical years.' })
      .min(1, { error: 'Needs at least one historical year (the base year of the forecast).' })
      .max(MAX_HISTORICAL_YEARS, { error: `At most ${MAX_HISTORICAL_YEARS} historical years.` })
      .superRefine(
        (h, ctx) => {
          const years = integers((h as unknown[]).map((y) => (y as { year?: unknown } | null)?.year));
          if (years) consecutiveYears(years, ctx, (i) => [i, 'year'], 'historical');
        },
        { when: (payload) => Array.isArray(payload.value) },
      ),
    forecast: forecastSchema,
    wacc: waccSchema,
    valuation: z.strictObject({
      midYearConvention: z.boolean({ error: 'Must be true or false.' }),
      terminalValue: terminalValueSchema,
      /** A probability of failure weighting the going-concern value (fourth slice). */
      failure: failureSchema.optional(),
    }),
    bridge: bridgeSchema,
    shares: sharesSchema,
    market: marketSchema.optional(),
    /** Where each input comes from, keyed by input id (e.g. "beta": "Bloomberg 2Y weekly vs TOPIX, peer median"). */
    sources: z.partialRecord(inputIdSchema, text(500)).default({}),
    scenarios: z.array(scenarioSchema).max(20).default([]),
    comparables: comparablesSchema.optional(),
    accretionDilution: accretionDilutionSchema.optional(),
    footballField: footballFieldSchema.optional(),
    /** R&D and operating leases capitalised (fourth slice). */
    capitalization: capitalizationSchema.optional(),
  })
  .superRefine((m, ctx) => checkModelShape(m, ctx), { when: isObjectPayload });

function checkModelShape(raw: unknown, ctx: z.RefinementCtx): void {
  const m = raw as { historicals?: unknown; forecast?: { years?: unknown }; scenarios?: unknown; wacc?: { method?: unknown } };
  const historicalYears = Array.isArray(m.historicals) ? integers(m.historicals.map((h) => (h as { year?: unknown } | null)?.year)) : null;
  const forecastYears = integers(m.forecast?.years);
  const lastHistorical = historicalYears?.at(-1);
  const firstForecast = forecastYears?.[0];
  if (lastHistorical !== undefined && firstForecast !== undefined && firstForecast !== lastHistorical + 1)
    ctx.addIssue({
      code: 'custom',
      path: ['forecast', 'years', 0],
      message: `The first forecast year must be ${lastHistorical + 1}, the year after the last historical year ${lastHistorical}; got ${firstForecast}.`,
      params: rule('first_forecast_year', { year: lastHistorical + 1, last: lastHistorical }),
    });
  const horizon = lengthOf(m.forecast?.years);
  const s2c = (m.forecast as { salesToCapital?: unknown } | undefined)?.salesToCapital;
  const salesToCapital = s2c !== null && typeof s2c === 'object';
  const baseLevers = m.forecast && typeof m.forecast === 'object' ? leversOf(m.forecast as Record<string, unknown>) : new Map();
  const ebitBased =
    (m.forecast as { operatingMargin?: unknown } | undefined)?.operatingMargin !== undefined || baseLevers.has('operatingMargin');
  const hasValueDriver = (() => {
    const vd = (m as { valuation?: { terminalValue?: { valueDriver?: unknown } } }).valuation?.terminalValue?.valueDriver;
    return vd !== null && typeof vd === 'object';
  })();
  checkPaths(raw, forecastYears, ctx);
  checkTerminalRates(raw, ctx);
  checkExitMultiple(raw, ctx);
  checkSegmentScenarios(raw as Record<string, unknown>, ctx);
  checkAdjustments(raw, horizon, ctx);
  const options = (m as { shares?: { options?: { riskFreeRate?: unknown } | null } }).shares?.options;
  if (options && typeof options === 'object' && options.riskFreeRate === undefined && m.wacc?.method === 'direct')
    ctx.addIssue({
      code: 'custom',
      path: ['shares', 'options', 'riskFreeRate'],
      message: 'Required: WACC is given directly (method "direct"), so the model has no risk-free rate for Black–Scholes.',
    });
  if (!Array.isArray(m.scenarios)) return;
  const seen = new Set<unknown>();
  m.scenarios.forEach((raw, i) => {
    const s = raw as { name?: unknown; overrides?: { forecast?: Record<string, unknown>; wacc?: Record<string, unknown> } } | null;
    if (!s || typeof s !== 'object') return;
    if (seen.has(s.name))
      ctx.addIssue({
        code: 'custom',
        path: ['scenarios', i, 'name'],
        message: `Scenario "${String(s.name)}" appears twice.`,
        params: rule('each_once'),
      });
    seen.add(s.name);
    const opOverride = lengthOf(s.overrides?.forecast?.operatingMargin);
    if (opOverride !== null && !ebitBased)
      ctx.addIssue({
        code: 'custom',
        path: ['scenarios', i, 'overrides', 'forecast', 'operatingMargin'],
        message: 'The model is driven by forecast.ebitdaMargin; override "ebitdaMargin" instead of "operatingMargin".',
      });
    else if (opOverride !== null && horizon !== null && horizon <= MAX_FORECAST_YEARS && opOverride !== horizon)
      ctx.addIssue({
        code: 'custom',
        path: ['scenarios', i, 'overrides', 'forecast', 'operatingMargin'],
        message: `Needs ${horizon} values, one per forecast year; got ${opOverride}.`,
        params: rule('values_per_year', { count: horizon, got: opOverride }),
      });
    checkScenarioLevers(s.overrides?.forecast, baseLevers, forecastYears, ['scenarios', i, 'overrides', 'forecast'], ctx);
    const vdOverride = (s.overrides as { terminalValue?: { valueDriver?: unknown } } | undefined)?.terminalValue?.valueDriver;
    if (vdOverride !== undefined && !hasValueDriver)
      ctx.addIssue({
        code: 'custom',
        path: ['scenarios', i, 'overrides', 'terminalValue', 'valueDriver'],
        message: 'The model has no value-driver terminal value (valuation.terminalValue.valueDriver) for the scenario to change.',
      });
    for (const key of forecastDriverKeys) {
      const n = lengthOf(s.overrides?.forecast?.[key]);
      if (n !== null && baseLevers.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['scenarios', i, 'overrides', 'forecast', key],
          message: `The model's ${key} comes from forecast.levers.${key}; override the lever (overrides.forecast.levers.${key}) instead.`,
        });
        continue;
      }
      if (n !== null && key === 'ebitdaMargin' && ebitBased) {
        ctx.addIssue({
          code: 'custom',
          path: ['scenarios', i, 'overrides', 'forecast', key],
          message: 'The model is based on EBIT (forecast.operatingMargin); override "operatingMargin" instead of "ebitdaMargin".',
        });
        continue;
      }
      if (n !== null && reinvestmentKeys.has(key) && salesToCapital) {
        ctx.addIssue({
          code: 'custom',
          path: ['scenarios', i, 'overrides', 'forecast', key],
          message: `The model's reinvestment comes from forecast.salesToCapital; "${key}" has nothing to override.`,
        });
        continue;
      }
      if (n !== null && horizon !== null && horizon <= MAX_FORECAST_YEARS && n !== horizon)
        ctx.addIssue({
          code: 'custom',
          path: ['scenarios', i, 'overrides', 'forecast', key],
          message: `Needs ${horizon} values, one per forecast year; got ${n}.`,
          params: rule('values_per_year', { count: horizon, got: n }),
        });
    }
    const w = s.overrides?.wacc;
    if (w && typeof w === 'object') {
      const capmOnly = Object.keys(w).filter((k) => k !== 'rate');
      if (m.wacc?.method === 'direct' && capmOnly.length > 0)
        ctx.addIssue({
          code: 'custom',
          path: ['scenarios', i, 'overrides', 'wacc', capmOnly[0] ?? ''],
          message: 'The model gives WACC directly (method "direct"); override "rate" instead.',
          params: rule('override_rate_only'),
        });
      if (m.wacc?.method === 'capm' && w.rate !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['scenarios', i, 'overrides', 'wacc', 'rate'],
          message: 'The model builds WACC by CAPM; override its inputs (riskFreeRate, beta, …) instead of "rate".',
          params: rule('override_capm_inputs'),
        });
    }
  });
}

/** A scenario moves the levers the model has, never a list the levers give; its lever years lie in the forecast. */
function checkScenarioLevers(
  forecast: Record<string, unknown> | undefined,
  baseLevers: Map<string, Record<string, unknown>>,
  years: number[] | null,
  at: (string | number)[],
  ctx: z.RefinementCtx,
): void {
  if (!forecast || typeof forecast !== 'object') return;
  if (baseLevers.has('operatingMargin') && lengthOf(forecast.operatingMargin) !== null)
    ctx.addIssue({
      code: 'custom',
      path: [...at, 'operatingMargin'],
      message:
        "The model's operatingMargin comes from forecast.levers.operatingMargin; override the lever (overrides.forecast.levers.operatingMargin) instead.",
    });
  const levers = leversOf(forecast);
  for (const [key, lever] of levers) {
    if (!baseLevers.has(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, 'levers', key],
        message: `The model has no forecast.levers.${key} for the scenario to move; override forecast.${key} (the list) instead.`,
      });
      continue;
    }
    if (!years || years.length < 2) continue;
    const first = years[0] ?? 0;
    const last = years.at(-1) ?? 0;
    for (const [field, from] of [
      ['targetYear', first + 1],
      ['marginalFromYear', first + 1],
      ['effectiveUntilYear', first],
    ] as const) {
      const y = lever[field];
      if (Number.isInteger(y) && ((y as number) < from || (y as number) > last))
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'levers', key, field],
          message: `Must be a forecast year from ${from} to ${last}; got ${String(y)}.`,
        });
    }
  }
}

/** The fourth slice's cross-field rules: where a default comes from, and per-year lists. */
function checkAdjustments(raw: unknown, horizon: number | null, ctx: z.RefinementCtx): void {
  type Raw = {
    historicals?: unknown;
    wacc?: { method?: unknown; preTaxCostOfDebt?: unknown };
    valuation?: { failure?: { proceedsBasis?: unknown; bookValueOfCapital?: unknown } | null };
    capitalization?: {
      researchAndDevelopment?: { percentOfRevenue?: unknown } | null;
      operatingLeases?: { preTaxCostOfDebt?: unknown } | null;
    } | null;
  };
  const m = raw as Raw;
  const scenarios = (raw as { scenarios?: unknown }).scenarios;
  const failure = m.valuation?.failure;
  if (Array.isArray(scenarios) && !(failure && typeof failure === 'object'))
    scenarios.forEach((sc, i) => {
      if ((sc as { overrides?: { failure?: unknown } } | null)?.overrides?.failure !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['scenarios', i, 'overrides', 'failure'],
          message: 'The model has no probability of failure (valuation.failure) for the scenario to change.',
        });
    });
  if (failure && typeof failure === 'object') {
    const at = ['valuation', 'failure', 'bookValueOfCapital'];
    if (failure.proceedsBasis === 'fairValue' && failure.bookValueOfCapital !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: at,
        message:
          'The proceeds are a percentage of the going-concern value ("fairValue"); leave out bookValueOfCapital, or use "bookValue".',
      });
    const last = Array.isArray(m.historicals) ? (m.historicals.at(-1) as { balanceSheet?: unknown } | undefined) : undefined;
    if (
      failure.proceedsBasis === 'bookValue' &&
      failure.bookValueOfCapital === undefined &&
      last &&
      typeof last === 'object' &&
      !last.balanceSheet
    )
      ctx.addIssue({
        code: 'custom',
        path: at,
        message:
          'Required: the proceeds are a percentage of the book value of capital, and the last historical year has no balance sheet to take debt + equity from.',
      });
  }
  const cap = m.capitalization;
  if (!cap || typeof cap !== 'object') return;
  const rnd = cap.researchAndDevelopment;
  const n = rnd && typeof rnd === 'object' ? lengthOf(rnd.percentOfRevenue) : null;
  if (n !== null && horizon !== null && horizon <= MAX_FORECAST_YEARS && n !== horizon)
    ctx.addIssue({
      code: 'custom',
      path: ['capitalization', 'researchAndDevelopment', 'percentOfRevenue'],
      message: `Needs ${horizon} values, one per forecast year, or one number for every year; got ${n}.`,
      params: rule('values_per_year', { count: horizon, got: n }),
    });
  const leases = cap.operatingLeases;
  if (leases && typeof leases === 'object' && leases.preTaxCostOfDebt === undefined && Array.isArray(scenarios))
    scenarios.forEach((sc, i) => {
      const kd = (sc as { overrides?: { wacc?: { preTaxCostOfDebt?: unknown } } } | null)?.overrides?.wacc?.preTaxCostOfDebt;
      if (typeof kd === 'number' && !(kd > 0))
        ctx.addIssue({
          code: 'custom',
          path: ['scenarios', i, 'overrides', 'wacc', 'preTaxCostOfDebt'],
          message:
            'Must be above 0: the operating leases are discounted at the pre-tax cost of debt (or state capitalization.operatingLeases.preTaxCostOfDebt).',
        });
    });
  if (leases && typeof leases === 'object' && leases.preTaxCostOfDebt === undefined) {
    const kd = m.wacc?.method === 'capm' ? m.wacc.preTaxCostOfDebt : undefined;
    if (m.wacc?.method === 'direct' || (typeof kd === 'number' && !(kd > 0)))
      ctx.addIssue({
        code: 'custom',
        path: ['capitalization', 'operatingLeases', 'preTaxCostOfDebt'],
        message:
          m.wacc?.method === 'direct'
            ? 'Required: WACC is given directly (method "direct"), so the model has no pre-tax cost of debt to discount the lease commitments at.'
            : "Required: the CAPM WACC's pre-tax cost of debt is not above 0, so it cannot discount the lease commitments.",
      });
  }
}

const finiteNumber = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Each path of wacc.byYear has one value per forecast year, or starts moving in a forecast year. */
function checkPaths(raw: unknown, forecastYears: number[] | null, ctx: z.RefinementCtx): void {
  const byYear = (raw as { wacc?: { byYear?: unknown } }).wacc?.byYear;
  if (!forecastYears || forecastYears.length === 0 || forecastYears.length > MAX_FORECAST_YEARS) return;
  if (byYear === null || typeof byYear !== 'object') return;
  const first = forecastYears[0] ?? 0;
  const last = forecastYears.at(-1) ?? 0;
  for (const [key, path] of Object.entries(byYear as Record<string, unknown>)) {
    if (path === null || typeof path !== 'object') continue;
    const p = path as { values?: unknown; fromYear?: unknown };
    const n = lengthOf(p.values);
    if (n !== null && n !== forecastYears.length)
      ctx.addIssue({
        code: 'custom',
        path: ['wacc', 'byYear', key, 'values'],
        message: `Needs ${forecastYears.length} values, one per forecast year (${first}–${last}); got ${n}.`,
        params: rule('values_per_year', { count: forecastYears.length, got: n }),
      });
    const from = p.fromYear;
    if (Number.isInteger(from) && ((from as number) < first || (from as number) > last))
      ctx.addIssue({
        code: 'custom',
        path: ['wacc', 'byYear', key, 'fromYear'],
        message: `Must be a forecast year (${first}–${last}): the year the path starts moving; got ${String(from)}.`,
      });
  }
}

/** The terminal cost of capital and RONIC must be above terminal growth, in the base case and every scenario. */
/**
 * The exit multiple is optional, but the exit-multiple method needs one, and a scenario may not
 * change a multiple the model does not give (its base case would have none to compare with).
 */
function checkExitMultiple(raw: unknown, ctx: z.RefinementCtx): void {
  const m = raw as { valuation?: { terminalValue?: { method?: unknown; exitMultiple?: unknown } }; scenarios?: unknown };
  const tv = m.valuation?.terminalValue;
  if (!tv || typeof tv !== 'object' || tv.exitMultiple !== undefined) return;
  if (tv.method === 'exitMultiple')
    ctx.addIssue({
      code: 'custom',
      path: ['valuation', 'terminalValue', 'exitMultiple'],
      message:
        'Required: the terminal value method is "exitMultiple", so the model needs an exit multiple (EV/EBITDA); give one or choose "gordon".',
      params: rule('exit_multiple_required'),
    });
  if (!Array.isArray(m.scenarios)) return;
  m.scenarios.forEach((sc, i) => {
    const o = (sc as { overrides?: { terminalValue?: { exitMultiple?: unknown } } } | null)?.overrides?.terminalValue;
    if (o && typeof o === 'object' && o.exitMultiple !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['scenarios', i, 'overrides', 'terminalValue', 'exitMultiple'],
        message: 'The model gives no exit multiple (valuation.terminalValue.exitMultiple) for the scenario to change.',
        params: rule('exit_multiple_not_in_model'),
      });
  });
}

function checkTerminalRates(raw: unknown, ctx: z.RefinementCtx): void {
  type TerminalRates = { growthRate?: unknown; costOfCapital?: unknown; valueDriver?: { ronic?: unknown } | null };
  const m = raw as { valuation?: { terminalValue?: TerminalRates }; scenarios?: unknown };
  const tv = m.valuation?.terminalValue;
  if (!tv || typeof tv !== 'object') return;
  const ronicOf = (t: TerminalRates | undefined) => (t?.valueDriver && typeof t.valueDriver === 'object' ? t.valueDriver.ronic : undefined);
  const limitKeys = [
    [
      'The terminal cost of capital',
      ['costOfCapital'],
      (t: TerminalRates | undefined) => t?.costOfCapital,
      (growth: string, limit: string) => rule('growth_not_below_terminal_cost_of_capital', { growth, costOfCapital: limit }),
    ],
    [
      'RONIC (return on new invested capital)',
      ['valueDriver', 'ronic'],
      ronicOf,
      (growth: string, limit: string) => rule('growth_not_below_ronic', { growth, ronic: limit }),
    ],
  ] as const;
  // One case per place a growth or a limit is stated: the base case, and each scenario overriding one of them.
  const cases: { at: (string | number)[]; own: TerminalRates | undefined; where: string; base: boolean }[] = [
    { at: ['valuation', 'terminalValue'], own: tv, where: 'base case', base: true },
  ];
  if (Array.isArray(m.scenarios))
    m.scenarios.forEach((sc, i) => {
      const o = (sc as { overrides?: { terminalValue?: TerminalRates } } | null)?.overrides?.terminalValue;
      if (o && typeof o === 'object' && (o.growthRate !== undefined || o.costOfCapital !== undefined || ronicOf(o) !== undefined))
        cases.push({ at: ['scenarios', i, 'overrides', 'terminalValue'], own: o, where: `scenario ${i + 1}`, base: false });
    });
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  for (const [what, limitKey, limitOf, ruleOf] of limitKeys) {
    for (const c of cases) {
      const ownLimit = c.base ? undefined : limitOf(c.own);
      const limit = finiteNumber(ownLimit ?? limitOf(tv));
      const ownGrowth = c.base ? tv.growthRate : c.own?.growthRate;
      const g = finiteNumber(ownGrowth ?? tv.growthRate);
      if (limit === null || g === null || g < limit) continue;
      // A scenario that only restates growth is pointed at its growth (as before limits could be overridden).
      if (!c.base && ownLimit === undefined && ownGrowth === undefined) continue;
      const path = c.base || ownLimit !== undefined ? [...c.at, ...limitKey] : [...c.at, 'growthRate'];
      ctx.addIssue({
        code: 'custom',
        path,
        message: `${what} (${pct(limit)}) must be above terminal growth (${pct(g)}${c.base ? '' : `, ${c.where}`}); otherwise the terminal value is infinite or negative.`,
        params: ruleOf(pct(g), pct(limit)),
      });
    }
  }
}

export type FinancialModel = z.infer<typeof financialModelSchema>;
/** What a model file may contain (defaults not yet applied). */
export type FinancialModelInput = z.input<typeof financialModelSchema>;
export type HistoricalYear = z.infer<typeof historicalYearSchema>;
export type BalanceSheet = z.infer<typeof balanceSheetSchema>;
export type Forecast = z.infer<typeof forecastSchema>;
export type WaccInputs = z.infer<typeof waccSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioOverrides = z.infer<typeof scenarioOverridesSchema>;
export type ComparableCompany = z.infer<typeof comparableCompanySchema>;
export type Comparables = z.infer<typeof comparablesSchema>;
export type AccretionDilutionInputs = z.infer<typeof accretionDilutionSchema>;
export type DilutiveSecurity = z.infer<typeof dilutiveSecuritySchema>;
export type EmployeeOptions = z.infer<typeof employeeOptionsSchema>;
export type FootballFieldOptions = z.infer<typeof footballFieldSchema>;
