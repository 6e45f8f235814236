import { z } from 'zod';
import { checkMessageKeys } from '../check-messages.js';
import { messageParamsSchema } from '../errors.js';
import { personRefSchema, prose } from './engagements.js';
import { financialModelSchema, historicalYearSchema, inputIdSchema } from './financial-model.js';

/**
 * The financial-modeling workbench over HTTP: models kept per engagement with immutable
 * versions, and the engine's outputs (valuation, sensitivity grid, football field, checks,
 * value bridge) for a saved version or for a draft being edited.
 */

const uuid = () => z.uuid({ message: 'Must be a UUID.' });
const nullableNumber = z.number().nullable();

export const checkStatusSchema = z.enum(['pass', 'warn', 'fail']);
export type CheckStatus = z.infer<typeof checkStatusSchema>;

export const modelNameSchema = z
  .string({ error: 'Must be text.' })
  .trim()
  .min(1, { error: 'Give the model a name.' })
  .max(120, { error: 'At most 120 characters.' });

export const versionNoteSchema = z.string({ error: 'Must be text.' }).trim().max(500, { error: 'At most 500 characters.' });

/** One saved state of a model; versions never change once saved. */
export const modelVersionSummarySchema = z.object({
  version: z.number().int(),
  note: z.string(),
  savedAt: z.string(),
  savedBy: personRefSchema,
  /** SHA-256 of the canonical document, so a reviewer can tell two copies apart. */
  sha256: z.string(),
  /** Base-case value per share, null when the base case cannot be valued. */
  valuePerShare: nullableNumber,
  enterpriseValue: nullableNumber,
  checkStatus: checkStatusSchema,
  /** Null while the version is the provider's draft; the client sees only shared versions. */
  sharedAt: z.string().nullable(),
  sharedBy: personRefSchema.nullable(),
  /** Why a version whose checks fail was shared anyway. */
  shareReason: z.string().nullable(),
  /** Comments on this version. */
  comments: z.number().int(),
});
export type ModelVersionSummary = z.infer<typeof modelVersionSummarySchema>;

export const modelSummarySchema = z.object({
  id: z.string(),
  engagementId: z.string(),
  name: z.string(),
  currency: z.string(),
  latestVersion: z.number().int(),
  createdAt: z.string(),
  createdBy: personRefSchema,
  latest: modelVersionSummarySchema,
});
export type ModelSummary = z.infer<typeof modelSummarySchema>;

export const modelDetailSchema = modelSummarySchema.extend({
  /** Newest first. */
  versions: z.array(modelVersionSummarySchema),
  /** Whether the caller may save versions (the provider's team while the work is open). */
  canEdit: z.boolean(),
  /** Whether the caller may share a draft version with the client. */
  canShare: z.boolean(),
  /** Whether the caller may comment on a shared version. */
  canComment: z.boolean(),
});
export type ModelDetail = z.infer<typeof modelDetailSchema>;

export const modelVersionSchema = modelVersionSummarySchema.extend({
  modelId: z.string(),
  document: financialModelSchema,
});
export type ModelVersion = z.infer<typeof modelVersionSchema>;

export const createModelRequestSchema = z.strictObject({
  name: modelNameSchema,
  note: versionNoteSchema.optional(),
  document: financialModelSchema,
});
export type CreateModelRequest = z.input<typeof createModelRequestSchema>;

export const saveVersionRequestSchema = z.strictObject({
  /** The version the edit started from; a newer one saved meanwhile is a 409 `conflict`. */
  baseVersion: z.number({ error: 'Must be a whole number.' }).int().min(1),
  note: versionNoteSchema.optional(),
  document: financialModelSchema,
});
export type SaveVersionRequest = z.input<typeof saveVersionRequestSchema>;

/** Odd, centred on the base value (default 21). */
const gridSteps = (n: z.ZodNumber) =>
  n
    .int()
    .min(3)
    .max(41)
    .refine((v) => v % 2 === 1, 'Must be odd, so the base value sits in the middle.');
const differentAxes = { message: 'Choose two different inputs.', path: ['y'] };

export const sensitivityRequestSchema = z
  .strictObject({ x: inputIdSchema, y: inputIdSchema, steps: gridSteps(z.number()).optional() })
  .refine((s) => s.x !== s.y, differentAxes);
export type SensitivityRequest = z.infer<typeof sensitivityRequestSchema>;

