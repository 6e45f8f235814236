import { z } from 'zod';
import { rule } from '../issue-codes.js';
import { allocationRequestSchema, loadWarningSchema } from './capacity.js';
import { proposalViewSchema, saveProposalRequestSchema } from './engagements.js';

/**
 * A provider's internal staffing plan of a proposal (issue #14; decision 0011, addendum "Staffing
 * plans and the award"): its people with planned minutes per ISO week. Provider-only: the client's
 * views of the proposal never carry it (not even as an empty field). On the award the winner's plan
 * becomes the engagement's team and allocations, but for people it would take past a legal maximum.
 */

const uuid = () => z.uuid({ message: 'Must be a UUID.' });
export const MAX_STAFFED_PEOPLE = 50;
export const staffingRoles = ['lead', 'analyst'] as const;

export const staffingPlanSchema = z
  .array(
    z.strictObject({
      userId: uuid(),
      role: z.enum(staffingRoles),
      weeks: allocationRequestSchema.shape.weeks,
    }),
  )
  .max(MAX_STAFFED_PEOPLE)
  .superRefine((people, ctx) => {
    const seen = new Set<string>();
    people.forEach((p, i) => {
      if (seen.has(p.userId))
        ctx.addIssue({ code: 'custom', path: [i, 'userId'], message: 'Each person once.', params: rule('each_once') });
      seen.add(p.userId);
    });
  })
  .meta({ id: 'StaffingPlan' });
export type StaffingPlanInput = z.infer<typeof staffingPlanSchema>;

/** Saving a proposal; `staffing` replaces the internal plan when given, and leaves it alone when not. */
export const saveProposalWithStaffingRequestSchema = saveProposalRequestSchema
  .extend({ staffing: staffingPlanSchema.optional() })
  .meta({ id: 'SaveProposalWithStaffingRequest' });

export const staffingOutcomes = ['staffed', 'left_out'] as const;
/** Why the award left someone of the plan off the team. */
export const leftOutReasons = ['legal_maximum', 'conflict', 'not_member'] as const;

export const staffedPersonSchema = z
  .object({
    userId: z.string(),
    displayName: z.string(),
    role: z.enum(staffingRoles),
    weeks: z.array(z.object({ week: z.string(), minutes: z.number().int() })),
    /** Null until the award. */
    outcome: z.enum(staffingOutcomes).nullable(),
    outcomeReason: z.enum(leftOutReasons).nullable(),
    /** What the award's plan did to the person's load (every warning it brought about or worsened). */
    warnings: z.array(loadWarningSchema),
  })
  .meta({ id: 'StaffedPerson' });
export type StaffedPersonView = z.infer<typeof staffedPersonSchema>;

/** The provider's own proposal: the client's `Proposal` plus the internal plan. */
export const providerProposalViewSchema = proposalViewSchema
  .extend({ staffing: z.array(staffedPersonSchema) })
  .meta({ id: 'ProviderProposal' });
export type ProviderProposalView = z.infer<typeof providerProposalViewSchema>;
