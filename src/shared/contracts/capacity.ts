import { z } from 'zod';
import { rule } from '../issue-codes.js';
import { isoDateSchema, line, prose } from './engagements.js';
import { overtimeRules } from './time.js';

/**
 * Capacity (issue #14 point 2; decision 0011, addendum): a provider person's contracted hours and
 * leave, the hours planned for them per engagement and ISO week, the capacity board, and what a
 * change of plan does to their load. Never shown to a client.
 */

const uuid = () => z.uuid({ message: 'Must be a UUID.' });
export const MAX_WEEK_MINUTES = 168 * 60;
/** Weeks one request plans at most, and one board shows at most (two years). */
export const MAX_PLAN_WEEKS = 105;
export const MAX_LEAVE_DAYS = 366;

const mondaySchema = isoDateSchema.refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, {
  message: 'A week is named by its Monday.',
  params: rule('not_a_monday'),
});

export const personContractRequestSchema = z
  .strictObject({
    /** Null: the organisation's contracted daily hours (from its 36 agreement) apply. */
    contractedDailyMinutes: z.number().int().min(60).max(720).nullable(),
    version: z.number().int().min(0),
  })
  .meta({ id: 'PersonContractRequest' });
export type PersonContractRequest = z.infer<typeof personContractRequestSchema>;

export const leaveRequestSchema = z
  .strictObject({ from: isoDateSchema, to: isoDateSchema, note: prose(500).optional() })
  .superRefine((l, ctx) => {
    if (l.to < l.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Leave ends on or after its first day.', params: rule('date_order') });
    } else if ((Date.parse(l.to) - Date.parse(l.from)) / 86_400_000 >= MAX_LEAVE_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `At most ${MAX_LEAVE_DAYS} days in one stretch.`,
        params: rule('leave_too_long', { max: MAX_LEAVE_DAYS }),
      });
    }
  })
  .meta({ id: 'LeaveRequest' });
export type LeaveRequest = z.infer<typeof leaveRequestSchema>;

export const leaveParamsSchema = z.strictObject({ orgId: uuid(), userId: uuid(), leaveId: uuid() });

export const leaveViewSchema = z
  .object({ id: z.string(), from: z.string(), to: z.string(), note: z.string(), createdAt: z.string(), createdBy: z.string().nullable() })
  .meta({ id: 'Leave' });
export type LeaveView = z.infer<typeof leaveViewSchema>;

export const personCapacitySchema = z
  .object({
    orgId: z.string(),
    userId: z.string(),
    /** The hours that apply: the person's own, else the organisation's. */
    contractedDailyMinutes: z.number().int(),
    /** The person's own figure; null when the organisation's applies. */
    contractOverrideMinutes: z.number().int().nullable(),
    /** Leave from a year back on. */
    leave: z.array(leaveViewSchema),
    version: z.number().int(),
  })
  .meta({ id: 'PersonCapacity' });
export type PersonCapacityView = z.infer<typeof personCapacitySchema>;

export const allocationRequestSchema = z
  .strictObject({
    engagementId: uuid(),
    /** Planned minutes per ISO week; 0 removes the week's plan. */
    weeks: z
      .array(
        z.strictObject({
          week: mondaySchema,
          minutes: z
            .number()
            .int({ message: 'Whole minutes.' })
            .min(0, { message: 'Planned time cannot be negative.' })
            .max(MAX_WEEK_MINUTES, { message: 'A week has 168 hours.' }),
        }),
      )
      .min(1)
      .max(MAX_PLAN_WEEKS)
      .superRefine((ws, ctx) => {
        const seen = new Set<string>();
        ws.forEach((w, i) => {
          if (seen.has(w.week))
            ctx.addIssue({
              code: 'custom',
              path: [i, 'week'],
              message: 'Each week once.',
              params: rule('duplicate_week', { week: w.week }),
            });
          seen.add(w.week);
        });
      }),
    /**
     * Plans past the person's available hours (a delivery manager or the provider admin), or past a
     * legal maximum of overtime (the provider admin only): why. Audited with the plan.
     */
    overrideReason: line(500).optional(),
  })
  .meta({ id: 'AllocationRequest' });
export type AllocationRequest = z.infer<typeof allocationRequestSchema>;

export const loadWarningSchema = z
  .object({
    code: z.literal('load_warning'),
    severity: z.enum(['breach', 'warning']),
    rule: z.enum(overtimeRules),
    /** The months the figure covers (YYYY-MM, inclusive); `to` is the month it is judged in. */
    from: z.string(),
    to: z.string(),
    /** Minutes (months for `months_over_monthly_limit`) with the change, and before it. */
    forecast: z.number(),
    before: z.number(),
    limit: z.number(),
    legalMaximum: z.boolean(),
  })
  .meta({ id: 'LoadWarning' });