/** What to analyse: a draft in the editor (not saved) and the view wanted of it. */
export const analyzeDraftRequestSchema = z.strictObject({
  document: financialModelSchema,
  scenario: z.string().max(40).optional(),
  sensitivity: sensitivityRequestSchema.optional(),
});
export type AnalyzeDraftRequest = z.input<typeof analyzeDraftRequestSchema>;

/** A saved version's analysis; the grid's axes come both or neither (then the default grid). */
export const analysisQuerySchema = z
  .strictObject({
    scenario: z.string().max(40).optional(),
    x: inputIdSchema.optional(),
    y: inputIdSchema.optional(),
    steps: gridSteps(z.coerce.number()).optional(),
  })
  .superRefine((q, ctx) => {
    const both = 'Give both axes, or neither for the default grid.';
    if (q.x === undefined && (q.y !== undefined || q.steps !== undefined)) ctx.addIssue({ code: 'custom', path: ['x'], message: both });
    if (q.y === undefined && q.x !== undefined) ctx.addIssue({ code: 'custom', path: ['y'], message: both });
    if (q.x !== undefined && q.x === q.y) ctx.addIssue({ code: 'custom', ...differentAxes });
  });

const projectionSchema = z.object({
  years: z.array(z.number()),
  revenue: z.array(z.number()),
  ebitda: z.array(z.number()),
  depreciation: z.array(z.number()),
  ebit: z.array(z.number()),
  taxes: z.array(z.number()),
  nopat: z.array(z.number()),
  capex: z.array(z.number()),
  netWorkingCapital: z.array(z.number()),
  changeInNetWorkingCapital: z.array(z.number()),
  freeCashFlow: z.array(z.number()),
  /** Tax losses carried forward by year, when the model has forecast.lossCarryForward. */
  lossCarryForward: z
    .object({ opening: z.array(z.number()), used: z.array(z.number()), added: z.array(z.number()), closing: z.array(z.number()) })
    .optional(),
  /** Reinvestment from the sales-to-capital ratio, when the model has forecast.salesToCapital. */
  salesToCapital: z
    .object({ ratio: z.array(z.number()), lag: z.number(), revenueChange: z.array(z.number()), reinvestment: z.array(z.number()) })
    .optional(),
  /** Invested capital and ROIC (NOPAT ÷ opening invested capital) by year, when the model has forecast.openingInvestedCapital. */
  investedCapital: z
    .object({
      opening: z.array(z.number()),
      reinvestment: z.array(z.number()),
      closing: z.array(z.number()),
      roic: z.array(nullableNumber),
    })
    .optional(),
  /** Revenue by segment (volume × price), when the model has forecast.segments. */
  segments: z
    .array(
      z.object({
        name: z.string(),
        label: z.string(),
        volume: z.array(z.number()),
        price: z.array(z.number()),
        revenue: z.array(z.number()),
        unitCost: z.array(z.number()).nullable(),
        cost: z.array(z.number()).nullable(),
      }),
    )
    .optional(),
  /** Segment costs and operating-cost lines taken off before EBITDA, by year. */
  operatingCosts: z.array(z.number()).optional(),
  /** Custom lines (forecast.lines): null in a year the formula cannot compute, with the reason in errors. */
  lines: z
    .array(
      z.object({
        name: z.string(),
        label: z.string(),
        format: z.enum(['money', 'percent', 'number']),
        role: z.enum(['display', 'operatingCost']),
        values: z.array(nullableNumber),
        errors: z.array(z.object({ year: z.number(), error: z.string(), message: z.string() })),
      }),
    )
    .optional(),
});

const methodValueSchema = z.object({
  method: z.enum(['gordon', 'exitMultiple']),
  terminalValue: z.number(),
  presentValueOfTerminalValue: z.number(),
  enterpriseValue: z.number(),
  terminalValueShare: nullableNumber,
  equityValue: z.number(),
  valuePerShare: z.number(),
  dilutedShares: z.number(),
});

const failureValueSchema = z.object({
  probability: z.number(),
  proceedsBasis: z.enum(['bookValue', 'fairValue']),
  proceedsPercent: z.number(),
  bookValueOfCapital: nullableNumber,
  goingConcernValue: z.number(),
  proceeds: z.number(),
  value: z.number(),
});

