import { z } from 'zod';
import { personRefSchema, prose } from './engagements.js';
import { competitorMatrixSchema, marketSizingSchema } from './market-sizing.js';

/** The API of market sizings and competitor matrices (server/routes/market-sizing.ts). */

const uuid = () => z.uuid({ message: 'Must be a UUID.' });
const versionNumber = z.coerce.number().int().min(1).max(1_000_000);
const featureKey = z.string().min(1).max(60);

export const saveSizingRequestSchema = z
  .strictObject({ sizing: marketSizingSchema, note: prose(1000).optional() })
  .meta({ id: 'SaveSizingRequest' });
export type SaveSizingRequest = z.infer<typeof saveSizingRequestSchema>;

export const saveSizingVersionRequestSchema = z
  .strictObject({ baseVersion: z.number().int().min(1), sizing: marketSizingSchema, note: prose(1000).optional() })
  .meta({ id: 'SaveSizingVersionRequest' });
export type SaveSizingVersionRequest = z.infer<typeof saveSizingVersionRequestSchema>;

/** The two features a positioning map is drawn on by default; readers may pick others. */
export const positioningChoiceSchema = z.strictObject({ x: featureKey, y: featureKey }).meta({ id: 'PositioningChoice' });

export const saveMatrixRequestSchema = z
  .strictObject({ matrix: competitorMatrixSchema, positioning: positioningChoiceSchema.optional(), note: prose(1000).optional() })
  .meta({ id: 'SaveCompetitorMatrixRequest' });
export type SaveMatrixRequest = z.infer<typeof saveMatrixRequestSchema>;

export const saveMatrixVersionRequestSchema = z
  .strictObject({
    baseVersion: z.number().int().min(1),
    matrix: competitorMatrixSchema,
    positioning: positioningChoiceSchema.optional(),
    note: prose(1000).optional(),
  })
  .meta({ id: 'SaveCompetitorMatrixVersionRequest' });
export type SaveMatrixVersionRequest = z.infer<typeof saveMatrixVersionRequestSchema>;

export const sizingParamsSchema = z.strictObject({ id: uuid(), sizingId: uuid() });
export const matrixParamsSchema = z.strictObject({ id: uuid(), matrixId: uuid() });
export const canvasVersionQuerySchema = z.strictObject({ version: versionNumber.optional() });
export const matrixQuerySchema = z.strictObject({ version: versionNumber.optional(), x: featureKey.optional(), y: featureKey.optional() });

const versionSummarySchema = z.object({ version: z.number().int(), note: z.string(), savedBy: personRefSchema, savedAt: z.string() });

export const canvasSummarySchema = z
  .object({
    id: z.string(),
    engagementId: z.string(),
    title: z.string(),
    latestVersion: z.number().int(),
    /** Who saved the latest version, when, and what it changed. */
    latest: versionSummarySchema,
    createdBy: personRefSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ResearchCanvasSummary' });
export type CanvasSummary = z.infer<typeof canvasSummarySchema>;

const rangeSchema = z.object({ low: z.number(), base: z.number(), high: z.number() });
const levelsSchema = z.object({ tam: rangeSchema, sam: rangeSchema, som: rangeSchema });
const findingSchema = z.object({
  status: z.enum(['pass', 'warn', 'fail']),
  code: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  params: z.record(z.string(), z.unknown()),
});

export const sizingDetailSchema = canvasSummarySchema
  .extend({
    market: z.string(),
    approach: z.enum(['top_down', 'bottom_up']),
    versions: z.array(versionSummarySchema),
    version: z.number().int(),
    sizing: marketSizingSchema,
    evaluation: z.object({
      currency: z.string(),
      levels: levelsSchema,
      contributions: z.array(
        z.object({
          key: z.string(),
          label: z.string(),
          level: z.enum(['tam', 'sam', 'som']),
          index: z.number().int(),
          somAtLow: z.number(),
          somAtHigh: z.number(),
          swing: z.number(),
        }),
      ),
      triangulation: z
        .record(z.string(), z.object({ topDown: rangeSchema, bottomUp: rangeSchema, ratio: z.number().nullable(), overlap: z.boolean() }))
        .nullable(),
    }),
    /** The latest sizing of the same market by the other approach, when there is one. */
    counterpart: z.object({ id: z.string(), title: z.string(), version: z.number().int() }).nullable(),
    checks: z.object({
      status: z.enum(['pass', 'warn', 'fail']),
      counts: z.object({ pass: z.number().int(), warn: z.number().int(), fail: z.number().int() }),
      findings: z.array(findingSchema),
    }),
    canEdit: z.boolean(),
  })
  .meta({ id: 'SizingDetail' });
export type SizingDetail = z.infer<typeof sizingDetailSchema>;

const axisSchema = z.object({ feature: z.string(), label: z.string(), kind: z.enum(['level', 'number']), unit: z.string().nullable() });

export const matrixDetailSchema = canvasSummarySchema
  .extend({
    versions: z.array(versionSummarySchema),
    version: z.number().int(),
    matrix: competitorMatrixSchema,
    positioning: positioningChoiceSchema.nullable(),
    /** The map on the chosen features (the query's, else the saved choice); null when none is chosen. */
    map: z
      .object({
        x: axisSchema,
        y: axisSchema,
        points: z.array(z.object({ competitor: z.string(), name: z.string(), x: z.number(), y: z.number() })),
        missing: z.array(z.object({ competitor: z.string(), name: z.string(), axes: z.array(z.enum(['x', 'y'])) })),
      })
      .nullable(),
    coverage: z.object({
      features: z.number().int(),
      competitors: z.array(
        z.object({
          competitor: z.string(),
          name: z.string(),
          covered: z.number().int(),
          unknown: z.number().int(),
          share: z.number().nullable(),
        }),
      ),
      whiteSpace: z.array(z.object({ feature: z.string(), label: z.string(), unknown: z.number().int() })),
    }),
    canEdit: z.boolean(),
  })
  .meta({ id: 'CompetitorMatrixDetail' });
export type MatrixDetail = z.infer<typeof matrixDetailSchema>;
