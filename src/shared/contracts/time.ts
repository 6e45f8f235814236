import { z } from 'zod';
import { rule } from '../issue-codes.js';
import { isoDateSchema, line, prose } from './engagements.js';

/**
 * Time (issue #14, first slice; decision 0011): entries per person, day, engagement and category;
 * weekly timesheets that are submitted and approved; a provider's overtime agreement and a person's
 * load against it; a client's internal rates and the hidden cost of its people's hours.
 */

export const providerCategories = ['research', 'analysis', 'writing', 'review', 'rework', 'meetings'] as const;
export const clientCategories = ['briefing', 'qa', 'meetings', 'contract_admin', 'review', 'rework_management', 'onboarding'] as const;
export const timeCategories = [...new Set([...providerCategories, ...clientCategories])] as [string, ...string[]];
export type TimeCategory = (typeof providerCategories)[number] | (typeof clientCategories)[number];
export const categoriesOf = { provider: providerCategories, client: clientCategories } as const;

export const MINUTES_PER_DAY = 24 * 60;
/** Rows one import takes. */
export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_CHARS = 1_000_000;

const uuid = () => z.uuid({ message: 'Must be a UUID.' });

export const timeEntryInputSchema = z
  .strictObject({
    /** Whose time: the caller's own when absent. */
    userId: uuid().optional(),
    date: isoDateSchema,
    milestoneId: uuid().nullable().optional(),
    category: z.enum(timeCategories as unknown as [TimeCategory, ...TimeCategory[]]),
    minutes: z.number().int({ message: 'Whole minutes.' }).min(-MINUTES_PER_DAY).max(MINUTES_PER_DAY),
    note: prose(500).optional(),
    /** Only in an approved week: why the correction is made. */
    correctionReason: line(500).optional(),
  })
  .refine((e) => e.minutes >= 0 || e.correctionReason !== undefined, {
    message: 'Minutes cannot be negative (only a correction of an approved week may take time off).',
    path: ['minutes'],
    params: rule('negative_minutes'),
  })
  .meta({ id: 'TimeEntryInput' });
export type TimeEntryInput = z.infer<typeof timeEntryInputSchema>;

export const timeImportRequestSchema = z
  .strictObject({
    /** CSV with a header: date, category, minutes, and optionally note, milestone_id, user_id. */
    csv: z.string().min(1).max(MAX_IMPORT_CHARS),
  })
  .meta({ id: 'TimeImportRequest' });

export const timeEntryViewSchema = z
  .object({
    id: z.string(),
    engagementId: z.string(),
    userId: z.string(),
    displayName: z.string(),
    side: z.enum(['client', 'provider']),
    date: z.string(),
    milestoneId: z.string().nullable(),
    category: z.string(),
    minutes: z.number().int(),
    note: z.string(),
    correctionReason: z.string().nullable(),
    enteredBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'TimeEntry' });
export type TimeEntryView = z.infer<typeof timeEntryViewSchema>;

export const engagementTimeQuerySchema = z.strictObject({ from: isoDateSchema.optional(), to: isoDateSchema.optional() });

export const engagementTimeSchema = z
  .object({
    /** What the caller may see: their side's entries, or (a provider's analyst) their own. */
    entries: z.array(timeEntryViewSchema),
    /** The provider team's total minutes, for the client when the SOW bills by time; null otherwise. */
    providerTeamTotalMinutes: z.number().int().nullable(),
  })
  .meta({ id: 'EngagementTime' });
export type EngagementTimeView = z.infer<typeof engagementTimeSchema>;

export const importResultSchema = z.object({ entries: z.array(timeEntryViewSchema) }).meta({ id: 'TimeImportResult' });

// ---------- timesheets ----------

export const timesheetStatuses = ['open', 'submitted', 'approved'] as const;

export const timesheetParamsSchema = z.strictObject({
  orgId: uuid(),
  userId: uuid(),
  week: isoDateSchema.refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, {
    message: 'A week is named by its Monday.',
    params: rule('not_a_monday'),
  }),
});

