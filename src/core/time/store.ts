import type { Side } from '../../shared/contracts/engagements.js';

/** The persistence port of time (migration 0025). Dates are YYYY-MM-DD, instants ISO 8601. */

export type TimesheetStatus = 'open' | 'submitted' | 'approved';

export interface TimesheetRecord {
  id: string;
  orgId: string;
  userId: string;
  weekStart: string;
  status: TimesheetStatus;
  version: number;
  submittedAt: string | null;
  submittedBy: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  returnNote: string | null;
}

export interface TimeEntryRecord {
  id: string;
  timesheetId: string;
  engagementId: string;
  orgId: string;
  userId: string;
  side: Side;
  date: string;
  milestoneId: string | null;
  category: string;
  minutes: number;
  note: string;
  correctionReason: string | null;
  enteredBy: string | null;
  createdAt: string;
}

export interface OvertimeAgreementRecord {
  orgId: string;
  contractedDailyMinutes: number;
  monthlyLimitMinutes: number;
  yearlyLimitMinutes: number;
  specialClause: {
    monthlyTotalBelow: number;
    multiMonthAverageMax: number;
    monthsOverMonthlyLimitMax: number;
    yearlyMax: number;
  } | null;
  yearStartMonth: number;
  /** 0 while the provider has never saved one (the defaults). */
  version: number;
}

export interface InternalRatesRecord {
  orgId: string;
  rates: { role: string; hourlyYen: number }[];
  version: number;
}

export interface TimeRepo {
  /** The person's week, or null before anything was logged or done in it. */
  timesheet(orgId: string, userId: string, weekStart: string): Promise<TimesheetRecord | null>;
  /** The person's week, created open when missing, and locked until the transaction ends (entries and decisions on one week queue). */
  timesheetForUpdate(orgId: string, userId: string, weekStart: string, newId: string): Promise<TimesheetRecord>;
  saveTimesheet(t: TimesheetRecord): Promise<void>;
  /** The organisation's weeks in one state, oldest week first. */
  timesheetsInState(orgId: string, status: TimesheetStatus): Promise<TimesheetRecord[]>;
  /** Each week's total minutes of the person in the organisation, keyed by the week's id. */
  weekTotals(timesheetIds: readonly string[]): Promise<Map<string, number>>;
  insertEntries(entries: readonly TimeEntryRecord[]): Promise<void>;
  /** Each date's total minutes of the person in the organisation, over the given dates. */
  dayTotals(orgId: string, userId: string, dates: readonly string[]): Promise<Map<string, number>>;
  /** Entries of a person in one organisation between two dates (inclusive). */
  personEntries(orgId: string, userId: string, from: string, to: string): Promise<TimeEntryRecord[]>;
  /** Entries on an engagement, optionally of one side or one person, between two dates when given. */
  engagementEntries(engagementId: string, filter: { side?: Side; userId?: string; from?: string; to?: string }): Promise<TimeEntryRecord[]>;
  /** The total minutes of one side on the engagement. */
  sideTotal(engagementId: string, side: Side): Promise<number>;
  /** The client's engagements awarded to a provider, with the provider. */
  awardedEngagements(clientOrgId: string): Promise<{ engagementId: string; providerOrgId: string; providerName: string }[]>;
  /** The client side's minutes per engagement, person and month (YYYY-MM), on the client's engagements awarded to a provider. */
  clientMonthMinutes(clientOrgId: string): Promise<{ engagementId: string; userId: string; month: string; minutes: number }[]>;
  /** The suggestions the person dismissed between two dates (inclusive), as date|engagementId|category (time_suggestion_dismissals). */
  dismissedSuggestions(orgId: string, userId: string, from: string, to: string): Promise<Set<string>>;
  /** Remembers a dismissed suggestion; false when it was dismissed already. */
  dismissSuggestion(d: {
    orgId: string;
    userId: string;
    engagementId: string;
    date: string;
    category: string;
    at: string;
  }): Promise<boolean>;
  agreement(orgId: string): Promise<OvertimeAgreementRecord | null>;
  saveAgreement(a: OvertimeAgreementRecord, by: string | null, at: string): Promise<void>;
  rates(orgId: string): Promise<InternalRatesRecord>;
  saveRates(r: InternalRatesRecord, by: string | null, at: string): Promise<void>;
}
