import { z } from 'zod';
import { rule } from '../issue-codes.js';
import { currencySchema, type Money } from '../money.js';

/**
 * Engagements: where a client and a provider meet. The brief, competing proposals, the versioned
 * SOW, milestones, status updates, Q&A and change requests, and the control figures that show
 * whether commitments are being kept (risk 3: loss of control).
 */

export const engagementTypes = ['market_research', 'patent_research', 'financial_modeling', 'other'] as const;
export const engagementTypeSchema = z.enum(engagementTypes);
export type EngagementType = z.infer<typeof engagementTypeSchema>;

export const engagementStatuses = [
  'draft',
  'requested',
  'proposing',
  'contracted',
  'in_progress',
  'delivered',
  'accepted',
  'closed',
  'on_hold',
  'cancelled',
] as const;
export const engagementStatusSchema = z.enum(engagementStatuses);
export type EngagementStatus = z.infer<typeof engagementStatusSchema>;

export const classifications = ['public', 'internal', 'confidential', 'strictly_confidential'] as const;
export const classificationSchema = z.enum(classifications);
export type Classification = z.infer<typeof classificationSchema>;

export const sides = ['client', 'provider'] as const;
export const sideSchema = z.enum(sides);
export type Side = z.infer<typeof sideSchema>;

export const ragSchema = z.enum(['red', 'amber', 'green']);
export type Rag = z.infer<typeof ragSchema>;

// ---------- building blocks ----------

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** One line of text: trimmed, bounded, no control characters. */
export const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'Must not be empty.' })
    .max(max, { message: `At most ${max} characters.` })
    .refine((s) => !CONTROL.test(s) && !/[\r\n]/.test(s), {
      message: 'One line, without control characters.',
      params: rule('one_line'),
    });
/** Free text with line breaks. */
export const prose = (max: number) =>
  z
    .string()
    .max(max, { message: `At most ${max} characters.` })
    .refine((s) => !CONTROL.test(s), { message: 'Must not contain control characters.', params: rule('no_control_characters') });

export const isoDateSchema = z.iso.date({ message: 'Must be a date as YYYY-MM-DD.' });
const uuid = () => z.uuid({ message: 'Must be a UUID.' });

/** Money that cannot be negative: fees, rates, budgets. Integer minor units (whole yen for JPY). */
export const nonNegativeMoneySchema = z.object({
  amount: z
    .number({ message: 'Must be a number.' })
    .int({ message: 'Must be a whole number of the minor unit (yen have no decimals).' })
    .min(0, { message: 'Must not be negative.' })
    .max(Number.MAX_SAFE_INTEGER, { message: 'Amount is too large.' }),
  currency: currencySchema,
});

export const rateCardLineSchema = z.strictObject({
  role: line(80),
  hourlyRate: nonNegativeMoneySchema,
  estimatedHours: z.number().min(0, { message: 'Must not be negative.' }).max(100_000),
});

/** How the provider is paid: a fixed fee, or time and materials at a rate card (with an optional cap). */
export const feeTermsSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('fixed'), amount: nonNegativeMoneySchema }),
  z.strictObject({
    type: z.literal('time_and_materials'),
    rateCard: z.array(rateCardLineSchema).min(1, { message: 'Give at least one rate.' }).max(30),
    cap: nonNegativeMoneySchema.nullable(),
  }),
]);
export type FeeTerms = z.infer<typeof feeTermsSchema>;

/** One currency across a fee: every rate and the cap. */
export function feeCurrencies(fee: FeeTerms): string[] {
  if (fee.type === 'fixed') return [fee.amount.currency];
  return [...new Set([...fee.rateCard.map((r) => r.hourlyRate.currency), ...(fee.cap ? [fee.cap.currency] : [])])];
}

/** The fee's expected total: the fixed amount, or the rate card's estimate (limited by the cap). */
export function feeEstimate(fee: FeeTerms): Money {
  if (fee.type === 'fixed') return fee.amount;
  const currency = fee.rateCard[0]?.hourlyRate.currency ?? fee.cap?.currency ?? 'JPY';
  const estimate = Math.round(fee.rateCard.reduce((sum, r) => sum + r.hourlyRate.amount * r.estimatedHours, 0));
  return { amount: fee.cap ? Math.min(estimate, fee.cap.amount) : estimate, currency };
}

