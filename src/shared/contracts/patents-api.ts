import { z } from 'zod';
import { isoDateSchema, line, personRefSchema, prose } from './engagements.js';
import { CHART_LIMITS, claimChartSchema } from './patent-report.js';
import { citationCategories, legalStatuses, patentImportReasons, patentLanguages, patentParagraphSchema } from './patents.js';

/** The API of the patent-research workbench (server/routes/patents.ts). */

const uuid = () => z.uuid({ message: 'Must be a UUID.' });

export const PATENT_SEARCH_LIMITS = {
  /** The most hits one page returns; `offset + limit` may reach `maxRanked`. */
  pageSize: 100,
  maxRanked: 1000,
  classifications: 50,
  savedSearchSteps: 100,
  /** The largest file one import request takes (bytes). */
  importBytes: 64 * 1024 * 1024,
} as const;

export const corpusNameSchema = line(120);

export const patentCorpusSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    /** `engagement`: this engagement's own; `platform`: shared by every patent engagement, read-only here. */
    scope: z.enum(['engagement', 'platform']),
    documents: z.number().int(),
  })
  .meta({ id: 'PatentCorpus' });
export type PatentCorpusView = z.infer<typeof patentCorpusSchema>;

export const createCorpusRequestSchema = z.strictObject({ name: corpusNameSchema }).meta({ id: 'CreatePatentCorpusRequest' });
export type CreateCorpusRequest = z.infer<typeof createCorpusRequestSchema>;

export const corpusParamsSchema = z.strictObject({ id: uuid(), corpusId: uuid() });

export const importQuerySchema = z.strictObject({
  /** The file's format; detected from its first bytes when absent. */
  format: z.enum(['uspto-xml', 'jsonl', 'csv']).optional(),
  /** The file's name, for the positions of refused records. */
  filename: line(255).optional(),
});
export type ImportQuery = z.infer<typeof importQuerySchema>;

