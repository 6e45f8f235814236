import { z } from 'zod';
import { isoDateSchema, line, prose } from './engagements.js';
import { legalStatuses } from './patents.js';

/**
 * Claim charts and the patent-research report (issue #12, points 3–5). A chart maps each element
 * of a claim (構成要件 A, B, C…) onto each cited document: the tool suggests a judgement and the
 * passages it rests on, the analyst decides — both are kept, so a reader sees where they differ.
 */
export const chartJudgements = ['disclosed', 'partly', 'not'] as const;
export type ChartJudgement = (typeof chartJudgements)[number];
export const passageKinds = ['paragraph', 'claim', 'abstract'] as const;

export const CHART_LIMITS = { elements: 200, documents: 50, passages: 5, matched: 100, excerpt: 600, note: 4_000 } as const;

const publicationNumber = z
  .string()
  .max(30)
  .regex(/^[A-Z]{2}[0-9A-Z]{1,24}$/, { message: 'Must be a publication number such as US5793966A.' });
const elementLabel = z
  .string()
  .max(4)
  .regex(/^[A-Z]{1,4}$/, { message: 'Must be an element label A, B, … AA.' });

/** Where in a document a passage is: paragraph 【0012】 ("0012"), claim 3 ("3"), or the abstract. */
export const passageRefSchema = z.strictObject({ kind: z.enum(passageKinds), ref: z.string().min(1).max(40) });
export type PassageRef = z.infer<typeof passageRefSchema>;

export const chartPassageSchema = passageRefSchema.extend({
  /** Share of the element's term weight the passage holds, 0–1. */
  score: z.number().min(0).max(1),
  matched: z.array(z.string().max(100)).max(CHART_LIMITS.matched),
  excerpt: z.string().max(CHART_LIMITS.excerpt),
});
export type ChartPassage = z.infer<typeof chartPassageSchema>;

export const chartCellSchema = z.strictObject({
  element: elementLabel,
  document: publicationNumber,
  suggestion: z.strictObject({
    judgement: z.enum(chartJudgements),
    passages: z.array(chartPassageSchema).max(CHART_LIMITS.passages),
  }),
  /** The analyst's decision; null until one is made. */
  judgement: z.enum(chartJudgements).nullable().default(null),
  /** The passage the analyst relies on (it may differ from the suggested ones). */
  passage: passageRefSchema.nullable().default(null),
  note: prose(CHART_LIMITS.note).default(''),
});
export type ChartCell = z.infer<typeof chartCellSchema>;

export const claimChartSchema = z.strictObject({
  key: z
    .string()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, { message: 'Lower-case letters, digits, dash and underscore.' }),
  /** The charted claim: its own patent's number and claim number when it is a corpus patent's, else the text alone. */
  claim: z.strictObject({
    patent: publicationNumber.nullable(),
    number: z.int().min(1).max(1000).nullable(),
    independent: z.boolean(),
    text: prose(100_000),
  }),
  elements: z
    .array(z.strictObject({ label: elementLabel, text: prose(20_000), claim: z.int().min(1).max(1000).nullable() }))
    .min(1)
    .max(CHART_LIMITS.elements),
  documents: z.array(z.strictObject({ number: publicationNumber, title: line(2_000) })).max(CHART_LIMITS.documents),
  cells: z.array(chartCellSchema).max(CHART_LIMITS.elements * CHART_LIMITS.documents),
});
export type ClaimChart = z.infer<typeof claimChartSchema>;
export type ClaimChartInput = z.input<typeof claimChartSchema>;

// ---------- the patent-research report ----------

export const patentResearchKinds = ['prior_art', 'fto', 'invalidity'] as const;
export type PatentResearchKind = (typeof patentResearchKinds)[number];
/** X: relevant alone; Y: relevant combined with another; A: background (the search-report categories). */
export const resultCategories = ['X', 'Y', 'A'] as const;

export const PATENT_REPORT_LIMITS = { steps: 100, results: 500, charts: 50, countries: 50, corpora: 20, criteria: 50 } as const;

export const searchStepSchema = z.strictObject({
  /** The formula as run (the saved search's text), and what narrowed it. */
  formula: z.string().max(4_000),
  corpus: line(120),
  publishedBefore: isoDateSchema.nullable().default(null),
  classification: z.array(z.string().max(40)).max(50).default([]),
  /** The facet filters the step ran with: publication years, assignees, legal statuses. */
  years: z.array(z.int().min(1800).max(2200)).max(50).default([]),
  assignees: z.array(z.string().max(300)).max(20).default([]),
  legalStatuses: z.array(z.enum(legalStatuses)).max(legalStatuses.length).default([]),
  /** The hit count of the step (母集合), as the saved search recorded it. */
  hits: z.int().min(0).nullable(),
  savedSearchId: z.uuid({ message: 'Must be a UUID.' }).nullable().default(null),
});
export type SearchStep = z.infer<typeof searchStepSchema>;

export const rankedResultSchema = z.strictObject({
  number: publicationNumber,
  title: line(2_000),
  category: z.enum(resultCategories),
  reason: prose(4_000),
  /** The subject's claims (invalidity) or the result's claims (FTO) the reason is about. */
  claims: z.array(z.int().min(1).max(1000)).max(200).default([]),
  country: z.string().regex(/^[A-Z]{2}$/, { message: 'Must be a two-letter country code.' }),
  publicationDate: isoDateSchema,
  priorityDate: isoDateSchema.nullable().default(null),
  /** FTO: the right's status on the report date and when it is expected to end. */
  legalStatus: z.enum(legalStatuses).nullable().default(null),
  expectedExpiry: isoDateSchema.nullable().default(null),
});
export type RankedResult = z.infer<typeof rankedResultSchema>;

export const patentResearchFields = {
  kind: z.enum(patentResearchKinds),
  language: z.enum(['en', 'ja']),
  purpose: prose(10_000),
  subject: z.strictObject({
    /** The client's invention (prior art, FTO) or nothing when a target patent is named. */
    invention: prose(50_000).nullable().default(null),
    /** The target patent (invalidity) or the client's own application. */
    patent: publicationNumber.nullable().default(null),
    priorityDate: isoDateSchema.nullable().default(null),
  }),
  scope: z.strictObject({
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/, { message: 'Must be a two-letter country code.' }))
      .max(PATENT_REPORT_LIMITS.countries),
    corpora: z.array(line(120)).max(PATENT_REPORT_LIMITS.corpora),
    databases: z.array(line(200)).max(PATENT_REPORT_LIMITS.corpora).default([]),
    searchDate: isoDateSchema,
  }),
  /** The date the report speaks for: FTO rights must be alive on it. */
  reportDate: isoDateSchema,
  steps: z.array(searchStepSchema).max(PATENT_REPORT_LIMITS.steps),
  screening: z.array(prose(4_000)).max(PATENT_REPORT_LIMITS.criteria).default([]),
  results: z.array(rankedResultSchema).max(PATENT_REPORT_LIMITS.results),
  charts: z.array(claimChartSchema).max(PATENT_REPORT_LIMITS.charts).default([]),
  findings: prose(50_000),
  limits: prose(20_000),
};
export const patentResearchSchema = z.strictObject(patentResearchFields);
export type PatentResearch = z.infer<typeof patentResearchSchema>;
export type PatentResearchInput = z.input<typeof patentResearchSchema>;