export const plannedMilestoneSchema = z.strictObject({
  /** Stable across SOW versions, so a change request can move one milestone. */
  key: z.string().regex(/^[a-z0-9-]{1,40}$/, { message: 'Lower-case letters, digits and hyphens.' }),
  title: line(200),
  dueDate: isoDateSchema,
  /** Share of the whole work, in percent; the weights of a plan add up to 100. */
  weight: z.number().min(0, { message: 'Must not be negative.' }).max(100),
  deliverables: z.array(line(300)).max(30),
});
export type PlannedMilestone = z.infer<typeof plannedMilestoneSchema>;

// ---------- brief ----------

const briefFields = {
  type: engagementTypeSchema,
  title: line(200),
  /** Shown to providers instead of the title (confidential deals). */
  codeName: line(60).nullable(),
  objectives: prose(5000),
  scope: prose(10000),
  expectedDeliverables: z.array(line(300)).max(50),
  classification: classificationSchema,
  budget: nonNegativeMoneySchema.nullable(),
  targetStart: isoDateSchema,
  targetEnd: isoDateSchema,
};

const datesInOrder = (b: { targetStart?: string | undefined; targetEnd?: string | undefined }) =>
  !b.targetStart || !b.targetEnd || b.targetEnd >= b.targetStart;
const datesMessage = { message: 'The target end comes on or after the target start.', path: ['targetEnd'] };

export const createEngagementRequestSchema = z
  .strictObject({ ...briefFields, codeName: briefFields.codeName.default(null), budget: briefFields.budget.default(null) })
  .refine(datesInOrder, datesMessage)
  .meta({ id: 'CreateEngagementRequest' });
export type CreateEngagementRequest = z.input<typeof createEngagementRequestSchema>;

export const updateBriefRequestSchema = z
  .strictObject(briefFields)
  .partial()
  /** The version the edit is based on: a concurrent edit answers 409 conflict. */
  .extend({ version: z.number().int().min(1) })
  .refine(datesInOrder, datesMessage)
  .meta({ id: 'UpdateBriefRequest' });
export type UpdateBriefRequest = z.input<typeof updateBriefRequestSchema>;

export const inviteProvidersRequestSchema = z
  .strictObject({
    providerOrgIds: z
      .array(uuid())
      .min(1, { message: 'Choose at least one provider.' })
      .max(20)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'Each provider once.', params: rule('each_once') }),
  })
  .meta({ id: 'InviteProvidersRequest' });

export const transitionActions = ['request', 'start', 'deliver', 'accept', 'send_back', 'close', 'hold', 'resume', 'cancel'] as const;
export const transitionActionSchema = z.enum(transitionActions);
export type TransitionAction = z.infer<typeof transitionActionSchema>;

/** Transitions refused without a reason: the server asks for one, the UI asks people why. */
export const transitionsNeedingReason: readonly TransitionAction[] = ['send_back', 'hold', 'cancel'];
export const needsReason = (action: TransitionAction): boolean => transitionsNeedingReason.includes(action);

/**
 * How someone stands on an engagement (docs/security.md). Client lead: its owner or the client's
 * admin. Client member: someone on the client team who works (owner role, reviewer). Client
 * observer: the client's finance and auditors — read and export only. Provider lead: the awarded
 * provider's admins and delivery managers. Provider member: an analyst assigned to it. Bidder: an
 * invited provider's managers while proposals are open. Former bidder: an invited provider whose
 * bid is over without the award — it sees its own proposal and the outcome, nothing else.
 */
export const engagementStandings = [
  'client_lead',
  'client_member',
  'client_observer',
  'provider_lead',
  'provider_member',
  'bidder',
  'former_bidder',
] as const;
export const engagementStandingSchema = z.enum(engagementStandings);
export type EngagementStanding = z.infer<typeof engagementStandingSchema>;

/** How a bid ended for a provider that did not win it. */
export const bidOutcomes = ['not_awarded', 'withdrawn', 'cancelled'] as const;
export const bidOutcomeSchema = z.enum(bidOutcomes);
export type BidOutcome = z.infer<typeof bidOutcomeSchema>;

/**
 * Everything someone may do on an engagement. One table in core/access/engagement-rules.ts says
 * who may take each one in which state; the server offers the ones open to the viewer in
 * `allowedActions`, and the UI shows only those.
 */
