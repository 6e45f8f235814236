import { z } from 'zod';
import { line, personRefSchema, prose } from './engagements.js';
import { codebookSchema, weightingTargetsSchema } from './market-research.js';

/**
 * The market-research workbench's API: survey datasets on an engagement (a response file in the
 * vault read through a codebook, versioned), their tables (frequencies, crosstabs with tests,
 * means, scales) and raking weightings.
 */

const uuid = () => z.uuid({ message: 'Must be a UUID.' });
const versionNumber = z.coerce.number().int().min(1).max(1_000_000);

/** The vault document a response file is read from. */
export const surveySourceSchema = z.strictObject({
  documentId: uuid(),
  /** The document's version (default: its latest). */
  documentVersion: z.number().int().min(1).optional(),
  /** The sheet of an .xlsx file (default: the first). */
  sheet: line(100).optional(),
});
export type SurveySource = z.infer<typeof surveySourceSchema>;

/** Step one of an import: what kpo reads from the file and the codebook it proposes. */
export const surveyPreviewSchema = z
  .object({
    fileName: z.string(),
    documentVersion: z.number().int(),
    encoding: z.string().nullable(),
    sheet: z.string().nullable(),
    respondents: z.number().int(),
    header: z.array(z.string()),
    /** The first rows, for the codebook editor. */
    sample: z.array(z.array(z.string())),
    codebook: codebookSchema,
    /** Columns empty in every row, left out of the proposed codebook. */
    emptyColumns: z.array(z.string()),
  })
  .meta({ id: 'SurveyPreview' });
export type SurveyPreview = z.infer<typeof surveyPreviewSchema>;

export const createSurveyRequestSchema = surveySourceSchema
  .extend({
    name: line(200),
    codebook: codebookSchema,
    note: prose(2000).optional(),
  })
  .meta({ id: 'CreateSurveyRequest' });
export type CreateSurveyRequest = z.infer<typeof createSurveyRequestSchema>;

/** A new version: a corrected codebook, a new response file, or both. */
export const saveSurveyVersionRequestSchema = z
  .strictObject({
    /** The version this one builds on; 409 when someone saved another since. */
    baseVersion: z.number().int().min(1),
    codebook: codebookSchema,
    source: surveySourceSchema.optional(),
    note: prose(2000).optional(),
  })
  .meta({ id: 'SaveSurveyVersionRequest' });
export type SaveSurveyVersionRequest = z.infer<typeof saveSurveyVersionRequestSchema>;

export const surveyVersionSummarySchema = z.object({
  version: z.number().int(),
  documentId: z.string(),
  documentVersion: z.number().int(),
  fileName: z.string(),
  sheet: z.string().nullable(),
  encoding: z.string().nullable(),
  respondents: z.number().int(),
  questions: z.number().int(),
  note: z.string(),
  savedBy: personRefSchema,
  savedAt: z.string(),
});
export type SurveyVersionSummary = z.infer<typeof surveyVersionSummarySchema>;

export const surveySummarySchema = z
  .object({
    id: z.string(),
    engagementId: z.string(),
    name: z.string(),
    latestVersion: z.number().int(),
    createdBy: personRefSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
    latest: surveyVersionSummarySchema,
  })
  .meta({ id: 'SurveySummary' });
export type SurveySummary = z.infer<typeof surveySummarySchema>;

export const raking = {
  maxIterations: { default: 100, max: 1000 },
  /** Trimming bounds, relative to the mean weight. */
  trim: { min: 0.3, max: 3 },
} as const;

export const createWeightingRequestSchema = z
  .strictObject({
    name: line(200),
    /** The dataset version the targets apply to (default: the latest). */
    version: z.number().int().min(1).optional(),
    targets: weightingTargetsSchema,
    /** Weights are kept within these multiples of the mean weight (null: no trimming). */
    trim: z
      .strictObject({ min: z.number().min(0).max(1), max: z.number().min(1).max(100) })
      .nullable()
      .default({ min: raking.trim.min, max: raking.trim.max }),
    maxIterations: z.number().int().min(1).max(raking.maxIterations.max).default(raking.maxIterations.default),
  })
  .meta({ id: 'CreateWeightingRequest' });
export type CreateWeightingRequest = z.infer<typeof createWeightingRequestSchema>;

export const marginReportSchema = z.object({
  variable: z.string(),
  category: z.string(),
  label: z.string(),
  target: z.number(),
  /** The share before weighting. */
  unweighted: z.number(),
  achieved: z.number(),
});

