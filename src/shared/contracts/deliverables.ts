import { z } from 'zod';
import { type IssueCode, rule } from '../issue-codes.js';
import { line, personRefSchema, prose } from './engagements.js';
import { patentResearchFields } from './patent-report.js';

/**
 * Deliverables and their quality: a deliverable belongs to a milestone; each submission is an
 * immutable version with structured content for its type, files in the engagement's vault and the
 * automated checks' report; the client's reviewers score a version against a rubric, blind, and the
 * engagement's lead decides. core/deliverables and core/reviews hold the rules.
 */

/** The kinds of deliverable; each has a content schema and registers its checks (core/deliverables/checks). */
export const deliverableTypes = ['report', 'financial_model', 'market_research', 'patent_research'] as const;
export const deliverableTypeSchema = z.enum(deliverableTypes);
export type DeliverableType = z.infer<typeof deliverableTypeSchema>;

/** What a section of a report does: the generic checks read it (claims cite, method and transfer present). */
export const sectionRoles = ['summary', 'claims', 'methodology', 'knowledge_transfer', 'sources', 'appendix', 'other'] as const;
export const sectionRoleSchema = z.enum(sectionRoles);
export type SectionRole = z.infer<typeof sectionRoleSchema>;

const slug = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, { message: 'Lower-case letters, digits, "-" and "_".' });

export const DELIVERABLE_SECTIONS_MAX = 100;
export const DELIVERABLE_REFERENCES_MAX = 500;
export const SECTION_BODY_MAX = 50_000;

export const reportSectionSchema = z.strictObject({
  /** Stable across versions: the comparison and comments anchor on it. */
  key: slug,
  title: line(200),
  role: sectionRoleSchema,
  body: prose(SECTION_BODY_MAX),
  /** The ids of the references this section relies on. */
  citations: z.array(slug).max(200).default([]),
});
export type ReportSection = z.infer<typeof reportSectionSchema>;

export const referenceSchema = z.strictObject({
  id: slug,
  title: line(300),
  /** A document in the engagement's vault; a reference naming one must resolve to it. */
  documentId: z.uuid({ message: 'Must be a UUID.' }).nullable().default(null),
  /** http(s) only: the page renders it as a link. */
  url: z
    .url({ protocol: /^https?$/, message: 'Must be an http(s) URL.' })
    .max(2000)
    .nullable()
    .default(null),
  /** Page, paragraph, table: where in the source. */
  locator: line(200).nullable().default(null),
});
export type Reference = z.infer<typeof referenceSchema>;

const sectionsAndReferences = {
  sections: z.array(reportSectionSchema).max(DELIVERABLE_SECTIONS_MAX),
  references: z.array(referenceSchema).max(DELIVERABLE_REFERENCES_MAX).default([]),
};

/**
 * Scores by criterion key. A "__proto__" key is refused rather than silently dropped (JSON.parse
 * makes it an own key; a record schema would skip it and the request would pass without it).
 */
const scoresSchema = z.preprocess(
  (value, ctx) => {
    if (value !== null && typeof value === 'object' && Object.hasOwn(value, '__proto__'))
      ctx.issues.push({
        code: 'custom',
        input: value,
        path: ['__proto__'],
        message: 'Not a criterion of this rubric.',
        params: rule('unknown_criterion'),
      });
    return value;
  },
  z.record(slug, z.number().int()),
);

/** Flags every item whose key an earlier item already has, at `[list, i, field]`. */
function eachOnce<T>(ctx: z.RefinementCtx, items: readonly T[], keyOf: (item: T) => string, list: string, field: string, message: string) {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [list, i, field], message, params: rule('each_once') });
    seen.add(key);
  });
}

const versionNumber = z.number().int().min(1).max(1_000_000);
const questionKey = line(200);
const categoryLabel = line(200);

export const MR_TABLES_MAX = 50;
export const MR_CLAIMS_MAX = 200;
export const MR_SIZINGS_MAX = 10;