export const engagementActions = [
  'engagement.read',
  'engagement.edit_brief',
  'engagement.invite_providers',
  'engagement.assign_team',
  'engagement.request',
  'engagement.start',
  'engagement.deliver',
  'engagement.accept',
  'engagement.send_back',
  'engagement.close',
  'engagement.hold',
  'engagement.resume',
  'engagement.cancel',
  'proposal.read',
  'proposal.write',
  'proposal.award',
  'sow.read',
  'sow.revise',
  'sow.approve',
  'milestone.work',
  'milestone.decide',
  'update.post',
  'question.ask',
  'question.answer',
  'question.close',
  'change.propose',
  'change.decide',
  'control.read',
  'model.read',
  'model.read_drafts',
  'model.write',
  'model.share',
  'model.comment',
  'model.export',
  'document.read',
  'document.upload',
  'document.grant',
  'document.review_access',
  'document.destroy',
  'document.attest_deletion',
  'document.pseudonymise',
  // conflict walls: the client's own view of who may work on the engagement
  'conflict.review',
  'conflict.set_subjects',
  'conflict.override',
  // deliverables and quality (core/deliverables, core/reviews)
  'deliverable.read',
  'deliverable.submit',
  'deliverable.review',
  'deliverable.decide',
  'quality.configure',
  'quality.read_reviews',
  'gold.read',
  'gold.manage',
  // the market-research workbench (core/workbenches/market-research)
  'survey.read',
  'survey.write',
  // the patent-research workbench (core/workbenches/patent-search)
  'patent.read',
  'patent.write',
  // time (core/time): logging hours, reading them, the client's hidden cost
  'time.log',
  'time.read',
  'time.hidden_cost',
] as const;
export const engagementActionSchema = z.enum(engagementActions);
export type EngagementAction = z.infer<typeof engagementActionSchema>;
export const transitionActionOf = (action: TransitionAction) => `engagement.${action}` as const satisfies EngagementAction;

export const transitionRequestSchema = z
  .strictObject({ action: transitionActionSchema, reason: prose(2000).optional(), version: z.number().int().min(1) })
  .meta({ id: 'TransitionRequest' });

export const assignTeamRequestSchema = z
  .strictObject({
    userId: uuid(),
    role: z.enum(['owner', 'reviewer', 'lead', 'analyst']),
    /**
     * A provider person's planned hours on the engagement: minutes per ISO week from the week of
     * `from` (this week) to the week of `to` (the SOW's end). Checked against their load and the
     * legal maxima of overtime like any plan (decision 0011, addendum "Capacity").
     */
    plan: z
      .strictObject({
        minutesPerWeek: z
          .number()
          .int()
          .min(1)
          .max(168 * 60, { message: 'A week has 168 hours.' }),
        from: isoDateSchema.optional(),
        to: isoDateSchema.optional(),
        overrideReason: line(500).optional(),
      })
      .optional(),
  })
  .meta({ id: 'AssignTeamRequest' });

// ---------- views ----------

export const personRefSchema = z.object({ userId: z.string(), displayName: z.string() });
export type PersonRef = z.infer<typeof personRefSchema>;
export const orgRefSchema = z.object({ orgId: z.string(), name: z.string() });

export const riskFlags = ['overdue_milestone', 'missed_update', 'overdue_answer', 'overdue_review', 'over_budget', 'on_hold'] as const;
export const riskFlagSchema = z.enum(riskFlags);
export type RiskFlag = z.infer<typeof riskFlagSchema>;

/**
 * What the engagement page shows first about how the work stands: the figures kept on the
 * engagement as it changes (progress and RAG of the latest status update, the next deadlines),
 * and the risk flags they raise at `asOf` (the server's time, which deadlines are measured against).
 * Null for whoever may not read the control figures (a bidder); a provider never gets a flag
 * computed from the client's budget.
 */
export const engagementSummarySchema = z
  .object({
    asOf: z.string(),
    progressPct: z.number().nullable(),
    rag: ragSchema.nullable(),
    riskFlags: z.array(riskFlagSchema),
    /** The earliest due date of a milestone not yet accepted. */
    nextMilestoneDue: z.string().nullable(),
    /** When the next status update falls due after the last one (in the past: missed), while work is under way. */
    nextUpdateDueAt: z.string().nullable(),
    /** The earliest deadline of an open question. */
    nextAnswerDueAt: z.string().nullable(),
    /** The earliest deadline of a milestone review not yet decided. */
    nextReviewDueAt: z.string().nullable(),
  })
  .meta({ id: 'EngagementSummary' });
export type EngagementSummary = z.infer<typeof engagementSummarySchema>;