export const timesheetActionSchema = z
  .strictObject({ version: z.number().int().min(0), note: prose(1000).optional() })
  .meta({ id: 'TimesheetAction' });

/** What the caller may do with a week now (the policy's answer, with the week's state). */
export const timesheetActions = ['log', 'correct', 'submit', 'approve', 'return'] as const;
export type TimesheetAction = (typeof timesheetActions)[number];

/** An engagement the week's person logs time on (or has hours on that week), as the week shows it. */
export const timesheetEngagementSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  side: z.enum(['client', 'provider']),
  /** Whether the person may log time on it now (the engagement rule table's `time.log`). */
  mayLog: z.boolean(),
});

export const timesheetViewSchema = z
  .object({
    orgId: z.string(),
    userId: z.string(),
    weekStart: z.string(),
    status: z.enum(timesheetStatuses),
    /** 0 while the week has no row yet. */
    version: z.number().int(),
    days: z.array(z.object({ date: z.string(), minutes: z.number().int() })),
    entries: z.array(timeEntryViewSchema),
    submittedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    returnNote: z.string().nullable(),
    mayApprove: z.boolean(),
    /** What the caller may do with this week now; the server checks again on every request. */
    allowedActions: z.array(z.enum(timesheetActions)),
    /** The engagements the person may log on, and those with hours in the week. */
    engagements: z.array(timesheetEngagementSchema),
  })
  .meta({ id: 'Timesheet' });
export type TimesheetView = z.infer<typeof timesheetViewSchema>;

/** Weeks waiting for an approver: the organisation's submitted weeks the caller may approve. */
export const pendingTimesheetsSchema = z
  .object({
    weeks: z.array(
      z.object({
        userId: z.string(),
        displayName: z.string(),
        weekStart: z.string(),
        minutes: z.number().int(),
        submittedAt: z.string().nullable(),
        version: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'PendingTimesheets' });
export type PendingTimesheetsView = z.infer<typeof pendingTimesheetsSchema>;

/** Weeks most one bulk approval takes. */
export const MAX_BULK_APPROVE = 100;
const weekRefSchema = z.strictObject({
  userId: uuid(),
  weekStart: isoDateSchema.refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, {
    message: 'A week is named by its Monday.',
    params: rule('not_a_monday'),
  }),
  /** The version the approver saw in the queue. */
  version: z.number().int().min(0),
});

/** Several submitted weeks approved in one action: all of them, or — with every problem listed — none. */
export const bulkApproveRequestSchema = z
  .strictObject({ weeks: z.array(weekRefSchema).min(1).max(MAX_BULK_APPROVE) })
  .meta({ id: 'BulkApproveRequest' });
export type BulkApproveRequest = z.infer<typeof bulkApproveRequestSchema>;

export const bulkApproveResultSchema = z
  .object({
    /** The weeks this request approved (each its own audit event). */
    approved: z.array(z.object({ userId: z.string(), weekStart: z.string(), version: z.number().int() })),
    /** Weeks already approved before it (a repeated request changes nothing). */
    alreadyApproved: z.array(z.object({ userId: z.string(), weekStart: z.string(), version: z.number().int() })),
  })
  .meta({ id: 'BulkApproveResult' });
export type BulkApproveResult = z.infer<typeof bulkApproveResultSchema>;

// ---------- overtime ----------

const hours = (max: number) =>
  z
    .number()
    .int()
    .min(1)
    .max(max * 60);

export const specialClauseSchema = z.strictObject({
  monthlyTotalBelow: hours(100),
  multiMonthAverageMax: hours(80),
  monthsOverMonthlyLimitMax: z.number().int().min(0).max(6),
  yearlyMax: hours(720),
});

export const overtimeAgreementRequestSchema = z
  .strictObject({
    contractedDailyMinutes: z.number().int().min(60).max(480),
    monthlyLimitMinutes: hours(45),
    yearlyLimitMinutes: hours(360),
    specialClause: specialClauseSchema.nullable(),
    yearStartMonth: z.number().int().min(1).max(12),
    version: z.number().int().min(0),
  })
  .meta({ id: 'OvertimeAgreementRequest' });
export type OvertimeAgreementRequest = z.infer<typeof overtimeAgreementRequestSchema>;

export const overtimeAgreementSchema = overtimeAgreementRequestSchema
  .extend({ orgId: z.string(), specialClause: specialClauseSchema.nullable() })
  .meta({ id: 'OvertimeAgreement' });
export type OvertimeAgreementView = z.infer<typeof overtimeAgreementSchema>;

export const loadQuerySchema = z.strictObject({
  from: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'A month as YYYY-MM.' })
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'A month as YYYY-MM.' })
    .optional(),
});