export type LoadWarningView = z.infer<typeof loadWarningSchema>;

export const loadEffectSchema = z
  .object({
    userId: z.string(),
    engagementId: z.string(),
    warnings: z.array(loadWarningSchema),
    /** Weeks the plan would take past the person's available hours. */
    overCapacity: z.array(z.object({ week: z.string(), plannedMinutes: z.number().int(), availableMinutes: z.number().int() })),
    /** Whether the change crosses a legal maximum (saving it needs the provider admin's override). */
    blocked: z.boolean(),
    /** Whether a saved change went past a limit on an override. */
    overridden: z.boolean(),
  })
  .meta({ id: 'LoadEffect' });
export type LoadEffectView = z.infer<typeof loadEffectSchema>;

export const allocationViewSchema = z
  .object({
    engagementId: z.string(),
    userId: z.string(),
    weeks: z.array(z.object({ week: z.string(), minutes: z.number().int() })),
    effect: loadEffectSchema,
  })
  .meta({ id: 'Allocation' });
export type AllocationView = z.infer<typeof allocationViewSchema>;

export const capacityBoardQuerySchema = z.strictObject({
  /** The first week (a Monday); the current week by default. */
  from: mondaySchema.optional(),
  /** The last week (a Monday); 12 weeks from the first by default; at most two years. */
  to: mondaySchema.optional(),
});

const deadlineSchema = z.object({
  engagementId: z.string(),
  engagementName: z.string(),
  milestoneId: z.string(),
  milestoneTitle: z.string(),
  dueDate: z.string(),
});

export const boardCellSchema = z.object({
  week: z.string(),
  workingDays: z.number().int(),
  leaveDays: z.number().int(),
  availableMinutes: z.number().int(),
  plannedMinutes: z.number().int(),
  /** Minutes the provider's open bids' staffing plans name (not planned yet: apart from the plan and the forecast). */
  tentativeMinutes: z.number().int(),
  actualMinutes: z.number().int(),
  /** Planned ÷ available (4 decimals); null without available hours. */
  utilisation: z.number().nullable(),
  actualUtilisation: z.number().nullable(),
  /** The worst overtime finding of the forecast covering the week's month. */
  overtime: z.enum(['breach', 'warning']).nullable(),
  deadlines: z.array(deadlineSchema),
  /** Several due dates in the week. */
  deadlineCluster: z.boolean(),
});

/** Signals of strain beside the hours (decision 0011, "Strain signals"); the thresholds are core/time/strain.ts'. */
export const strainKinds = ['late_night', 'day_off', 'rework', 'concurrent_clients', 'deadline_cluster'] as const;
export type StrainKind = (typeof strainKinds)[number];
export const strainSignalSchema = z.object({
  kind: z.enum(strainKinds),
  value: z.number().int(),
  threshold: z.number().int(),
  raised: z.boolean(),
  /** The nights or days off behind the figure; the weeks (Mondays) of a deadline cluster. */
  dates: z.array(z.string()),
});
export const strainSchema = z
  .object({
    userId: z.string(),
    /** The four weeks looked back on (late nights, days off, rework). */
    from: z.string(),
    to: z.string(),
    /** The weeks looked ahead on for due dates (Mondays, first and last). */
    aheadFrom: z.string(),
    aheadTo: z.string(),
    signals: z.array(strainSignalSchema),
  })
  .meta({ id: 'Strain' });
export type StrainView = z.infer<typeof strainSchema>;
export type StrainSignalView = z.infer<typeof strainSignalSchema>;

export const boardPersonSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  contractedDailyMinutes: z.number().int(),
  weeks: z.array(boardCellSchema),
  /** The person's strain signals now (the same as their load page shows), whatever weeks the board shows. */
  strain: z.array(strainSignalSchema),
  /** Overtime and holiday work forecast per month: worked so far plus the plan for the rest. */
  months: z.array(
    z.object({
      month: z.string(),
      overtimeMinutes: z.number().int(),
      holidayWorkMinutes: z.number().int(),
    }),
  ),
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
});

export const capacityBoardSchema = z
  .object({ orgId: z.string(), from: z.string(), to: z.string(), weeks: z.array(z.string()), people: z.array(boardPersonSchema) })
  .meta({ id: 'CapacityBoard' });
export type CapacityBoardView = z.infer<typeof capacityBoardSchema>;
export type BoardPersonView = z.infer<typeof boardPersonSchema>;