export const weightingReportSchema = z.object({
  converged: z.boolean(),
  iterations: z.number().int(),
  maxMarginError: z.number(),
  respondents: z.number().int(),
  effectiveN: z.number(),
  efficiency: z.number(),
  designEffect: z.number(),
  trimmed: z.number().int(),
  minWeight: z.number(),
  maxWeight: z.number(),
  margins: z.array(marginReportSchema),
});
export type WeightingReport = z.infer<typeof weightingReportSchema>;

export const weightingViewSchema = z
  .object({
    id: z.string(),
    datasetId: z.string(),
    version: z.number().int(),
    name: z.string(),
    targets: weightingTargetsSchema,
    trim: z.object({ min: z.number(), max: z.number() }).nullable(),
    maxIterations: z.number().int(),
    report: weightingReportSchema,
    createdBy: personRefSchema,
    createdAt: z.string(),
  })
  .meta({ id: 'SurveyWeighting' });
export type WeightingView = z.infer<typeof weightingViewSchema>;

export const surveyDetailSchema = surveySummarySchema
  .extend({
    /** Newest first. */
    versions: z.array(surveyVersionSummarySchema),
    /** The version shown (the latest unless asked), with its codebook and weightings. */
    version: surveyVersionSummarySchema.extend({ codebook: codebookSchema }),
    weightings: z.array(weightingViewSchema),
    /** Whether the caller may save versions and weightings (the provider's team while the work is open). */
    canEdit: z.boolean(),
  })
  .meta({ id: 'SurveyDetail' });
export type SurveyDetail = z.infer<typeof surveyDetailSchema>;

export const surveyParamsSchema = z.strictObject({ id: uuid(), surveyId: uuid() });
export const surveyVersionQuerySchema = z.strictObject({ version: versionNumber.optional() });

export const corrections = ['none', 'bonferroni', 'holm'] as const;

/** A table's options, as query parameters. */
const tableOptions = {
  version: versionNumber.optional(),
  /** A weighting's id, `file` for the file's own weight column, or none. */
  weighting: z.union([uuid(), z.literal('file'), z.literal('none')]).default('none'),
  alpha: z.coerce.number().min(0.001).max(0.2).default(0.05),
  correction: z.enum(corrections).default('bonferroni'),
};
const flag = z.enum(['true', 'false']).default('false');

export const crosstabQuerySchema = z.strictObject({
  /** The question in the rows. */
  stub: line(200),
  /** The question in the columns. */
  banner: line(200),
  yates: flag,
  ...tableOptions,
});
export type CrosstabQuery = z.infer<typeof crosstabQuerySchema>;

export const frequenciesQuerySchema = z.strictObject({
  question: line(200),
  ...tableOptions,
});
export type FrequenciesQuery = z.infer<typeof frequenciesQuerySchema>;

export const scaleQuerySchema = z.strictObject({
  /** One NPS or Likert question, or several Likert items (a grid) for Cronbach's alpha, comma-separated. */
  questions: line(2000),
  ...tableOptions,
});
export type ScaleQuery = z.infer<typeof scaleQuerySchema>;

export const DECK_BANNERS_MAX = 50;
export const DECK_STUBS_MAX = 200;
const keyList = (max: number) =>
  line(20_000)
    .transform((v) => [...new Set(v.split(',').map((k) => k.trim()))].filter(Boolean))
    .refine((keys) => keys.length >= 1 && keys.length <= max, { message: `Name 1 to ${max} questions, comma-separated.` });

/** A crosstab deck: every stub crossed with every banner, a sheet per banner. */
export const deckQuerySchema = z.strictObject({
  banners: keyList(DECK_BANNERS_MAX),
  /** The rows (default: every single, multiple, Likert, NPS and numeric question that is not a banner). */
  stubs: keyList(DECK_STUBS_MAX).optional(),
  language: z.enum(['ja', 'en']).default('ja'),
  ...tableOptions,
});
export type DeckQuery = z.infer<typeof deckQuerySchema>;

/** The respondents as CSV with a weight column: UTF-8 with a BOM (Excel opens it), or Shift_JIS for older Excel. */
export const dataQuerySchema = z.strictObject({
  version: tableOptions.version,
  weighting: tableOptions.weighting,
  encoding: z.enum(['utf-8', 'shift_jis']).default('utf-8'),
});
export type DataQuery = z.infer<typeof dataQuerySchema>;
