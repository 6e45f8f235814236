/** The persistence port of proposals' internal staffing plans (migration 0032). Weeks are named by their Monday. */

export type StaffingRole = 'lead' | 'analyst';
export type StaffingOutcome = 'staffed' | 'left_out';

export interface StaffingRecord {
  proposalId: string;
  orgId: string;
  userId: string;
  displayName: string;
  role: StaffingRole;
  weeks: { week: string; minutes: number }[];
  outcome: StaffingOutcome | null;
  outcomeReason: string | null;
  /** The load warnings the award raised (LoadWarning[] as the award saw them). */
  warnings: unknown[] | null;
}

export interface StaffingRepo {
  /** The proposal's plan, in the order people were named. */
  plan(proposalId: string): Promise<StaffingRecord[]>;
  /** Replaces the proposal's plan (outcomes cleared). */
  replace(
    proposalId: string,
    orgId: string,
    people: readonly { userId: string; role: StaffingRole; weeks: readonly { week: string; minutes: number }[] }[],
  ): Promise<void>;
  /** Forgets the plans of the proposals (losing or withdrawn bids). */
  drop(proposalIds: readonly string[]): Promise<void>;
  setOutcome(proposalId: string, userId: string, outcome: StaffingOutcome, reason: string | null, warnings: unknown[]): Promise<void>;
  /**
   * Tentative minutes per person and week: the plans of the organisation's open bids (draft or
   * submitted proposals on engagements still taking proposals), weeks from–to inclusive.
   */
  tentativeWeeks(
    orgId: string,
    filter: { userId?: string; fromWeek: string; toWeek: string },
  ): Promise<{ userId: string; week: string; minutes: number }[]>;
}