const optionValueSchema = z.object({
  /** Equity value per basic share (whole currency units): the share the calls are written on. */
  underlying: z.number(),
  /** Black–Scholes value of one call on that share (whole currency units). */
  call: z.number(),
  /** N / (N + M): Hull's dilution adjustment. */
  dilutionFactor: z.number(),
  /** call × dilution factor (whole currency units). */
  perOption: z.number(),
  /** perOption × count, in the model's money unit: deducted from the equity value. */
  total: z.number(),
});

const numbers = z.array(z.number());
const capitalizationSchema = z.object({
  researchAndDevelopment: z
    .object({
      life: z.number(),
      base: z.object({
        vintages: z.array(
          z.object({
            year: z.number(),
            expense: z.number(),
            unamortizedShare: z.number(),
            unamortized: z.number(),
            amortization: z.number(),
          }),
        ),
        asset: z.number(),
        amortization: z.number(),
        expense: z.number(),
        ebit: z.number(),
        adjustedEbit: z.number(),
      }),
      forecast: z.object({
        percentOfRevenue: numbers,
        expense: numbers,
        amortization: numbers,
        assetOpening: numbers,
        assetClosing: numbers,
        netCapitalized: numbers,
        adjustedEbit: numbers,
        adjustedNopat: numbers,
        adjustedReinvestment: numbers,
        investedCapital: z.object({ opening: numbers, closing: numbers, roic: z.array(nullableNumber) }).nullable(),
      }),
    })
    .nullable(),
  operatingLeases: z
    .object({
      rate: z.number(),
      currentExpense: z.number(),
      commitments: z.array(z.object({ year: z.number(), amount: z.number(), factor: z.number(), presentValue: z.number() })),
      beyond: z.number(),
      beyondYears: z.number(),
      beyondAnnual: z.number(),
      beyondPresentValue: z.number(),
      debt: z.number(),
      life: z.number(),
      depreciation: z.number(),
      ebit: z.number(),
      adjustedEbit: z.number(),
    })
    .nullable(),
});

export const valuationSummarySchema = z.object({
  scenario: z.string(),
  primary: z.enum(['gordon', 'exitMultiple']),
  discountRate: z.number(),
  /** WACC by forecast year and the terminal cost of capital (byYear: discounted with cumulated factors). */
  costOfCapital: z.object({ rates: z.array(z.number()), terminal: z.number(), byYear: z.boolean() }).optional(),
  /** The value-driver terminal year, when the model uses it. */
  valueDriver: z
    .object({
      revenueGrowth: z.number(),
      revenue: z.number(),
      operatingMargin: z.number(),
      ebit: z.number(),
      taxRate: z.number(),
      nopat: z.number(),
      ronic: z.number(),
      reinvestmentRate: z.number(),
      reinvestment: z.number(),
      freeCashFlow: z.number(),
      lastYearReinvestmentRate: nullableNumber,
      lastYearImpliedRonic: nullableNumber,
    })
    .nullable()
    .optional(),
  terminalGrowth: z.number(),
  /** Null when the model gives no exit multiple (valuation.terminalValue.exitMultiple is optional). */
  exitMultiple: nullableNumber,
  wacc: z.object({
    method: z.enum(['capm', 'direct']),
    leveredBeta: nullableNumber,
    unleveredBeta: nullableNumber,
    costOfEquity: nullableNumber,
    afterTaxCostOfDebt: nullableNumber,
    equityWeight: nullableNumber,
    debtWeight: nullableNumber,
    wacc: z.number(),
  }),
  projection: projectionSchema,
  discountFactors: z.array(z.number()),
  presentValues: z.array(z.number()),
  sumOfPresentValues: z.number(),
  bridge: z.object({
    debt: z.number(),
    cash: z.number(),
    /** The model's other items, then (fourth slice) minority interests, cross-holdings and lease debt with their kind. */
    otherItems: z.array(
      z.object({
        label: z.string(),
        signedAmount: z.number(),
        kind: z.enum(['minorityInterests', 'crossHoldings', 'leaseDebt']).optional(),
      }),
    ),
    adjustment: z.number(),
  }),
  /** A probability of failure (fourth slice): the headline method's going-concern value weighted with the distress proceeds. */
  failure: failureValueSchema.optional(),
  /** R&D capitalised and operating leases converted (fourth slice). */
  capitalization: capitalizationSchema.optional(),
  /** Employee options valued by Black–Scholes with the dilution adjustment (shares.options), for the headline method. */
  options: optionValueSchema.optional(),
  gordon: methodValueSchema,
  /** Null when the model gives no exit multiple. */
  exitMultipleMethod: methodValueSchema.nullable(),
  enterpriseValue: z.number(),
  equityValue: z.number(),
  valuePerShare: z.number(),
  dilutedShares: z.number(),
  impliedMultiples: z.object({
    evToRevenueLtm: nullableNumber,
    evToRevenueNtm: nullableNumber,
    evToEbitdaLtm: nullableNumber,
    evToEbitdaNtm: nullableNumber,
    priceToEarningsLtm: nullableNumber,
    gordonImpliedExitMultiple: nullableNumber,
    exitImpliedGrowth: nullableNumber,
  }),
});
export type ValuationSummary = z.infer<typeof valuationSummarySchema>;