/**
 * The survey a market-research report rests on: a dataset version and the weighting and test
 * settings its tables were made with (the checks recompute the tables with them).
 */
export const reportSurveySchema = z.strictObject({
  id: z.uuid({ message: 'Must be a UUID.' }),
  version: versionNumber,
  weighting: z.union([z.uuid({ message: 'Must be a UUID.' }), z.literal('file'), z.literal('none')]).default('none'),
  alpha: z.number().min(0.001).max(0.2).default(0.05),
  correction: z.enum(['none', 'bonferroni', 'holm']).default('bonferroni'),
});
export type ReportSurvey = z.infer<typeof reportSurveySchema>;

/** A crosstab the report shows: a question (stub) by a banner, in a section, with or without its bases printed. */
export const reportTableSchema = z.strictObject({
  key: slug,
  title: line(200),
  stub: questionKey,
  banner: questionKey,
  /** The section the table is shown in. */
  section: slug.nullable().default(null),
  /** Whether the table prints its bases (n per column); percentages without them cannot be judged. */
  showsBase: z.boolean(),
});
export type ReportTable = z.infer<typeof reportTableSchema>;

/**
 * A statement the report makes about a table: a row's share in one column is higher than in another,
 * or the two do not differ. The checks hold it against the column-proportion test.
 */
export const reportClaimSchema = z.strictObject({
  section: slug,
  table: slug,
  row: categoryLabel,
  column: categoryLabel,
  than: categoryLabel,
  claim: z.enum(['higher', 'no_difference']),
});
export type ReportClaim = z.infer<typeof reportClaimSchema>;

export const deliverableContentSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('report'), ...sectionsAndReferences }),
    z.strictObject({
      type: z.literal('financial_model'),
      /** A shared version of one of the engagement's financial models. */
      model: z.strictObject({ id: z.uuid({ message: 'Must be a UUID.' }), version: versionNumber }),
      ...sectionsAndReferences,
    }),
    z.strictObject({
      type: z.literal('market_research'),
      survey: reportSurveySchema.nullable().default(null),
      tables: z.array(reportTableSchema).max(MR_TABLES_MAX).default([]),
      claims: z.array(reportClaimSchema).max(MR_CLAIMS_MAX).default([]),
      /** Market sizings of the engagement the report quotes, each at a version. */
      sizings: z
        .array(z.strictObject({ id: z.uuid({ message: 'Must be a UUID.' }), version: versionNumber }))
        .max(MR_SIZINGS_MAX)
        .default([]),
      ...sectionsAndReferences,
    }),
    /** A prior-art, FTO or invalidity search report (shared/contracts/patent-report.ts). */
    z.strictObject({ type: z.literal('patent_research'), ...patentResearchFields, ...sectionsAndReferences }),
  ])
  .superRefine((c, ctx) => {
    eachOnce(ctx, c.sections, (s) => s.key, 'sections', 'key', 'Each section has its own key.');
    eachOnce(ctx, c.references, (r) => r.id, 'references', 'id', 'Each reference has its own id.');
    if (c.type !== 'market_research') return;
    eachOnce(ctx, c.tables, (t) => t.key, 'tables', 'key', 'Each table has its own key.');
    eachOnce(ctx, c.sizings, (s) => s.id, 'sizings', 'id', 'Each sizing is named once.');
    const sections = new Set(c.sections.map((s) => s.key));
    const tables = new Map(c.tables.map((t) => [t.key, t]));
    const issue = (path: (string | number)[], message: string, code: IssueCode) =>
      ctx.addIssue({ code: 'custom', path, message, params: rule(code) });
    if (!c.survey && c.tables.length > 0) issue(['survey'], 'Tables need the survey they are made from.', 'required');
    c.tables.forEach((t, i) => {
      if (t.section !== null && !sections.has(t.section)) issue(['tables', i, 'section'], 'No section has this key.', 'unknown_section');
    });
    c.claims.forEach((claim, i) => {
      if (!sections.has(claim.section)) issue(['claims', i, 'section'], 'No section has this key.', 'unknown_section');
      const table = tables.get(claim.table);
      if (!table) issue(['claims', i, 'table'], 'No table has this key.', 'unknown_table');
      if (claim.column === claim.than) issue(['claims', i, 'than'], 'Compare two different columns.', 'same_column');
    });
  })
  .meta({ id: 'DeliverableContent' });
