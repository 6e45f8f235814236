/** The persistence port of capacity (migration 0027). Dates are YYYY-MM-DD, weeks their Monday. */

export interface PersonCapacityRecord {
  orgId: string;
  userId: string;
  /** Null: the organisation's contracted daily hours (its 36 agreement's figure) apply. */
  contractedDailyMinutes: number | null;
  /** 0 while the person has no row. */
  version: number;
}

export interface LeaveRecord {
  id: string;
  orgId: string;
  userId: string;
  from: string;
  to: string;
  note: string;
  createdAt: string;
  createdBy: string | null;
}

export interface AllocationRecord {
  orgId: string;
  engagementId: string;
  userId: string;
  week: string;
  minutes: number;
}

export interface DayTotalRecord {
  userId: string;
  date: string;
  minutes: number;
}

/** A milestone due on an engagement a provider person is on the team of. */
export interface DeadlineRecord {
  userId: string;
  engagementId: string;
  /** The engagement's code name when it has one (deal work), else its title. */
  engagementName: string;
  milestoneId: string;
  milestoneTitle: string;
  dueDate: string;
}

export interface CapacityRepo {
  personCapacity(orgId: string, userId: string): Promise<PersonCapacityRecord | null>;
  /** Every person of the organisation with a row (overrides), for the board. */
  personCapacities(orgId: string): Promise<PersonCapacityRecord[]>;
  /** The person's row, created (version 0) when missing, locked until the transaction ends: changes of one person's capacity queue. */
  personCapacityForUpdate(orgId: string, userId: string, at: string): Promise<PersonCapacityRecord>;
  saveContract(r: PersonCapacityRecord, at: string, by: string | null): Promise<void>;
  /** Leave of the organisation's people (one person's when given) that touches the range. */
  leave(orgId: string, filter: { userId?: string; from: string; to: string }): Promise<LeaveRecord[]>;
  insertLeave(r: LeaveRecord): Promise<void>;
  deleteLeave(orgId: string, userId: string, id: string): Promise<LeaveRecord | null>;
  /** Planned minutes per engagement and week, of the organisation's people (one person's when given), weeks from–to inclusive. */
  allocations(orgId: string, filter: { userId?: string; fromWeek: string; toWeek: string }): Promise<AllocationRecord[]>;
  /** Sets the person's planned minutes on the engagement for the weeks given; 0 removes a week's plan. */
  setAllocations(
    orgId: string,
    engagementId: string,
    userId: string,
    weeks: readonly { week: string; minutes: number }[],
    at: string,
    by: string | null,
  ): Promise<void>;
  /** Logged minutes per person and day in the organisation (one person's when given), from–to inclusive. */
  dayTotals(orgId: string, filter: { userId?: string; from: string; to: string }): Promise<DayTotalRecord[]>;
  /**
   * Per person and month, the overtime and holiday work of the days from–to, each day's logged
   * minutes summed first: on a legal holiday all of it is holiday work, on another day off all of it
   * is overtime, on a working day what passes `statutoryDayMinutes`. Days not in `nonWorkingDays`
   * are working days. Months without hours are left out.
   */
  monthlyOvertime(
    orgId: string,
    filter: {
      userId?: string;
      from: string;
      to: string;
      statutoryDayMinutes: number;
      nonWorkingDays: readonly { date: string; kind: 'day_off' | 'legal_holiday' }[];
    },
  ): Promise<{ userId: string; month: string; overtimeMinutes: number; holidayWorkMinutes: number }[]>;
  /** Logged minutes per person and ISO week (its Monday) of the days from–to. */
  weekTotals(
    orgId: string,
    filter: { userId?: string; from: string; to: string },
  ): Promise<{ userId: string; week: string; minutes: number }[]>;
  /** Planned minutes per person and week, all engagements together, weeks from–to inclusive. */
  plannedWeeks(
    orgId: string,
    filter: { userId?: string; fromWeek: string; toWeek: string },
  ): Promise<{ userId: string; week: string; minutes: number }[]>;
  /** Milestones due from–to on engagements awarded to the organisation, per provider person on their team. */
  deadlines(orgId: string, filter: { userId?: string; from: string; to: string }): Promise<DeadlineRecord[]>;
  /**
   * The hours (as hours since 1970, UTC) in which each of the organisation's people (one person's
   * when given) did anything kpo audited, from–to (ISO instants, `to` excluded): the acts behind
   * the late-night and day-off strain signals. An hour's precision is all the signals need.
   */
  actHours(orgId: string, filter: { userId?: string; from: string; to: string }): Promise<{ userId: string; hour: number }[]>;
  /** Deliverable versions sent back for rework from–to (ISO instants, `to` excluded), per provider person on the engagement's team. */
  reworkRounds(orgId: string, filter: { userId?: string; from: string; to: string }): Promise<{ userId: string; rounds: number }[]>;
  /** Distinct clients of the active engagements (contracted, in progress, delivered) awarded to the organisation, per provider person on their team. */
  activeClients(orgId: string, filter: { userId?: string }): Promise<{ userId: string; clients: number }[]>;
}