const axisSchema = z.object({
  input: inputIdSchema,
  mode: z.enum(['absolute', 'shift']),
  step: z.number(),
  values: z.array(z.number()),
  baseIndex: z.number().int(),
  baseValue: z.number(),
});

export const sensitivityGridSchema = z.object({
  scenario: z.string(),
  method: z.enum(['gordon', 'exitMultiple']),
  x: axisSchema,
  y: axisSchema,
  /** Rows follow y, columns x; null where the case cannot be valued. */
  valuePerShare: z.array(z.array(nullableNumber)),
  baseValuePerShare: z.number(),
  invalidCells: z.number().int(),
});
export type SensitivityGridView = z.infer<typeof sensitivityGridSchema>;

/** Why a football-field bar is left out. */
export const footballOmissionSchema = z.enum(['range_not_valued', 'no_exit_multiple', 'target_metric_missing', 'no_meaningful_peer']);
export type FootballOmission = z.infer<typeof footballOmissionSchema>;

export const footballFieldViewSchema = z.object({
  bars: z.array(z.object({ key: z.string(), low: z.number(), high: z.number(), mid: nullableNumber, basis: z.string() })),
  marketPrice: nullableNumber,
  offerPrice: nullableNumber,
  omitted: z.array(
    z.object({
      key: z.string(),
      /** Why, as a code the reader's language renders. */
      code: footballOmissionSchema,
      reason: z.string(),
    }),
  ),
});
export type FootballFieldView = z.infer<typeof footballFieldViewSchema>;

export const findingSchema = z.object({
  status: checkStatusSchema,
  code: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  scenario: z.string().nullable(),
  /** What was found, as a message key and values: the reader's language words it (shared/check-messages). */
  message: z.object({ key: z.enum(checkMessageKeys), params: messageParamsSchema }),
});
export const checkReportSchema = z.object({
  status: checkStatusSchema,
  counts: z.object({ pass: z.number().int(), warn: z.number().int(), fail: z.number().int() }),
  findings: z.array(findingSchema),
});
export type CheckReportView = z.infer<typeof checkReportSchema>;

/** The base case and each scenario, side by side; null values where a scenario cannot be valued. */
export const scenarioValueSchema = z.object({
  scenario: z.string(),
  label: z.string(),
  valuePerShare: nullableNumber,
  enterpriseValue: nullableNumber,
  equityValue: nullableNumber,
  /** Why the scenario cannot be valued, when it cannot: an error reason and the values its message needs. */
  problem: z
    .object({
      reason: z.enum([
        'wacc_not_positive',
        'growth_not_below_wacc',
        'growth_not_below_terminal_cost_of_capital',
        'growth_not_below_ronic',
        'not_finite',
      ]),
      params: messageParamsSchema,
    })
    .nullable(),
});

export const modelAnalysisSchema = z.object({
  scenario: z.string(),
  scenarios: z.array(scenarioValueSchema),
  /** Null when the chosen scenario cannot be valued (the checks say why). */
  valuation: valuationSummarySchema.nullable(),
  sensitivity: sensitivityGridSchema.nullable(),
  footballField: footballFieldViewSchema.nullable(),
  checks: checkReportSchema,
});
export type ModelAnalysis = z.infer<typeof modelAnalysisSchema>;

const changeSchema = z.object({ path: z.array(z.union([z.string(), z.number()])), from: z.unknown(), to: z.unknown() });
const bridgeEndSchema = z.object({ label: z.string(), valuePerShare: z.number(), enterpriseValue: z.number(), equityValue: z.number() });