export type DeliverableContent = z.infer<typeof deliverableContentSchema>;

// ---------- automated checks ----------

export const checkStatuses = ['pass', 'warn', 'fail'] as const;
export const checkStatusSchema = z.enum(checkStatuses);
export type DeliverableCheckStatus = z.infer<typeof checkStatusSchema>;

/**
 * Where a finding points: a section, a reference, a glossary term, or a path into the content
 * (for a financial model, into the model document).
 */
export const findingLocationSchema = z.object({
  section: z.string().nullable(),
  reference: z.string().nullable(),
  path: z.array(z.union([z.string(), z.number()])),
});
export type FindingLocation = z.infer<typeof findingLocationSchema>;

export const deliverableFindingSchema = z
  .object({
    /** Stable id within one report ("<code>#<n>"): comments anchor on it. */
    id: z.string(),
    status: checkStatusSchema,
    /** The check's stable code, e.g. "report.required_sections" or, from the model's checks, "terminal.value_share". */
    code: z.string(),
    /** Whose words render the message: the generic checks' or the financial model's (shared/check-messages). */
    catalog: z.enum(['deliverable', 'financial_model']),
    location: findingLocationSchema,
    message: z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }),
  })
  .meta({ id: 'DeliverableFinding' });
export type DeliverableFinding = z.infer<typeof deliverableFindingSchema>;

export const deliverableCheckReportSchema = z
  .object({
    status: checkStatusSchema,
    counts: z.object({ pass: z.number().int(), warn: z.number().int(), fail: z.number().int() }),
    findings: z.array(deliverableFindingSchema),
  })
  .meta({ id: 'DeliverableCheckReport' });
export type DeliverableCheckReport = z.infer<typeof deliverableCheckReportSchema>;

/** One term of an engagement's glossary: the preferred spelling and the variants to avoid (表記ゆれ). */
export const glossaryTermSchema = z.strictObject({
  term: line(100),
  variants: z.array(line(100)).max(20).default([]),
});
export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;

// ---------- quality settings of an engagement ----------

export const REVIEWERS_MAX = 10;
export const DEFAULT_MAX_REWORK_ROUNDS = 2;

export const qualitySettingsInputSchema = z
  .strictObject({
    /** How many of the client's reviewers score each submission. */
    reviewersPerSubmission: z.number().int().min(1).max(REVIEWERS_MAX),
    /** Blind: no reviewer sees another's scores before submitting their own. */
    blind: z.boolean(),
    /** Section roles every report must have. */
    requiredSections: z.array(sectionRoleSchema).max(sectionRoles.length),
    glossary: z.array(glossaryTermSchema).max(500),
  })
  .meta({ id: 'QualitySettingsInput' });
export type QualitySettingsInput = z.infer<typeof qualitySettingsInputSchema>;

export const DEFAULT_REQUIRED_SECTIONS: readonly SectionRole[] = ['summary', 'methodology', 'knowledge_transfer'];

// ---------- rubrics ----------

export const rubricScaleSchema = z
  .strictObject({ min: z.number().int().min(0).max(10), max: z.number().int().min(1).max(10) })
  .refine((s) => s.max > s.min, { message: 'The top of the scale is above its bottom.', path: ['max'] });

