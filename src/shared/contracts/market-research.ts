import { z } from 'zod';
import { rule } from '../issue-codes.js';
import { line, prose } from './engagements.js';

/**
 * The market-research workbench's survey data: a codebook says what each column of a response
 * file means (question text, type, value labels, missing codes, reverse keying, grids); the engine
 * (core/workbenches/market-research) computes on the columns the codebook turns into variables.
 */

export const questionTypes = ['single', 'multiple', 'likert', 'nps', 'numeric', 'open'] as const;
export const questionTypeSchema = z.enum(questionTypes);
export type QuestionType = z.infer<typeof questionTypeSchema>;

/** How a multiple-choice question sits in the file: a 0/1 column per option, or the codes in one cell. */
export const multipleFormats = ['binary_columns', 'delimited'] as const;

export const CODEBOOK_QUESTIONS_MAX = 2000;
export const QUESTION_VALUES_MAX = 500;

export const valueLabelSchema = z.strictObject({
  /** The code as the file writes it ("1", "男性"); for binary columns, the column's name. */
  value: line(200),
  label: line(300),
});
export type ValueLabel = z.infer<typeof valueLabelSchema>;

export const likertScaleSchema = z
  .strictObject({
    min: z.int().min(-10).max(10),
    max: z.int().min(-10).max(20),
  })
  .refine((s) => s.max > s.min, { message: 'The top of the scale must be above its bottom.', params: rule('range_order') });

export const codebookQuestionSchema = z.strictObject({
  /** The variable's name in tables and exports; by default the file column's name. */
  key: line(200),
  /** The question as respondents read it. */
  text: prose(2000).default(''),
  type: questionTypeSchema,
  /** The file's columns this question reads: one, or one per option for binary multiple choice. */
  columns: z.array(line(200)).min(1).max(QUESTION_VALUES_MAX),
  multipleFormat: z.enum(multipleFormats).default('binary_columns'),
  /** The separator between codes in one cell (delimited multiple choice). */
  delimiter: z.string().min(1).max(3).default(';'),
  /** The categories in display order (single and delimited multiple choice; Likert labels). */
  values: z.array(valueLabelSchema).max(QUESTION_VALUES_MAX).default([]),
  /** Codes that mean "no answer" besides an empty cell ("99", "NA", "無回答"). */
  missing: z.array(z.string().max(200)).max(50).default(['NA']),
  /** Likert: the scale's bottom and top point (default 1–5). */
  scale: likertScaleSchema.nullable().default(null),
  /** Likert: agreement means the opposite of the construct, so scores are reversed (x → min + max − x). */
  reverse: z.boolean().default(false),
  /** Questions of one grid (the same scale asked of several items) share its name. */
  grid: line(200).nullable().default(null),
});
export type CodebookQuestion = z.infer<typeof codebookQuestionSchema>;
export type CodebookQuestionInput = z.input<typeof codebookQuestionSchema>;

export const codebookSchema = z
  .strictObject({
    questions: z.array(codebookQuestionSchema).min(1).max(CODEBOOK_QUESTIONS_MAX),
    /** A column of respondents' weights (the file's own), if any. */
    weightColumn: line(200).nullable().default(null),
  })
  .superRefine((c, ctx) => {
    const keys = new Set<string>();
    const columns = new Map<string, number>();
    c.questions.forEach((q, i) => {
      if (keys.has(q.key))
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'key'], message: 'Each question key once.', params: rule('duplicate_key') });
      keys.add(q.key);
      if (q.type !== 'multiple' && q.columns.length !== 1)
        ctx.addIssue({
          code: 'too_big',
          origin: 'array',
          maximum: 1,
          inclusive: true,
          path: ['questions', i, 'columns'],
          message: 'Only a multiple-choice question reads more than one column.',
        });
      if (q.type === 'multiple' && q.multipleFormat === 'delimited' && q.columns.length !== 1)
        ctx.addIssue({
          code: 'too_big',
          origin: 'array',
          maximum: 1,
          inclusive: true,
          path: ['questions', i, 'columns'],
          message: 'Delimited codes sit in one column.',
        });
      if ((q.type === 'single' || (q.type === 'multiple' && q.multipleFormat === 'delimited')) && q.values.length === 0)
        ctx.addIssue({
          code: 'too_small',
          origin: 'array',
          minimum: 1,
          inclusive: true,
          path: ['questions', i, 'values'],
          message: 'Give the question’s codes and labels.',
        });
      const seenValues = new Set<string>();
      q.values.forEach((v, j) => {
        if (seenValues.has(v.value))
          ctx.addIssue({
            code: 'custom',
            path: ['questions', i, 'values', j, 'value'],
            message: 'Each code once.',
            params: rule('duplicate_key'),
          });
        seenValues.add(v.value);
      });
      q.columns.forEach((col, j) => {
        const owner = columns.get(col);
        if (owner !== undefined && owner !== i)
          ctx.addIssue({
            code: 'custom',
            path: ['questions', i, 'columns', j],
            message: 'Another question already reads this column.',
            params: rule('duplicate_column'),
          });
        columns.set(col, i);
      });
    });
    if (c.weightColumn !== null && columns.has(c.weightColumn))
      ctx.addIssue({
        code: 'custom',
        path: ['weightColumn'],
        message: 'The weight column is read by a question.',
        params: rule('duplicate_column'),
      });
  })
  .meta({ id: 'Codebook' });
export type Codebook = z.infer<typeof codebookSchema>;
export type CodebookInput = z.input<typeof codebookSchema>;

/** Raking targets: per weighting question (its key), each category's code → its share of the population. */
export const weightingTargetsSchema = z
  .record(z.string().min(1).max(200), z.record(z.string().min(1).max(200), z.number().min(0).max(1)))
  .meta({ id: 'WeightingTargets' });
export type WeightingTargets = z.infer<typeof weightingTargetsSchema>;