export const engagementViewSchema = z
  .object({
    id: z.string(),
    type: engagementTypeSchema,
    /** The code name when there is one, else the title: what everyone may see. */
    displayName: z.string(),
    /** Null for the provider when the engagement has a code name. */
    title: z.string().nullable(),
    codeName: z.string().nullable(),
    objectives: z.string(),
    scope: z.string(),
    expectedDeliverables: z.array(z.string()),
    classification: classificationSchema,
    /** The client's budget; never shown to providers. */
    budget: nonNegativeMoneySchema.nullable(),
    targetStart: z.string(),
    targetEnd: z.string(),
    status: engagementStatusSchema,
    heldFrom: engagementStatusSchema.nullable(),
    client: orgRefSchema,
    provider: orgRefSchema.nullable(),
    invitedProviders: z.array(
      orgRefSchema.extend({ status: z.enum(['invited', 'proposed', 'declined', 'awarded', 'not_awarded', 'cancelled']) }),
    ),
    owner: personRefSchema,
    team: z.array(personRefSchema.extend({ side: sideSchema, role: z.enum(['owner', 'reviewer', 'lead', 'analyst']) })),
    viewerSide: sideSchema,
    /** How the viewer stands on the engagement. */
    standing: engagementStandingSchema.exclude(['former_bidder']),
    /** What the viewer may do now, for the UI; the server checks again on every request. */
    allowedActions: z.array(engagementActionSchema),
    /** How the work stands, from the state kept on the engagement; null when the viewer may not read the control figures. */
    summary: engagementSummarySchema.nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Engagement' });
export type EngagementView = z.infer<typeof engagementViewSchema>;

/** What a provider whose bid is over sees of the engagement: its name, the client, and the outcome. */
export const closedBidViewSchema = z
  .object({
    id: z.string(),
    type: engagementTypeSchema,
    displayName: z.string(),
    client: orgRefSchema,
    standing: z.literal('former_bidder'),
    outcome: bidOutcomeSchema,
    /** When the bid ended for this provider. */
    closedAt: z.string(),
    allowedActions: z.array(engagementActionSchema),
  })
  .meta({ id: 'ClosedBid' });
export type ClosedBidView = z.infer<typeof closedBidViewSchema>;

/** An engagement as the viewer may see it: the engagement, or for a former bidder only how its bid ended. */
export const engagementPageSchema = z.union([engagementViewSchema, closedBidViewSchema]).meta({ id: 'EngagementOrClosedBid' });
export type EngagementPage = z.infer<typeof engagementPageSchema>;
export const isClosedBid = (page: EngagementPage): page is ClosedBidView => page.standing === 'former_bidder';

export const engagementListItemSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    type: engagementTypeSchema,
    /** Null on a bid that is over: the engagement's state is no longer the former bidder's business. */
    status: engagementStatusSchema.nullable(),
    /** How the viewer's bid ended, for a former bidder; otherwise null. */
    bidOutcome: bidOutcomeSchema.nullable(),
    client: orgRefSchema,
    provider: orgRefSchema.nullable(),
    targetEnd: z.string().nullable(),
    nextMilestoneDue: z.string().nullable(),
    progressPct: z.number().nullable(),
    rag: ragSchema.nullable(),
    riskFlags: z.array(riskFlagSchema),
    updatedAt: z.string(),
  })
  .meta({ id: 'EngagementListItem' });
export type EngagementListItem = z.infer<typeof engagementListItemSchema>;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20)).optional();

/**
 * Where a page of the engagement list ends, in its order (last activity, newest first; id breaks
 * ties). Clients pass back the `next` they were given and never build one: the format may change.
 */
export interface EngagementListCursor {
  /** The row's activity time to the microsecond, as PostgreSQL keeps it (UTC, six decimals). */
  activityAt: string;
  id: string;
}

const LIST_CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const base64Url = (text: string) => btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

export function encodeEngagementCursor(cursor: EngagementListCursor): string {
  return base64Url(`${cursor.activityAt}|${cursor.id}`);
}