export const rubricCriterionSchema = z.strictObject({
  key: slug,
  title: line(200),
  /** Weights are shares of the whole and sum to 1. */
  weight: z.number().gt(0).max(1),
  /** What each level of the scale means for this criterion, from the bottom of the scale up. */
  anchors: z.array(line(500)).min(2).max(11),
});
export type RubricCriterion = z.infer<typeof rubricCriterionSchema>;

export const RUBRIC_WEIGHT_TOLERANCE = 1e-6;

export const rubricInputSchema = z
  .strictObject({
    name: line(200),
    engagementType: z.enum(['market_research', 'patent_research', 'financial_modeling', 'other']),
    scale: rubricScaleSchema,
    criteria: z.array(rubricCriterionSchema).min(1).max(30),
  })
  .superRefine((r, ctx) => {
    const sum = r.criteria.reduce((s, c) => s + c.weight, 0);
    if (Math.abs(sum - 1) > RUBRIC_WEIGHT_TOLERANCE)
      ctx.addIssue({
        code: 'custom',
        path: ['criteria'],
        message: `The weights sum to ${Number(sum.toFixed(6))}; they must sum to 1.`,
        params: rule('weights_sum', { total: Number(sum.toFixed(6)) }),
      });
    const levels = r.scale.max - r.scale.min + 1;
    r.criteria.forEach((c, i) => {
      if (c.anchors.length !== levels)
        ctx.addIssue({
          code: 'custom',
          path: ['criteria', i, 'anchors'],
          message: `Describe each of the ${levels} levels of the scale.`,
          params: rule('anchor_per_level', { levels }),
        });
    });
    eachOnce(ctx, r.criteria, (c) => c.key, 'criteria', 'key', 'Each criterion has its own key.');
  })
  .meta({ id: 'RubricInput' });
export type RubricInput = z.infer<typeof rubricInputSchema>;

export const rubricSchema = z
  .object({
    id: z.string(),
    /** The client organisation whose template it is; null for kpo's built-in rubric. */
    orgId: z.string().nullable(),
    name: z.string(),
    engagementType: z.string(),
    version: z.number().int(),
    scale: z.object({ min: z.number().int(), max: z.number().int() }),
    criteria: z.array(rubricCriterionSchema),
    createdAt: z.string(),
  })
  .meta({ id: 'Rubric' });
export type Rubric = z.infer<typeof rubricSchema>;

// ---------- reviews and decisions ----------

export const reviewDecisions = ['accept', 'accept_with_fixes', 'rework'] as const;
export const reviewDecisionSchema = z.enum(reviewDecisions);
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

export const commentAnchorSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('section'), section: slug }),
  z.strictObject({ kind: z.literal('finding'), finding: z.string().min(1).max(120) }),
  z.strictObject({ kind: z.literal('general') }),
]);
export type CommentAnchor = z.infer<typeof commentAnchorSchema>;

export const reviewCommentInputSchema = z.strictObject({
  anchor: commentAnchorSchema,
  body: prose(5000).refine((s) => s.trim().length > 0, { message: 'Must not be empty.' }),
});

export const submitReviewRequestSchema = z
  .strictObject({
    /** Criterion key → level on the rubric's scale. */
    scores: scoresSchema,
    decision: reviewDecisionSchema,
    comments: z.array(reviewCommentInputSchema).max(200).default([]),
  })
  .meta({ id: 'SubmitReviewRequest' });
export type SubmitReviewRequest = z.infer<typeof submitReviewRequestSchema>;

export const decideVersionRequestSchema = z
  .strictObject({ decision: reviewDecisionSchema, note: prose(5000).default('') })
  .meta({ id: 'DecideVersionRequest' });
export type DecideVersionRequest = z.infer<typeof decideVersionRequestSchema>;

export const createDeliverableRequestSchema = z
  .strictObject({ milestoneId: z.uuid({ message: 'Must be a UUID.' }), title: line(200), type: deliverableTypeSchema })
  .meta({ id: 'CreateDeliverableRequest' });
export type CreateDeliverableRequest = z.infer<typeof createDeliverableRequestSchema>;