/** From one version to another: which inputs changed and what each did to the value per share. */
export const valueBridgeViewSchema = z.object({
  from: bridgeEndSchema,
  to: bridgeEndSchema,
  steps: z.array(
    z.object({
      drivers: z.array(z.string()),
      changes: z.array(changeSchema),
      valuePerShareBefore: z.number(),
      valuePerShareAfter: z.number(),
      effect: z.number(),
      enterpriseValueEffect: z.number(),
    }),
  ),
  otherChanges: z.array(changeSchema),
});
export type ValueBridgeView = z.infer<typeof valueBridgeViewSchema>;

export const modelParamsSchema = z.strictObject({ id: uuid(), modelId: uuid() });
export const versionParamsSchema = z.strictObject({
  id: uuid(),
  modelId: uuid(),
  version: z.coerce.number({ error: 'Must be a version number.' }).int().min(1).max(1_000_000),
});
const versionNumber = () => z.coerce.number({ error: 'Must be a version number.' }).int().min(1).max(1_000_000);
export const compareQuerySchema = z.strictObject({ from: versionNumber(), to: versionNumber() });
/** Exports carry every scenario; `language` overrides the model's own for labels. */
export const exportQuerySchema = z.strictObject({
  language: z.enum(['ja', 'en']).optional(),
});

/** A statements file uploaded for import: .csv (UTF-8 or Shift_JIS) or .xlsx, base64-encoded. */
export const importFileSchema = z.strictObject({
  fileName: z.string({ error: 'Must be text.' }).trim().min(1, { error: 'Name the file.' }).max(200),
  contentBase64: z
    .string({ error: 'Must be text.' })
    .min(1, { error: 'The file is empty.' })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'Must be base64.' }),
  sheet: z.string().max(100).optional(),
});
export type ImportFile = z.input<typeof importFileSchema>;

export const cellSchema = z.union([z.string(), z.number(), z.null()]);

export const columnMappingViewSchema = z.object({
  orientation: z.enum(['linesInRows', 'linesInColumns']),
  headerIndex: z.number().int(),
  labelIndex: z.number().int(),
  lines: z.record(z.string(), z.string()),
  years: z.record(z.string(), z.number().int()).optional(),
  scale: z.number().optional(),
  expensesAsPositive: z.boolean().optional(),
});

/** The first step: what the file holds and which row looks like which line. */
export const importPreviewSchema = z.object({
  sheet: z.string().nullable(),
  sheets: z.array(z.string()),
  /** The first rows and columns, as read. */
  rows: z.array(z.array(cellSchema)),
  totalRows: z.number().int(),
  suggestion: z.object({
    mapping: columnMappingViewSchema,
    years: z.array(z.object({ header: z.string(), year: z.number().int() })),
    unmapped: z.array(z.string()),
  }),
  /** The lines a label can be mapped to. */
  lineIds: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/** The second step: the mapping as the user corrected it (validated by the importer, every problem listed). */
export const importHistoricalsRequestSchema = importFileSchema.extend({ mapping: z.unknown() });
export type ImportHistoricalsRequest = z.input<typeof importHistoricalsRequestSchema>;

export const importHistoricalsResultSchema = z.object({
  historicals: z.array(historicalYearSchema),
  unmappedLabels: z.array(z.string()),
});
export type ImportHistoricalsResult = z.infer<typeof importHistoricalsResultSchema>;

/** Sharing a draft with the client; a version whose checks fail needs the reason. */
export const shareVersionRequestSchema = z.strictObject({ reason: prose(1000).optional() }).meta({ id: 'ShareModelVersionRequest' });
export type ShareVersionRequest = z.input<typeof shareVersionRequestSchema>;

export const modelCommentSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    author: personRefSchema,
    authorSide: z.enum(['client', 'provider']),
    body: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'ModelComment' });
export type ModelComment = z.infer<typeof modelCommentSchema>;

export const createModelCommentRequestSchema = z
  .strictObject({ body: prose(4000).refine((s) => s.trim().length > 0, { message: 'Write the comment.' }) })
  .meta({ id: 'CreateModelCommentRequest' });
export type CreateModelCommentRequest = z.input<typeof createModelCommentRequestSchema>;