/** The cursor in `value`, or null when it is not one this API gave out. */
export function decodeEngagementCursor(value: string): EngagementListCursor | null {
  if (!/^[A-Za-z0-9_-]{1,96}$/.test(value)) return null;
  let text: string;
  try {
    text = atob(value.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    return null;
  }
  const match = LIST_CURSOR.exec(text);
  if (!match?.[1] || !match[2]) return null;
  // A real instant (no 30 February, no year 0000), or the database would refuse the cast.
  const ms = `${match[1].slice(0, 23)}Z`;
  const time = Date.parse(ms);
  if (Number.isNaN(time) || time < 0 || new Date(time).toISOString() !== ms) return null;
  const cursor = { activityAt: match[1], id: match[2] };
  // One spelling per cursor: a value that does not round-trip was not given out by this API.
  return encodeEngagementCursor(cursor) === value ? cursor : null;
}

const engagementCursorSchema = z
  .string()
  .max(96)
  .transform((value, ctx): EngagementListCursor => {
    const cursor = decodeEngagementCursor(value);
    if (cursor) return cursor;
    ctx.addIssue({ code: 'custom', message: 'Not a page cursor: pass the next of the page before.' });
    return z.NEVER;
  });

export const engagementListQuerySchema = z
  .strictObject({
    status: csv(engagementStatusSchema),
    type: csv(engagementTypeSchema),
    providerOrgId: uuid().optional(),
    risk: csv(riskFlagSchema),
    q: z.string().trim().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** A page by number (offset = (page − 1) × limit); for paging on, prefer `cursor`. */
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
    /** Keyset pagination: the `next` of the page before (opaque), with the same filters. */
    cursor: engagementCursorSchema.optional(),
  })
  .refine((q) => q.cursor === undefined || q.offset === 0, {
    path: ['offset'],
    message: 'Page by cursor or by offset, not both.',
  });
export type EngagementListQuery = z.infer<typeof engagementListQuerySchema>;

/** Up to this many matches the list counts them exactly; beyond it `total` is the planner's estimate. */
export const ENGAGEMENT_COUNT_EXACT_UP_TO = 1000;

export const engagementListSchema = z
  .object({
    items: z.array(engagementListItemSchema),
    /** How many engagements match: exact up to ENGAGEMENT_COUNT_EXACT_UP_TO, an estimate above (then `totalIsEstimate`). */
    total: z.number().int(),
    totalIsEstimate: z.boolean(),
    /** Pass as `cursor` for the page after this one; null on the last page. Opaque. */
    next: z.string().nullable(),
    /** The risk flags this viewer may filter on (a provider never on one derived from the client's budget). */
    riskFilters: z.array(riskFlagSchema),
  })
  .meta({ id: 'EngagementList' });
export type EngagementList = z.infer<typeof engagementListSchema>;

// ---------- proposals ----------

const milestonesPlan = z
  .array(plannedMilestoneSchema)
  .min(1, { message: 'Plan at least one milestone.' })
  .max(50)
  .superRefine((ms, ctx) => {
    const keys = new Set<string>();
    ms.forEach((m, i) => {
      if (keys.has(m.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: 'Each milestone key once.' });
      keys.add(m.key);
      const prev = ms[i - 1];
      if (prev && m.dueDate < prev.dueDate) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'dueDate'],
          message: 'Milestones are in date order: this one is due before the one above.',
        });
      }
    });
    const total = ms.reduce((s, m) => s + m.weight, 0);
    if (Math.abs(total - 100) > 0.001)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `The weights add up to ${total}, not 100.`,
        params: rule('weights_total', { total }),
      });
  });

export const proposalInputSchema = z
  .strictObject({
    approach: prose(20000),
    team: z
      .array(z.strictObject({ role: line(80), name: line(120).nullable(), hoursPerWeek: z.number().min(0).max(80).nullable() }))
      .max(50),
    milestones: milestonesPlan,
    fee: feeTermsSchema,
    assumptions: prose(10000),
    /** Days between status updates the provider commits to. */
    cadenceDays: z.number().int().min(1).max(31),
  })
  .superRefine((p, ctx) => {
    if (feeCurrencies(p.fee).length > 1)
      ctx.addIssue({ code: 'custom', path: ['fee'], message: 'Use one currency for the whole fee.', params: rule('one_currency') });
  })
  .meta({ id: 'ProposalInput' });
export type ProposalInput = z.infer<typeof proposalInputSchema>;

export const saveProposalRequestSchema = z
  .strictObject({ proposal: proposalInputSchema, version: z.number().int().min(0) })
  .meta({ id: 'SaveProposalRequest' });