export const submitVersionRequestSchema = z
  .strictObject({
    content: deliverableContentSchema,
    /** Vault documents that are part of this version. */
    documentIds: z
      .array(z.uuid({ message: 'Must be a UUID.' }))
      .max(50)
      .default([]),
    note: prose(5000).default(''),
  })
  .meta({ id: 'SubmitVersionRequest' });
export type SubmitVersionRequest = z.infer<typeof submitVersionRequestSchema>;

export const versionStatuses = ['in_review', 'accepted', 'accepted_with_fixes', 'rework', 'superseded'] as const;
export type VersionStatus = (typeof versionStatuses)[number];
export const deliverableStatuses = ['draft', 'in_review', 'rework', 'accepted'] as const;
export type DeliverableStatus = (typeof deliverableStatuses)[number];

export const deliverableActions = ['submit', 'review', 'decide'] as const;
export type DeliverableAction = (typeof deliverableActions)[number];

export const reviewCommentSchema = z.object({ id: z.string(), anchor: commentAnchorSchema, body: z.string() });

export const reviewSchema = z
  .object({
    id: z.string(),
    /** null where the viewer may not know who reviewed (the provider). */
    reviewer: personRefSchema.nullable(),
    rubricId: z.string(),
    rubricVersion: z.number().int(),
    /** null while the review is blind to the viewer, and always for the provider. */
    scores: z.record(z.string(), z.number()).nullable(),
    weightedScore: z.number().nullable(),
    decision: reviewDecisionSchema.nullable(),
    comments: z.array(reviewCommentSchema),
    submittedAt: z.string(),
  })
  .meta({ id: 'Review' });
export type ReviewView = z.infer<typeof reviewSchema>;

export const deliverableVersionSchema = z
  .object({
    version: z.number().int(),
    status: z.enum(versionStatuses),
    content: deliverableContentSchema,
    documents: z.array(z.object({ id: z.string(), name: z.string() })),
    note: z.string(),
    checks: deliverableCheckReportSchema,
    submittedBy: personRefSchema.nullable(),
    /** When kpo received it: the payment clock of Japanese subcontracting law starts here. */
    receivedAt: z.string(),
    /** Reviews the viewer may see; the count of all submitted reviews is in reviewCount. */
    reviews: z.array(reviewSchema),
    reviewCount: z.number().int(),
    reviewersWanted: z.number().int(),
    /** The rubric the version is reviewed against (GET …/rubrics/{rubricId}/versions/{rubricVersion}), and whether its review is blind. */
    rubricId: z.string(),
    rubricVersion: z.number().int(),
    blind: z.boolean(),
    decision: z.object({ decision: reviewDecisionSchema, note: z.string(), by: personRefSchema.nullable(), at: z.string() }).nullable(),
  })
  .meta({ id: 'DeliverableVersion' });
export type DeliverableVersionView = z.infer<typeof deliverableVersionSchema>;

export const deliverableSchema = z
  .object({
    id: z.string(),
    engagementId: z.string(),
    milestoneId: z.string(),
    milestoneTitle: z.string(),
    title: z.string(),
    type: deliverableTypeSchema,
    status: z.enum(deliverableStatuses),
    latestVersion: z.number().int(),
    reworkRounds: z.number().int(),
    maxReworkRounds: z.number().int(),
    escalated: z.boolean(),
    /** The automated checks' verdict on the latest version; null before the first. */
    latestCheckStatus: checkStatusSchema.nullable(),
    createdAt: z.string(),
    allowedActions: z.array(z.enum(deliverableActions)),
  })
  .meta({ id: 'Deliverable' });
export type DeliverableView = z.infer<typeof deliverableSchema>;

export const deliverableDetailSchema = deliverableSchema
  .extend({ versions: z.array(deliverableVersionSchema) })
  .meta({ id: 'DeliverableDetail' });