const monthLoadSchema = z.object({
  month: z.string(),
  workedMinutes: z.number().int(),
  overtimeMinutes: z.number().int(),
  holidayWorkMinutes: z.number().int(),
  beyondContractMinutes: z.number().int(),
});

export const overtimeRules = [
  'monthly_overtime',
  'yearly_overtime',
  'monthly_total',
  'multi_month_average',
  'months_over_monthly_limit',
  'special_yearly_overtime',
] as const;

export const loadViewSchema = z
  .object({
    userId: z.string(),
    from: z.string(),
    to: z.string(),
    agreement: overtimeAgreementSchema,
    months: z.array(monthLoadSchema),
    forecast: z.array(monthLoadSchema),
    findings: z.array(
      z.object({
        severity: z.enum(['breach', 'warning']),
        rule: z.enum(overtimeRules),
        from: z.string(),
        to: z.string(),
        value: z.number(),
        limit: z.number(),
        basis: z.enum(['actual', 'forecast']),
      }),
    ),
  })
  .meta({ id: 'PersonLoad' });
export type LoadView = z.infer<typeof loadViewSchema>;

// ---------- hidden cost ----------

export const rateRoles = ['client_admin', 'engagement_owner', 'reviewer', 'finance', 'auditor'] as const;

export const internalRatesRequestSchema = z
  .strictObject({
    rates: z
      .array(z.strictObject({ role: z.enum(rateRoles), hourlyYen: z.number().int().min(0).max(1_000_000) }))
      .max(rateRoles.length)
      .refine((rs) => new Set(rs.map((r) => r.role)).size === rs.length, { message: 'Each role once.', params: rule('each_once') }),
    version: z.number().int().min(0),
  })
  .meta({ id: 'InternalRatesRequest' });
export type InternalRatesRequest = z.infer<typeof internalRatesRequestSchema>;

export const internalRatesSchema = z
  .object({
    orgId: z.string(),
    rates: z.array(z.object({ role: z.enum(rateRoles), hourlyYen: z.number().int() })),
    version: z.number().int(),
  })
  .meta({ id: 'InternalRates' });
export type InternalRatesView = z.infer<typeof internalRatesSchema>;

const costLineSchema = z.object({ minutes: z.number().int(), costYen: z.number().int() });

export const hiddenCostSchema = z
  .object({
    engagementId: z.string(),
    totalMinutes: z.number().int(),
    costYen: z.number().int(),
    /** Minutes of people none of whose roles has a rate: counted, not costed. */
    unratedMinutes: z.number().int(),
    byCategory: z.array(costLineSchema.extend({ category: z.string() })),
    byMonth: z.array(costLineSchema.extend({ month: z.string() })),
    /** The fee of the approved SOW (its estimate for time and materials), in yen; null without one. */
    feesYen: z.number().int().nullable(),
    /** Hidden cost ÷ fees; null without fees. */
    ratio: z.number().nullable(),
  })
  .meta({ id: 'HiddenCost' });
export type HiddenCostView = z.infer<typeof hiddenCostSchema>;

const feeLineSchema = z.object({
  costYen: z.number().int(),
  minutes: z.number().int(),
  /** The fees of the JPY SOWs (see decision 0011 for a month's share); null when none is in yen. */
  feesYen: z.number().int().nullable(),
  /** Hidden cost ÷ fees (4 decimals); null without fees. */
  ratio: z.number().nullable(),
});

