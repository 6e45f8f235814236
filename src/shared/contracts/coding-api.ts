import { z } from 'zod';
import { line } from './engagements.js';

/** Open-answer coding (issue #11): an analyst's codes for one open-text question of a survey dataset version. */
const uuid = () => z.uuid({ message: 'Must be a UUID.' });
const versionNumber = z.coerce.number().int().min(1).max(1_000_000);
const term = line(100);

export const MAX_CODES = 100;

/** A code's key: letters of any script, digits, _ and - (the web form checks it before sending). */
export const CODE_KEY_PATTERN = /^[\p{L}\p{N}_-]+$/u;

export const answerCodeSchema = z.strictObject({
  key: z
    .string()
    .trim()
    .min(1, { message: 'Required.' })
    .max(40, { message: 'At most 40 characters.' })
    .regex(CODE_KEY_PATTERN, { message: 'Letters, digits, _ and - only.' }),
  label: line(200),
  /** Words or phrases, Japanese or English, compared by base form (面倒くさかった meets 面倒くさい). */
  keywords: z.array(term).min(1, { message: 'At least one keyword.' }).max(50, { message: 'At most 50 keywords.' }),
  exclude: z.array(term).max(50, { message: 'At most 50 exclusions.' }).default([]),
});
export type AnswerCodeInput = z.infer<typeof answerCodeSchema>;

const codesSchema = z
  .array(answerCodeSchema)
  .min(1, { message: 'At least one code.' })
  .max(MAX_CODES, { message: `At most ${MAX_CODES} codes.` });

export const createCodeframeRequestSchema = z
  .strictObject({
    question: z.string().trim().min(1, { message: 'Required.' }).max(200, { message: 'At most 200 characters.' }),
    /** The dataset version whose answers are coded (the latest when absent). */
    datasetVersion: z.number().int().min(1).max(1_000_000).optional(),
    codes: codesSchema,
  })
  .meta({ id: 'CreateCodeframeRequest' });
export type CreateCodeframeRequest = z.infer<typeof createCodeframeRequestSchema>;

export const saveCodeframeVersionRequestSchema = z
  .strictObject({ baseVersion: z.number().int().min(1).max(1_000_000), codes: codesSchema })
  .meta({ id: 'SaveCodeframeVersionRequest' });
export type SaveCodeframeVersionRequest = z.infer<typeof saveCodeframeVersionRequestSchema>;

export const codingOverrideRequestSchema = z
  .strictObject({
    respondent: z.number().int().min(0).max(10_000_000),
    /** The code keys this answer has; empty: uncoded. */
    codes: z.array(z.string().trim().min(1).max(40)).max(MAX_CODES),
  })
  .meta({ id: 'CodingOverrideRequest' });
export type CodingOverrideRequest = z.infer<typeof codingOverrideRequestSchema>;

export const codeframeParamsSchema = z.strictObject({ id: uuid(), surveyId: uuid(), codeframeId: uuid() });
export const codeframeVersionQuerySchema = z.strictObject({ version: versionNumber.optional() });

const quoteSchema = z.object({ respondent: z.number().int(), text: z.string() });

export const codeframeSummarySchema = z
  .object({
    id: z.string(),
    surveyId: z.string(),
    datasetVersion: z.number().int(),
    question: z.string(),
    version: z.number().int(),
    codes: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CodeframeSummary' });
export type CodeframeSummary = z.infer<typeof codeframeSummarySchema>;

export const codeTallySchema = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number().int(),
  /** Of the respondents who answered the question (`answered`). */
  share: z.number(),
  examples: z.array(quoteSchema),
});

export const codeframeDetailSchema = z
  .object({
    id: z.string(),
    surveyId: z.string(),
    datasetVersion: z.number().int(),
    question: z.string(),
    questionLabel: z.string(),
    version: z.number().int(),
    latestVersion: z.number().int(),
    codes: z.array(answerCodeSchema),
    savedAt: z.string(),
    canEdit: z.boolean(),
    results: z.object({
      respondents: z.number().int(),
      /** The base of every share: respondents with a non-empty answer. */
      answered: z.number().int(),
      codes: z.array(codeTallySchema),
      uncoded: z.object({ count: z.number().int(), share: z.number(), answers: z.array(quoteSchema) }),
      overrides: z.array(z.object({ respondent: z.number().int(), codes: z.array(z.string()), text: z.string() })),
    }),
  })
  .meta({ id: 'CodeframeDetail' });
export type CodeframeDetail = z.infer<typeof codeframeDetailSchema>;