export type DeliverableDetail = z.infer<typeof deliverableDetailSchema>;

// ---------- agreement ----------

export const alphaLevels = ['nominal', 'ordinal', 'interval', 'ratio'] as const;
export type AlphaLevel = (typeof alphaLevels)[number];

export const alphaResultSchema = z
  .object({
    /** null when there is no variation to measure against (fewer than two pairable values, or one value throughout). */
    alpha: z.number().nullable(),
    level: z.enum(alphaLevels),
    units: z.number().int(),
    raters: z.number().int(),
    /** Values in units rated by at least two raters: the number alpha rests on. */
    pairable: z.number().int(),
  })
  .meta({ id: 'AlphaResult' });
export type AlphaResult = z.infer<typeof alphaResultSchema>;

export const agreementSchema = z
  .object({
    engagement: z.object({ interval: alphaResultSchema, ordinal: alphaResultSchema }),
    deliverables: z.array(
      z.object({
        deliverableId: z.string(),
        title: z.string(),
        decisions: alphaResultSchema,
        scoresOrdinal: alphaResultSchema,
        scoresInterval: alphaResultSchema,
      }),
    ),
    pairs: z.array(z.object({ a: personRefSchema, b: personRefSchema, alpha: z.number().nullable(), pairable: z.number().int() })),
  })
  .meta({ id: 'Agreement' });

export const reviewQueueSchema = z
  .array(
    z.object({
      engagementId: z.string(),
      engagementTitle: z.string(),
      codeName: z.string().nullable(),
      deliverableId: z.string(),
      deliverableTitle: z.string(),
      version: z.number().int(),
      receivedAt: z.string(),
      checkStatus: z.enum(['pass', 'warn', 'fail']),
      reviewersWanted: z.number().int(),
      reviews: z.number().int(),
      reviewedByViewer: z.boolean(),
      /** The viewer decides this version (its engagement's owner, a client admin). */
      viewerDecides: z.boolean(),
      /** How far the reviews disagree: null to a reviewer who has not yet reviewed (blind). */
      decisionSplit: z.number().int().nullable(),
      scoreSpread: z.number().nullable(),
    }),
  )
  .meta({ id: 'ReviewQueue' });

export type AgreementView = z.infer<typeof agreementSchema>;
export type ReviewQueueView = z.infer<typeof reviewQueueSchema>;

// ---------- gold checks ----------

export const goldKinds = ['reference', 'planted_error', 'control_question'] as const;
export type GoldKind = (typeof goldKinds)[number];

export const plantGoldRequestSchema = z
  .strictObject({
    kind: z.enum(goldKinds),
    /** What the client planted, in its own words (never shown to the provider). */
    label: line(200),
    /** Any of these in the deliverable's text or references catches the item (width, case, spaces and punctuation aside). */
    terms: z.array(line(200)).max(20).default([]),
    /** A vault document that counts as found when a reference points to it. */
    documentId: z.uuid({ message: 'Must be a UUID.' }).nullable().default(null),
    /** The deliverable that must catch it; null: any deliverable of the engagement. */
    deliverableId: z.uuid({ message: 'Must be a UUID.' }).nullable().default(null),
  })
  .superRefine((g, ctx) => {
    if (g.terms.every((t) => t.trim() === '') && g.documentId === null)
      ctx.addIssue({
        code: 'custom',
        path: ['terms'],
        message: 'Give a term to look for, or a document.',
        params: rule('gold_needs_term'),
      });
  })
  .meta({ id: 'PlantGoldRequest' });
export type PlantGoldRequest = z.infer<typeof plantGoldRequestSchema>;

export const goldOutcomes = ['pending', 'caught', 'missed'] as const;
export type GoldOutcome = (typeof goldOutcomes)[number];