export const proposalStatuses = ['draft', 'submitted', 'withdrawn', 'awarded', 'not_awarded'] as const;
export const proposalViewSchema = z
  .object({
    id: z.string(),
    engagementId: z.string(),
    provider: orgRefSchema,
    status: z.enum(proposalStatuses),
    content: proposalInputSchema,
    feeEstimate: nonNegativeMoneySchema,
    submittedAt: z.string().nullable(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Proposal' });
export type ProposalView = z.infer<typeof proposalViewSchema>;

/** Submitting or withdrawing a proposal names the version the person saw: a stale view is a conflict, not a surprise. */
export const proposalStepRequestSchema = z.strictObject({ version: z.number().int().min(1) }).meta({ id: 'ProposalStepRequest' });

export const awardRequestSchema = z.strictObject({ proposalId: uuid(), version: z.number().int().min(1) }).meta({ id: 'AwardRequest' });

// ---------- SOW ----------

export const sowContentSchema = z
  .strictObject({
    scope: prose(20000),
    deliverables: z.array(line(300)).max(50),
    milestones: milestonesPlan,
    fee: feeTermsSchema,
    cadenceDays: z.number().int().min(1).max(31),
    /** Business days (Japanese calendar) each side has to answer a question. */
    answerSla: z.strictObject({
      clientBusinessDays: z.number().int().min(1).max(20),
      providerBusinessDays: z.number().int().min(1).max(20),
    }),
    /** Business days the client has to decide on a submitted milestone. */
    reviewSlaBusinessDays: z.number().int().min(1).max(30),
    /** Rework rounds a deliverable may take before the engagement's owner is asked to step in (default 2). */
    maxReworkRounds: z.number().int().min(0).max(10).optional(),
    startDate: isoDateSchema,
    endDate: isoDateSchema,
    assumptions: prose(10000),
  })
  .superRefine((s, ctx) => {
    if (s.endDate < s.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end comes on or after the start.' });
    s.milestones.forEach((m, i) => {
      if (m.dueDate < s.startDate || m.dueDate > s.endDate) {
        ctx.addIssue({ code: 'custom', path: ['milestones', i, 'dueDate'], message: 'Due between the start and the end of the SOW.' });
      }
    });
    if (feeCurrencies(s.fee).length > 1)
      ctx.addIssue({ code: 'custom', path: ['fee'], message: 'Use one currency for the whole fee.', params: rule('one_currency') });
  })
  .meta({ id: 'SowContent' });
export type SowContent = z.infer<typeof sowContentSchema>;

export const approvalSchema = z.object({ by: personRefSchema, at: z.string() }).nullable();

export const sowVersionSchema = z
  .object({
    version: z.number().int(),
    content: sowContentSchema,
    reason: z.enum(['award', 'revision', 'change_request']),
    changeRequestId: z.string().nullable(),
    createdBy: personRefSchema,
    createdAt: z.string(),
    clientApproval: approvalSchema,
    providerApproval: approvalSchema,
    status: z.enum(['pending_approval', 'approved', 'superseded']),
  })
  .meta({ id: 'SowVersion' });
export type SowVersionView = z.infer<typeof sowVersionSchema>;

export const sowSchema = z.object({ current: sowVersionSchema.nullable(), versions: z.array(sowVersionSchema) }).meta({ id: 'Sow' });
export type SowView = z.infer<typeof sowSchema>;

export const reviseSowRequestSchema = z
  .strictObject({ content: sowContentSchema, baseVersion: z.number().int().min(1) })
  .meta({ id: 'ReviseSowRequest' });
export const approveSowRequestSchema = z.strictObject({ version: z.number().int().min(1) }).meta({ id: 'ApproveSowRequest' });

// ---------- milestones ----------

export const milestoneStatuses = ['planned', 'in_progress', 'submitted', 'accepted'] as const;
export const milestoneActions = ['start', 'submit', 'accept', 'send_back'] as const;
export type MilestoneAction = (typeof milestoneActions)[number];
export const milestoneViewSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    title: z.string(),
    /** The due date of the first approved SOW: schedule variance is measured against it. */
    baselineDueDate: z.string(),
    dueDate: z.string(),
    weight: z.number(),
    deliverables: z.array(z.string()),
    status: z.enum(milestoneStatuses),
    submittedAt: z.string().nullable(),
    acceptedAt: z.string().nullable(),
    reviewDueAt: z.string().nullable(),
    reworkRounds: z.number().int(),
    /** What the viewer may do to this milestone now. */
    allowedActions: z.array(z.enum(milestoneActions)),
  })
  .meta({ id: 'Milestone' });
export type MilestoneView = z.infer<typeof milestoneViewSchema>;

/** The provider moves a milestone on: starts it, or submits it for review. */
export const milestoneProgressRequestSchema = z
  .strictObject({ action: z.enum(['start', 'submit']), comment: prose(5000).optional() })
  .meta({ id: 'MilestoneProgressRequest' });
/** The client decides on a submitted milestone: accepts it, or sends it back with what to change. */
export const milestoneDecisionRequestSchema = z
  .strictObject({ action: z.enum(['accept', 'send_back']), comment: prose(5000).optional() })
  .meta({ id: 'MilestoneDecisionRequest' });

// ---------- status updates ----------

export const statusUpdateInputSchema = z
  .strictObject({
    progressPct: z.number().int().min(0).max(100),
    rag: ragSchema,
    done: prose(5000),
    next: prose(5000),
    blockers: prose(5000),
    risks: prose(5000),
    /** Hours worked since the last update (time-and-materials engagements). */
    hoursSpent: z.number().min(0).max(10_000).nullable().default(null),
  })
  .meta({ id: 'StatusUpdateInput' });
export type StatusUpdateInput = z.infer<typeof statusUpdateInputSchema>;

export const statusUpdateViewSchema = z
  .object({
    id: z.string(),
    author: personRefSchema,
    postedAt: z.string(),
    progressPct: z.number().int(),
    rag: ragSchema,
    done: z.string(),
    next: z.string(),
    blockers: z.string(),
    risks: z.string(),
    hoursSpent: z.number().nullable(),
    /** Posted after the cadence said it was due. */
    late: z.boolean(),
  })
  .meta({ id: 'StatusUpdate' });
export type StatusUpdateView = z.infer<typeof statusUpdateViewSchema>;

// ---------- Q&A ----------

export const askQuestionRequestSchema = z
  .strictObject({ title: line(200), body: prose(10000), assigneeUserId: uuid().nullable().default(null) })
  .meta({ id: 'AskQuestionRequest' });
export const answerRequestSchema = z
  .strictObject({ body: prose(10000).pipe(z.string().trim().min(1, { message: 'Write an answer.' })) })
  .meta({ id: 'AnswerRequest' });

export const questionActions = ['reply', 'close'] as const;
export type QuestionAction = (typeof questionActions)[number];

export const questionViewSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    askedBy: personRefSchema,
    askedBySide: sideSchema,
    assignee: personRefSchema.nullable(),
    askedAt: z.string(),
    /** When the answering side's SLA runs out (business days, Japanese holidays excluded). */
    dueAt: z.string(),
    status: z.enum(['open', 'answered', 'closed']),
    answeredAt: z.string().nullable(),
    overdue: z.boolean(),
    messages: z.array(z.object({ id: z.string(), author: personRefSchema, side: sideSchema, body: z.string(), at: z.string() })),
    /** What the viewer may do to this question now. */
    allowedActions: z.array(z.enum(questionActions)),
  })
  .meta({ id: 'Question' });