/** The client's hidden cost per provider and month, across its engagements (issue #14 point 5). */
export const providerHiddenCostSchema = z
  .object({
    orgId: z.string(),
    providers: z.array(
      feeLineSchema.extend({
        providerOrgId: z.string(),
        providerName: z.string(),
        engagements: z.number().int(),
        unratedMinutes: z.number().int(),
        byMonth: z.array(feeLineSchema.extend({ month: z.string() })),
      }),
    ),
    /** All providers together, per month. */
    byMonth: z.array(feeLineSchema.extend({ month: z.string() })),
  })
  .meta({ id: 'ProviderHiddenCost' });
export type ProviderHiddenCostView = z.infer<typeof providerHiddenCostSchema>;

// ---------- suggested entries (decision 0011, addendum "Suggested entries") ----------

export const suggestionKinds = [
  'question_asked',
  'question_answered',
  'deliverable_reviewed',
  'deliverable_submitted',
  'milestone_decided',
  'status_update_posted',
  'sow_approved',
  'change_request_proposed',
  'change_request_decided',
] as const;
export type SuggestionKind = (typeof suggestionKinds)[number];

/** How an act's minutes were found: its span (as is, raised to the floor, cut to the cap), fixed minutes, or cut by an earlier span. */
export const suggestionBases = ['span', 'span_floor', 'span_cap', 'fixed', 'fixed_other_day', 'overlap'] as const;
export type SuggestionBasis = (typeof suggestionBases)[number];

export const suggestionPartSchema = z.object({
  kind: z.enum(suggestionKinds),
  /** What the person knows the act by (a question's title, a deliverable's name and version). */
  ref: z.string(),
  refId: z.string(),
  at: z.string(),
  openedAt: z.string().nullable(),
  basis: z.enum(suggestionBases),
  /** Minutes from arrival to the act, when both fell on the same day. */
  spanMinutes: z.number().int().nullable(),
  minutes: z.number().int(),
});
export type SuggestionPart = z.infer<typeof suggestionPartSchema>;

export const timeSuggestionSchema = z
  .object({
    /** date|engagementId|category: what accepting or dismissing names. */
    key: z.string(),
    date: z.string(),
    engagementId: z.string(),
    category: z.string(),
    /** What is offered: the acts' sum, at most 4 h, within the day's 24 h. */
    minutes: z.number().int(),
    /** The acts' sum before the cap and the day's limit. */
    derivedMinutes: z.number().int(),
    capped: z.boolean(),
    /** Cut down so the day stays within 24 h. */
    dayFull: z.boolean(),
    parts: z.array(suggestionPartSchema),
  })
  .meta({ id: 'TimeSuggestion' });
export type TimeSuggestion = z.infer<typeof timeSuggestionSchema>;

export const timeSuggestionsSchema = z
  .object({ weekStart: z.string(), suggestions: z.array(timeSuggestionSchema) })
  .meta({ id: 'TimeSuggestions' });
export type TimeSuggestionsView = z.infer<typeof timeSuggestionsSchema>;

export const suggestionAcceptSchema = z
  .strictObject({
    date: isoDateSchema,
    category: z.enum(timeCategories as unknown as [TimeCategory, ...TimeCategory[]]),
    /** Changed minutes; the suggestion's when absent. */
    minutes: z.number().int({ message: 'Whole minutes.' }).min(1).max(MINUTES_PER_DAY).optional(),
    note: prose(500).optional(),
  })
  .meta({ id: 'TimeSuggestionAccept' });
export type SuggestionAccept = z.infer<typeof suggestionAcceptSchema>;

export const suggestionDismissSchema = z
  .strictObject({ date: isoDateSchema, category: z.enum(timeCategories as unknown as [TimeCategory, ...TimeCategory[]]) })
  .meta({ id: 'TimeSuggestionDismiss' });
export type SuggestionDismiss = z.infer<typeof suggestionDismissSchema>;