export const goldItemSchema = z
  .object({
    id: z.string(),
    kind: z.enum(goldKinds),
    label: z.string(),
    terms: z.array(z.string()),
    documentId: z.string().nullable(),
    deliverableId: z.string().nullable(),
    createdBy: personRefSchema.nullable(),
    createdAt: z.string(),
    withdrawnAt: z.string().nullable(),
    /** On the latest version of each deliverable it applies to: caught by one of them, missed by all, or none submitted yet. */
    outcome: z.enum(goldOutcomes),
    results: z.array(z.object({ deliverableId: z.string(), deliverableTitle: z.string(), version: z.number().int(), hit: z.boolean() })),
  })
  .meta({ id: 'GoldItem' });
export type GoldItemView = z.infer<typeof goldItemSchema>;

// ---------- calibration ----------

export const createCalibrationRoundSchema = z
  .strictObject({
    title: line(200),
    /** The reference: a version of a deliverable on one of the organisation's engagements. */
    source: z.strictObject({
      engagementId: z.uuid({ message: 'Must be a UUID.' }),
      deliverableId: z.uuid({ message: 'Must be a UUID.' }),
      version: z.number().int().min(1),
    }),
    /** The people asked to score it: the organisation's reviewers, owners or administrators. */
    participants: z
      .array(z.uuid({ message: 'Must be a UUID.' }))
      .min(2)
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'Each person once.', params: rule('each_once') }),
  })
  .meta({ id: 'CreateCalibrationRound' });
export type CreateCalibrationRoundRequest = z.infer<typeof createCalibrationRoundSchema>;

export const calibrationScoreRequestSchema = z.strictObject({ scores: scoresSchema }).meta({ id: 'CalibrationScoreRequest' });
export type CalibrationScoreRequest = z.infer<typeof calibrationScoreRequestSchema>;

export const calibrationRoundSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    createdAt: z.string(),
    createdBy: personRefSchema.nullable(),
    participants: z.number().int(),
    scored: z.number().int(),
    viewerParticipates: z.boolean(),
    viewerScored: z.boolean(),
  })
  .meta({ id: 'CalibrationRoundSummary' });
export type CalibrationRoundSummary = z.infer<typeof calibrationRoundSummarySchema>;

export const calibrationRoundSchema = calibrationRoundSummarySchema
  .extend({
    content: deliverableContentSchema,
    rubric: rubricSchema,
    people: z.array(personRefSchema.extend({ scored: z.boolean() })),
    /** The viewer's own scores, once given. */
    myScores: z.record(z.string(), z.number()).nullable(),
    /** The median of everyone's scores per criterion: shown once the viewer has scored (always to the administrator who is not scoring). */
    consensus: z.record(z.string(), z.number()).nullable(),
    myDeviation: z.record(z.string(), z.number()).nullable(),
    /** Each participant's deviation from the consensus: the administrator's view. */
    deviations: z
      .array(
        z.object({
          person: personRefSchema,
          scores: z.record(z.string(), z.number()),
          deviation: z.record(z.string(), z.number()),
          meanAbsoluteDeviation: z.number(),
        }),
      )
      .nullable(),
  })
  .meta({ id: 'CalibrationRound' });
export type CalibrationRoundView = z.infer<typeof calibrationRoundSchema>;

export const reviewerDriftSchema = z
  .object({
    person: personRefSchema,
    /** Calibration rounds scored, and the deviation from each round's consensus, in scale levels. */
    rounds: z.number().int(),
    meanAbsoluteDeviation: z.number().nullable(),
    /** Mean signed deviation: above 0 scores more generously than the consensus. */
    bias: z.number().nullable(),
    criteria: z.array(z.object({ key: z.string(), bias: z.number(), n: z.number().int() })),
    /** On live reviews: the weighted score (0–100) against the mean of the co-reviewers on the same versions. */
    live: z.object({ versions: z.number().int(), biasPct: z.number().nullable() }),
    drifting: z.boolean(),
  })
  .meta({ id: 'ReviewerDrift' });
export type ReviewerDrift = z.infer<typeof reviewerDriftSchema>;