export type QuestionView = z.infer<typeof questionViewSchema>;

// ---------- change requests ----------

export const changeSetSchema = z
  .strictObject({
    scope: prose(20000).optional(),
    deliverables: z.array(line(300)).max(50).optional(),
    fee: feeTermsSchema.optional(),
    /** Milestones to move or retitle, by key. */
    milestones: z
      .array(z.strictObject({ key: z.string().max(40), title: line(200).optional(), dueDate: isoDateSchema.optional() }))
      .max(50)
      .optional(),
    endDate: isoDateSchema.optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), {
    message: 'Change at least one thing.',
    params: rule('change_something'),
  });
export type ChangeSet = z.infer<typeof changeSetSchema>;

export const proposeChangeRequestSchema = z
  .strictObject({ summary: line(200), reason: prose(5000), changes: changeSetSchema })
  .meta({ id: 'ProposeChangeRequest' });
export const changeDecisions = ['approve', 'reject', 'withdraw'] as const;
export type ChangeDecision = (typeof changeDecisions)[number];
export const decideChangeRequestSchema = z
  .strictObject({ decision: z.enum(changeDecisions), comment: prose(5000).optional() })
  .meta({ id: 'DecideChangeRequest' });

export const changeRequestViewSchema = z
  .object({
    id: z.string(),
    summary: z.string(),
    reason: z.string(),
    changes: changeSetSchema,
    proposedBy: personRefSchema,
    proposedBySide: sideSchema,
    proposedAt: z.string(),
    status: z.enum(['proposed', 'approved', 'rejected', 'withdrawn']),
    decidedBy: personRefSchema.nullable(),
    decidedAt: z.string().nullable(),
    comment: z.string().nullable(),
    resultingSowVersion: z.number().int().nullable(),
    /** What the viewer may decide on this change request now. */
    allowedActions: z.array(z.enum(changeDecisions)),
  })
  .meta({ id: 'ChangeRequest' });
export type ChangeRequestView = z.infer<typeof changeRequestViewSchema>;

// ---------- control figures ----------

const statsSchema = z.object({ count: z.number().int(), medianHours: z.number().nullable(), p90Hours: z.number().nullable() });
export type CycleStats = z.infer<typeof statsSchema>;