export const patentImportResultSchema = z
  .object({
    corpus: patentCorpusSchema,
    /** New patents, patents whose content changed (replaced), and records already there as they are (unchanged). */
    imported: z.number().int(),
    replaced: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
    refusals: z.array(
      z.object({
        reason: z.enum(patentImportReasons),
        message: z.string(),
        number: z.string().nullable(),
        line: z.number().int().nullable(),
        document: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: 'PatentImportResult' });
export type PatentImportResult = z.infer<typeof patentImportResultSchema>;

/** A formula: the query and its filters, as a search runs it and a saved search keeps it. */
const formulaShape = {
  query: z.string().min(1, { message: 'Must not be empty.' }).max(4000),
  /** One corpus; absent: every corpus the engagement can read, merged by score. */
  corpusId: uuid().optional(),
  publishedBefore: isoDateSchema.optional(),
  classification: z.array(z.string().min(1).max(40)).max(PATENT_SEARCH_LIMITS.classifications).optional(),
  /** Facet filters: any of these publication years, assignees (as written) or legal statuses. */
  years: z.array(z.int().min(1800).max(2200)).max(50).optional(),
  assignees: z.array(z.string().min(1).max(300)).max(20).optional(),
  legalStatuses: z.array(z.enum(legalStatuses)).max(legalStatuses.length).optional(),
};

export const patentSearchRequestSchema = z
  .strictObject({
    ...formulaShape,
    /** Count the hits by classification, year, assignee, legal status and corpus. */
    facets: z.boolean().optional(),
    limit: z.int().min(1).max(PATENT_SEARCH_LIMITS.pageSize).optional(),
    offset: z
      .int()
      .min(0)
      .max(PATENT_SEARCH_LIMITS.maxRanked - 1)
      .optional(),
  })
  .refine((r) => (r.offset ?? 0) + (r.limit ?? 20) <= PATENT_SEARCH_LIMITS.maxRanked, {
    message: `offset + limit may not exceed ${PATENT_SEARCH_LIMITS.maxRanked}.`,
    path: ['offset'],
  })
  .meta({ id: 'PatentSearchRequest' });
export type PatentSearchRequest = z.infer<typeof patentSearchRequestSchema>;

const rangeSchema = z.object({ start: z.number().int(), end: z.number().int() });
export const snippetSchema = z
  .object({
    field: z.enum(['title', 'abstract', 'claims', 'description']),
    /** The claim's number or the paragraph's id; null for the title and abstract. */
    ref: z.string().nullable(),
    /** The passage: `text` is the field's text from `start` to `end` (UTF-16 offsets). */
    start: z.number().int(),
    end: z.number().int(),
    text: z.string(),
    /** The matched words, as offsets into the field's text (not into `text`). */
    matches: z.array(rangeSchema),
  })
  .meta({ id: 'PatentSnippet' });

export const patentHitSchema = z
  .object({
    corpusId: z.string(),
    number: z.string(),
    title: z.string(),
    score: z.number(),
    publicationDate: z.string(),
    priorityDate: z.string().nullable(),
    language: z.string(),
    snippets: z.array(snippetSchema),
  })
  .meta({ id: 'PatentHit' });
export type PatentHit = z.infer<typeof patentHitSchema>;

const facetValuesSchema = z.array(z.object({ key: z.string(), count: z.number().int() }));
export const patentFacetsSchema = z
  .object({
    /** How many hits the counts are over: the best-ranked of each corpus, up to a bound; `complete` when that is every hit. */
    basis: z.number().int(),
    complete: z.boolean(),
    /** CPC/IPC subclasses (A61B) and main groups (A61B 5/00). */
    subclass: facetValuesSchema,
    group: facetValuesSchema,
    year: facetValuesSchema,
    assignee: facetValuesSchema,
    legalStatus: facetValuesSchema,
    /** Hits per corpus (by id), counting every hit. */
    corpus: facetValuesSchema,
  })
  .meta({ id: 'PatentSearchFacets' });
export type PatentFacets = z.infer<typeof patentFacetsSchema>;

export const patentSearchResultSchema = z
  .object({
    total: z.number().int(),
    hits: z.array(patentHitSchema),
    terms: z.array(z.string()),
    facets: patentFacetsSchema.optional(),
  })
  .meta({ id: 'PatentSearchResult' });
export type PatentSearchResult = z.infer<typeof patentSearchResultSchema>;

export const patentParamsSchema = z.strictObject({
  id: uuid(),
  corpusId: uuid(),
  number: z.string().min(1).max(40),
});

/** An element with its offsets into the claim's text. */
const elementSchema = z.object({ label: z.string(), text: z.string(), start: z.number().int(), end: z.number().int() });
export const patentDocumentSchema = z
  .object({
    corpusId: z.string(),
    number: z.string(),
    country: z.string(),
    kind: z.string(),
    language: z.enum(patentLanguages),
    title: z.string(),
    abstract: z.string(),
    claims: z.array(
      z.object({
        number: z.number().int(),
        text: z.string(),
        dependsOn: z.array(z.number().int()),
        independent: z.boolean(),
        /** The claim split into its elements A, B, C… (core/workbenches/patent-search/claims.ts). */
        elements: z.array(elementSchema),
      }),
    ),
    paragraphs: z.array(patentParagraphSchema.extend({ index: z.number().int() })),
    classifications: z.object({
      cpc: z.array(z.string()),
      ipc: z.array(z.string()),
      fi: z.array(z.string()),
      fterms: z.array(z.string()),
      uspc: z.array(z.string()),
    }),
    dates: z.object({
      priority: z.string().nullable(),
      filing: z.string().nullable(),
      publication: z.string(),
      grant: z.string().nullable(),
    }),
    assignees: z.array(z.string()),
    inventors: z.array(z.string()),
    legalStatus: z.object({ status: z.enum(legalStatuses), expectedExpiry: z.string().nullable() }),
    citations: z.array(
      z.object({
        number: z.string().nullable(),
        category: z.enum(citationCategories).nullable(),
        text: z.string().nullable(),
        date: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'PatentDocument' });
export type PatentDocument = z.infer<typeof patentDocumentSchema>;

/**
 * A step: a search formula with its filters (cut-off date, classification and the facet filters), or a
 * combination of earlier steps — a formula made only of step labels, AND / OR / NOT (or *, +, -) and
 * parentheses, such as "S1 AND S2", with no filter.
 */
export const savedSearchStepInputSchema = z.strictObject(formulaShape).meta({ id: 'PatentSearchStepInput' });
export type SavedSearchStepInput = z.infer<typeof savedSearchStepInputSchema>;

export const savedSearchStepSchema = z
  .object({
    /** S1, S2… in order. */
    label: z.string(),
    query: z.string(),
    corpusId: z.string().nullable(),
    publishedBefore: z.string().nullable(),
    classification: z.array(z.string()),
    /** The facet filters the step was run with (empty: none), so running it again finds the same hits. */
    years: z.array(z.number().int()),
    assignees: z.array(z.string()),
    legalStatuses: z.array(z.enum(legalStatuses)),
    /** How many patents matched when the step was saved, counted by the server. */
    hits: z.number().int(),
    /** How many patents the searched corpora held then. */
    corpusDocuments: z.number().int(),
    /**
     * A step whose formula combines earlier steps ("S1 AND S2", "(S1 OR S3) NOT S2", or S1*S2, S1+S3,
     * S2-S1) names them here; its hits are the combination of their hit sets, counted by the server.
     */
    combines: z.array(z.string()).optional(),
  })
  .meta({ id: 'PatentSearchStep' });
export type SavedSearchStep = z.infer<typeof savedSearchStepSchema>;

const steps = z.array(savedSearchStepInputSchema).min(1).max(PATENT_SEARCH_LIMITS.savedSearchSteps);

export const createSavedSearchRequestSchema = z
  .strictObject({ title: line(200), steps, note: prose(1000).optional() })
  .meta({ id: 'CreatePatentSavedSearchRequest' });
export type CreateSavedSearchRequest = z.infer<typeof createSavedSearchRequestSchema>;

export const saveSearchVersionRequestSchema = z
  .strictObject({ baseVersion: z.int().min(1), steps, note: prose(1000).optional() })
  .meta({ id: 'SavePatentSearchVersionRequest' });
export type SaveSearchVersionRequest = z.infer<typeof saveSearchVersionRequestSchema>;

export const addSearchStepRequestSchema = z
  .strictObject({ baseVersion: z.int().min(1), step: savedSearchStepInputSchema, note: prose(1000).optional() })
  .meta({ id: 'AddPatentSearchStepRequest' });
export type AddSearchStepRequest = z.infer<typeof addSearchStepRequestSchema>;

export const savedSearchParamsSchema = z.strictObject({ id: uuid(), searchId: uuid() });
export const savedSearchQuerySchema = z.strictObject({ version: z.coerce.number().int().min(1).max(1_000_000).optional() });

export const savedSearchSummarySchema = z
  .object({
    id: z.string(),
    engagementId: z.string(),
    title: z.string(),
    latestVersion: z.number().int(),
    steps: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PatentSavedSearchSummary' });
export type SavedSearchSummary = z.infer<typeof savedSearchSummarySchema>;

export const savedSearchSchema = z
  .object({
    id: z.string(),
    engagementId: z.string(),
    title: z.string(),
    latestVersion: z.number().int(),
    version: z.number().int(),
    note: z.string().nullable(),
    savedBy: personRefSchema,
    savedAt: z.string(),
    steps: z.array(savedSearchStepSchema),
    createdAt: z.string(),
  })
  .meta({ id: 'PatentSavedSearch' });
export type SavedSearchView = z.infer<typeof savedSearchSchema>;

// ---------- claim charts (the chart editor's starting point) ----------

/**
 * A claim of a corpus patent charted against documents: the server cuts the claim into its elements
 * (a dependent claim with its parents') and suggests, per element and document, a judgement and the
 * passages it rests on. Nothing is stored: the chart is kept in the report that shows it.
 */
export const patentChartRequestSchema = z
  .strictObject({
    /** The corpus of the charted claim's patent. */
    corpusId: uuid(),
    patent: z.string().min(1).max(40),
    claim: z.int().min(1).max(1000),
    /** The cited documents, looked up in every corpus the engagement reads (its own first). */
    documents: z.array(z.string().min(1).max(40)).min(1).max(CHART_LIMITS.documents),
    key: z
      .string()
      .min(1)
      .max(60)
      .regex(/^[a-z0-9][a-z0-9_-]*$/, { message: 'Lower-case letters, digits, dash and underscore.' })
      .optional(),
  })
  .meta({ id: 'PatentChartRequest' });
export type PatentChartRequest = z.infer<typeof patentChartRequestSchema>;

export const patentChartResultSchema = z
  .object({
    chart: claimChartSchema,
    /** Where each charted document was found, to open its paragraphs. */
    located: z.array(z.object({ number: z.string(), corpusId: z.string() })),
  })
  .meta({ id: 'PatentChartResult' });
export type PatentChartResult = z.infer<typeof patentChartResultSchema>;