export const slaKinds = ['update', 'answer', 'review'] as const;
export const slaBreachSchema = z.object({
  kind: z.enum(slaKinds),
  /** The side that owed the response. */
  side: sideSchema,
  subjectId: z.string(),
  label: z.string(),
  dueAt: z.string(),
  /** When the late response came; null while it is still missing. */
  resolvedAt: z.string().nullable(),
  lateHours: z.number(),
});
export type SlaBreach = z.infer<typeof slaBreachSchema>;

export const controlFiguresSchema = z
  .object({
    asOf: z.string(),
    schedule: z.array(
      z.object({
        milestoneId: z.string(),
        title: z.string(),
        baselineDueDate: z.string(),
        dueDate: z.string(),
        completedOn: z.string().nullable(),
        /** Days late (positive) or early (negative) against the baseline; open milestones count to today once due. */
        varianceDays: z.number(),
        status: z.enum(milestoneStatuses),
      }),
    ),
    sla: z.object({
      breaches: z.array(slaBreachSchema),
      counts: z.object({ update: z.number().int(), answer: z.number().int(), review: z.number().int() }),
      nextUpdateDue: z.string().nullable(),
    }),
    cycleTimes: z.object({ review: statsSchema, clientAnswers: statsSchema, providerAnswers: statsSchema }),
    responsiveness: z
      .object({
        /** Share of the provider's responses (answers, updates) within what it committed to. */
        withinCommitmentPct: z.number().nullable(),
        medianResponseHours: z.number().nullable(),
        /** The provider's median across all its engagements on this instance. */
        ownAverageHours: z.number().nullable(),
        /** 100 = as responsive as the provider usually is; above 100 is better than its own average. */
        index: z.number().nullable(),
      })
      .nullable(),
    forecast: z
      .object({
        method: z.literal('milestone-slip-quantiles'),
        plannedEnd: z.string(),
        /** Finish dates at the 10th, 50th and 90th percentile of the slip seen so far. */
        p10: z.string(),
        p50: z.string(),
        p90: z.string(),
        basedOnMilestones: z.number().int(),
      })
      .nullable(),
    budget: z
      .object({
        budget: nonNegativeMoneySchema.nullable(),
        committed: nonNegativeMoneySchema,
        earned: nonNegativeMoneySchema,
        /** Earned as a share of the committed fee. */
        burnPct: z.number(),
        /** At the current pace: committed, or for time and materials, hours so far scaled by progress. */
        forecastAtCompletion: nonNegativeMoneySchema,
      })
      .nullable(),
    progress: z.object({ pct: z.number().nullable(), rag: ragSchema.nullable(), weightedAcceptedPct: z.number() }),
  })
  .meta({ id: 'ControlFigures' });
export type ControlFigures = z.infer<typeof controlFiguresSchema>;

export const providerScorecardSchema = z
  .object({
    provider: orgRefSchema,
    engagements: z.number().int(),
    active: z.number().int(),
    slaBreaches: z.number().int(),
    withinCommitmentPct: z.number().nullable(),
    medianAnswerHours: z.number().nullable(),
    medianReviewTurnaroundHours: z.number().nullable(),
    averageScheduleVarianceDays: z.number().nullable(),
    /** The quality of the provider's deliverables (issue #10): from every decided version, computed in SQL. */
    quality: z.object({
      deliverables: z.number().int(),
      submissions: z.number().int(),
      /** Mean weighted rubric score of decided versions, on a 0–100 line (so rubrics of other scales compare). */
      meanScorePct: z.number().nullable(),
      /** Deliverables whose first version was accepted (with or without fixes), of those decided. */
      firstPassAcceptancePct: z.number().nullable(),
      reworkRoundsPerDeliverable: z.number().nullable(),
      /** Failed and warned check findings per submitted version. */
      findingsPerSubmission: z.number().nullable(),
      /** Median hours from receiving a version to deciding it. */
      medianReviewTurnaroundHours: z.number().nullable(),
      /** Planted gold checks with a known outcome (on decided versions), and the share caught. A provider's own count only finished engagements. */
      goldItems: z.number().int(),
      goldHitRatePct: z.number().nullable(),
      /** By the month (JST) versions were received. */
      trend: z.array(z.object({ month: z.string(), meanScorePct: z.number().nullable(), firstPassAcceptancePct: z.number().nullable() })),
    }),
  })
  .meta({ id: 'ProviderScorecard' });
export type ProviderScorecard = z.infer<typeof providerScorecardSchema>;
