import type { AuditEventInput } from '../../shared/contracts/audit.js';
import { feeEstimate, type Side } from '../../shared/contracts/engagements.js';
import {
  type BulkApproveResult,
  bulkApproveRequestSchema,
  categoriesOf,
  type EngagementTimeView,
  type HiddenCostView,
  type InternalRatesRequest,
  type InternalRatesView,
  internalRatesRequestSchema,
  type LoadView,
  MINUTES_PER_DAY,
  type OvertimeAgreementRequest,
  type OvertimeAgreementView,
  overtimeAgreementRequestSchema,
  type PendingTimesheetsView,
  type ProviderHiddenCostView,
  type SuggestionAccept,
  suggestionAcceptSchema,
  suggestionDismissSchema,
  type TimeEntryInput,
  type TimeEntryView,
  type TimeSuggestion,
  type TimeSuggestionsView,
  type TimesheetAction,
  type TimesheetView,
  timeEntryInputSchema,
} from '../../shared/contracts/time.js';
import { AppError, type Issue, invalidInput, issuesFromZod, parseOrThrow } from '../../shared/errors.js';
import type { Role } from '../../shared/roles.js';
import { actingUserId, type RequestContext, type UserActor } from '../access/actor.js';
import { mayNow, sideOfStanding, standingOn } from '../access/engagement-rules.js';
import { authorize, can } from '../access/policy.js';
import { jstDate } from '../engagements/business-days.js';
import {
  type Access,
  approvedSow,
  type EngagementDeps,
  engagementFor,
  engagementToRead,
  nameFor,
  people,
  personOr,
  requireVersion,
} from '../engagements/context.js';
import type { EngagementRecord, Repos, SowVersionRecord } from '../store.js';
import { type CostedEngagement, feeByMonth, providerHiddenCost } from './hidden-cost.js';
import { type DayHours, defaultAgreement, type OvertimeAgreement, overtimeReport } from './overtime.js';
import type { OvertimeAgreementRecord, TimeEntryRecord, TimesheetRecord } from './store.js';
import { gatherActivities } from './suggestion-sources.js';
import { suggestEntries } from './suggestions.js';
import { addMonths, lastDayOf, monthsBetween, weekDates, weekStartOf } from './weeks.js';

/** Months one load report spans at most. */
const MAX_LOAD_MONTHS = 24;

export const defaultAgreementRecord = (orgId: string): OvertimeAgreementRecord => ({
  orgId,
  contractedDailyMinutes: 8 * 60,
  monthlyLimitMinutes: defaultAgreement.monthlyLimit,
  yearlyLimitMinutes: defaultAgreement.yearlyLimit,
  specialClause: null,
  yearStartMonth: defaultAgreement.yearStartMonth,
  version: 0,
});

const agreementView = (a: OvertimeAgreementRecord): OvertimeAgreementView => ({
  orgId: a.orgId,
  contractedDailyMinutes: a.contractedDailyMinutes,
  monthlyLimitMinutes: a.monthlyLimitMinutes,
  yearlyLimitMinutes: a.yearlyLimitMinutes,
  specialClause: a.specialClause,
  yearStartMonth: a.yearStartMonth,
  version: a.version,
});

export const toRule = (a: OvertimeAgreementRecord): OvertimeAgreement => ({
  ...defaultAgreement,
  monthlyLimit: a.monthlyLimitMinutes,
  yearlyLimit: a.yearlyLimitMinutes,
  specialClause: a.specialClause,
  yearStartMonth: a.yearStartMonth,
});

/** Each person's hourly rate: the highest among their roles' rates; null when none of their roles has one. */
function ratesOfPeople(
  rates: readonly { role: string; hourlyYen: number }[],
  members: readonly { userId: string; roles: readonly Role[] }[],
): Map<string, number | null> {
  const rateOfRole = new Map(rates.map((r) => [r.role, r.hourlyYen]));
  return new Map(
    members.map((m) => {
      const known = m.roles.map((r) => rateOfRole.get(r)).filter((x): x is number => x !== undefined);
      return [m.userId, known.length > 0 ? Math.max(...known) : null];
    }),
  );
}

/** One entry as asked for, where it sits in the request (`[]` for a single entry, `['csv', line]` in an import). */
interface Asked {
  at: (string | number)[];
  input: TimeEntryInput;
}

/** The service behind the time routes: entries, weeks, load, the overtime agreement, rates and hidden cost. */
/** One data row as an entry request, with the line it came from (the header is line 1). */
export interface CsvEntryRow {
  line: number;
  input: Record<string, unknown>;
}

/** Reads an import's CSV into entry requests, listing every problem of shape (infra/time/entries-csv.ts). */
export type ReadEntriesCsv = (text: string) => CsvEntryRow[];

export function timeService(deps: EngagementDeps & { readEntriesCsv: ReadEntriesCsv }) {
  const { store, clock, random } = deps;

  /** The person as the policy would see them signed in to the organisation; null when they are not a member. */
  async function personActor(tx: Repos, userId: string, orgId: string): Promise<UserActor | null> {
    const m = await tx.memberships.get(userId, orgId);
    if (!m) return null;
    return { kind: 'user', userId, email: '', orgId, orgKind: m.orgKind, roles: m.roles, via: 'session', scopes: ['read', 'write'] };
  }

  const sideOfOrg = (e: EngagementRecord, orgId: string): Side | null =>
    orgId === e.clientOrgId ? 'client' : orgId === e.awardedProviderOrgId ? 'provider' : null;

  /** Whose organisation a person's hours are kept in: the caller's own (the system logs in the client's). */
  const orgOfCaller = (ctx: RequestContext, e: EngagementRecord) => (ctx.actor.kind === 'user' ? ctx.actor.orgId : e.clientOrgId);

  async function entryViews(tx: Repos, entries: readonly TimeEntryRecord[]): Promise<TimeEntryView[]> {
    const names = await people(
      tx,
      entries.map((e) => e.userId),
    );
    return entries.map((e) => ({
      id: e.id,
      engagementId: e.engagementId,
      userId: e.userId,
      displayName: personOr(names, e.userId).displayName,
      side: e.side,
      date: e.date,
      milestoneId: e.milestoneId,
      category: e.category,
      minutes: e.minutes,
      note: e.note,
      correctionReason: e.correctionReason,
      enteredBy: e.enteredBy,
      createdAt: e.createdAt,
    }));
  }

  /** Audits in the organisation whose hours they are: a provider person's hours are never in the client's log. */
  const auditIn = (tx: Repos, ctx: RequestContext, orgId: string, event: Omit<AuditEventInput, 'orgId' | 'partyOrgId'>) =>
    deps.audit(tx, ctx, { ...event, orgId, partyOrgId: null } as AuditEventInput);

  /**
   * Checks every entry against the rules (who, side, category, milestone, the week's state, the
   * day's 24 hours) and lists every problem; only when there is none are the records returned.
   * Each person's weeks are locked first, in one order, so concurrent entries queue per week.
   */
  async function checkEntries(tx: Repos, ctx: RequestContext, access: Access, asked: readonly Asked[]): Promise<TimeEntryRecord[]> {
    const e = access.engagement;
    const orgId = orgOfCaller(ctx, e);
    const side = sideOfOrg(e, orgId);
    const callerId = actingUserId(ctx);
    const issues: Issue[] = [];
    const issue = (at: (string | number)[], field: string, code: Issue['code'], message: string, params?: Issue['params']) =>
      issues.push({ path: [...at, field], code, message, ...(params && { params }) });

    // Logging for someone else is for the organisation's approvers (refused as a whole, not per line).
    const userIds = [...new Set(asked.map((a) => a.input.userId ?? callerId ?? ''))];
    for (const userId of userIds) {
      if (userId === '') throw invalidInput([{ path: ['userId'], code: 'required', message: 'Say whose time this is.' }]);
      if (userId !== callerId) authorize(ctx.actor, 'time.log_for', { type: 'person_time', orgId, userId });
    }
    const onEngagement = new Map<string, boolean>();
    for (const userId of userIds) {
      const person = await personActor(tx, userId, orgId);
      const standing = person ? standingOn(person, access.facts) : null;
      onEngagement.set(userId, !!standing && !!side && mayNow(standing, e.status, 'time.log'));
    }
    const milestones = new Set((await tx.engagements.milestones(e.id)).map((m) => m.id));

    // The weeks, locked in one order; then each day's total so far.
    const weekKey = (userId: string, date: string) => `${userId}|${weekStartOf(date)}`;
    const weeks = new Map<string, TimesheetRecord>();
    const wanted = [
      ...new Set(
        asked
          .filter((a) => onEngagement.get(a.input.userId ?? callerId ?? ''))
          .map((a) => weekKey(a.input.userId ?? callerId ?? '', a.input.date)),
      ),
    ].sort();
    for (const key of wanted) {
      const [userId, monday] = key.split('|') as [string, string];
      weeks.set(key, await tx.time.timesheetForUpdate(orgId, userId, monday, random.uuid()));
    }
    const running = new Map<string, number>();
    for (const userId of userIds) {
      const dates = asked.filter((a) => (a.input.userId ?? callerId) === userId).map((a) => a.input.date);
      for (const [date, minutes] of await tx.time.dayTotals(orgId, userId, dates)) running.set(`${userId}|${date}`, minutes);
    }

    const now = clock.now().toISOString();
    const records: TimeEntryRecord[] = [];
    for (const { at, input } of asked) {
      const userId = input.userId ?? callerId ?? '';
      if (!side || !onEngagement.get(userId)) {
        issue(at, 'userId', 'not_on_team', 'This person is not on the engagement, or may not log time on it now.', { userId });
        continue;
      }
      let ok = true;
      if (!(categoriesOf[side] as readonly string[]).includes(input.category)) {
        issue(at, 'category', 'category_not_for_side', `"${input.category}" is not a category of the ${side}'s time.`, {
          category: input.category,
          side,
        });
        ok = false;
      }
      if (input.milestoneId && !milestones.has(input.milestoneId)) {
        issue(at, 'milestoneId', 'unknown_milestone', 'No such milestone on this engagement.');
        ok = false;
      }
      const week = weeks.get(weekKey(userId, input.date));
      if (week?.status === 'submitted') {
        issue(at, 'date', 'week_submitted', 'The week is waiting for approval: it takes no entries until it is sent back.', {
          week: week.weekStart,
        });
        ok = false;
      } else if (week?.status === 'approved' && !input.correctionReason) {
        issue(at, 'date', 'correction_required', 'The week is approved: a change is a correction entry with a reason.', {
          week: week.weekStart,
        });
        ok = false;
      } else if (week?.status !== 'approved' && input.correctionReason) {
        issue(at, 'correctionReason', 'correction_only_when_approved', 'Corrections are for approved weeks; change this week directly.');
        ok = false;
      }
      const dayKey = `${userId}|${input.date}`;
      const total = (running.get(dayKey) ?? 0) + input.minutes;
      if (total > MINUTES_PER_DAY) {
        issue(at, 'minutes', 'day_over_24h', `That makes ${total} minutes on ${input.date}: a day has 1440.`, { date: input.date, total });
        ok = false;
      } else if (total < 0) {
        issue(at, 'minutes', 'day_below_zero', `That leaves ${total} minutes on ${input.date}.`, { date: input.date, total });
        ok = false;
      }
      if (!ok || !week) continue;
      running.set(dayKey, total);
      records.push({
        id: random.uuid(),
        timesheetId: week.id,
        engagementId: e.id,
        orgId,
        userId,
        side,
        date: input.date,
        milestoneId: input.milestoneId ?? null,
        category: input.category,
        minutes: input.minutes,
        note: input.note ?? '',
        correctionReason: input.correctionReason ?? null,
        enteredBy: callerId,
        createdAt: now,
      });
    }
    if (issues.length > 0) throw invalidInput(issues, 'Some time cannot be logged.');
    return records;
  }

  async function auditCorrections(tx: Repos, ctx: RequestContext, records: readonly TimeEntryRecord[]) {
    for (const r of records.filter((x) => x.correctionReason !== null)) {
      await auditIn(tx, ctx, r.orgId, {
        type: 'time.correction_logged',
        resource: { type: 'time_entry', id: r.id },
        data: {
          engagementId: r.engagementId,
          userId: r.userId,
          date: r.date,
          category: r.category,
          minutes: r.minutes,
          reason: r.correctionReason ?? '',
        },
      });
    }
  }

  async function personTimesheet(tx: Repos, ctx: RequestContext, orgId: string, userId: string, monday: string): Promise<TimesheetView> {
    const dates = weekDates(monday);
    const [sheet, entries] = await Promise.all([
      tx.time.timesheet(orgId, userId, monday),
      tx.time.personEntries(orgId, userId, dates[0] ?? monday, dates[6] ?? monday),
    ]);
    const status = sheet?.status ?? 'open';
    const person = { type: 'person_time' as const, orgId, userId };
    const logs = actingUserId(ctx) === userId || can(ctx.actor, 'time.log_for', person).allowed;
    const allowed: TimesheetAction[] = [];
    if (status === 'open' && logs) allowed.push('log');
    if (status === 'approved' && logs) allowed.push('correct');
    if (status === 'open' && can(ctx.actor, 'timesheet.submit', person).allowed) allowed.push('submit');
    if (status === 'submitted' && can(ctx.actor, 'timesheet.approve', person).allowed) allowed.push('approve', 'return');
    return {
      orgId,
      userId,
      weekStart: monday,
      status,
      version: sheet?.version ?? 0,
      days: dates.map((date) => ({ date, minutes: entries.filter((x) => x.date === date).reduce((s, x) => s + x.minutes, 0) })),
      entries: await entryViews(tx, entries),
      submittedAt: sheet?.submittedAt ?? null,
      decidedAt: sheet?.decidedAt ?? null,
      decidedBy: sheet?.decidedBy ?? null,
      returnNote: sheet?.returnNote ?? null,
      mayApprove: allowed.includes('approve'),
      allowedActions: allowed,
      engagements: await weekEngagements(tx, orgId, userId, entries),
    };
  }

  /**
   * The engagements a week shows: those the person may log on now (the rule table's `time.log`, for
   * them), and those they have hours on in the week; each named as the person's side sees it.
   */
  async function weekEngagements(
    tx: Repos,
    orgId: string,
    userId: string,
    entries: readonly TimeEntryRecord[],
  ): Promise<TimesheetView['engagements']> {
    const person = await personActor(tx, userId, orgId);
    if (!person || person.orgKind === 'operator') return [];
    const seesAllOfOrg =
      person.orgKind === 'client'
        ? person.roles.some((r) => r === 'client_admin' || r === 'finance' || r === 'auditor')
        : person.roles.some((r) => r === 'provider_admin' || r === 'delivery_manager');
    const { rows } = await tx.engagements.list(
      { userId, orgId, orgKind: person.orgKind, seesAllOfOrg },
      { limit: 200, offset: 0 },
      clock.now(),
    );
    const out = new Map<string, TimesheetView['engagements'][number]>();
    for (const row of rows) {
      const facts = await tx.engagements.facts(row.id);
      const standing = facts ? standingOn(person, facts) : null;
      const side = standing ? sideOfStanding(standing) : null;
      if (!facts || !standing || !side || !mayNow(standing, facts.status, 'time.log')) continue;
      out.set(row.id, { id: row.id, displayName: row.displayName, side, mayLog: true });
    }
    for (const id of new Set(entries.map((x) => x.engagementId))) {
      if (out.has(id)) continue;
      const e = await tx.engagements.get(id);
      const side = e ? sideOfOrg(e, orgId) : null;
      if (e && side) out.set(id, { id, displayName: nameFor(e, side), side, mayLog: false });
    }
    return [...out.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'ja'));
  }

  async function requireMember(tx: Repos, orgId: string, userId: string) {
    if (!(await tx.memberships.get(userId, orgId)))
      throw new AppError('not_found', 'No such person in this organisation.', { reason: 'member_not_found' });
  }

  type WeekMove = 'submit' | 'approve' | 'return';
  async function moveWeek(
    ctx: RequestContext,
    orgId: string,
    userId: string,
    monday: string,
    move: WeekMove,
    body: { version: number; note?: string | undefined },
  ): Promise<TimesheetView> {
    authorize(ctx.actor, move === 'submit' ? 'timesheet.submit' : 'timesheet.approve', { type: 'person_time', orgId, userId });
    return store.transaction(async (tx) => {
      await requireMember(tx, orgId, userId);
      const sheet = await tx.time.timesheetForUpdate(orgId, userId, monday, random.uuid());
      requireVersion(sheet.version, body.version, 'timesheet');
      const wantStatus = move === 'submit' ? 'open' : 'submitted';
      if (sheet.status !== wantStatus) {
        const reason =
          sheet.status === 'approved'
            ? 'timesheet_approved'
            : sheet.status === 'submitted'
              ? 'timesheet_submitted'
              : 'timesheet_not_submitted';
        throw new AppError('invalid_state', `The week is ${sheet.status}.`, { reason });
      }
      await saveMove(tx, ctx, sheet, move, body.note);
      return personTimesheet(tx, ctx, orgId, userId, monday);
    });
  }

  /** Moves a locked week and audits the move, in the caller's transaction. */
  async function saveMove(tx: Repos, ctx: RequestContext, sheet: TimesheetRecord, move: WeekMove, note?: string) {
    const { orgId, userId, weekStart: monday } = sheet;
    const now = clock.now().toISOString();
    const by = actingUserId(ctx);
    const next: TimesheetRecord =
      move === 'submit'
        ? { ...sheet, status: 'submitted', submittedAt: now, submittedBy: by, decidedAt: null, decidedBy: null }
        : move === 'approve'
          ? { ...sheet, status: 'approved', decidedAt: now, decidedBy: by, returnNote: null }
          : { ...sheet, status: 'open', decidedAt: now, decidedBy: by, returnNote: note ?? '' };
    next.version = sheet.version + 1;
    await tx.time.saveTimesheet(next);
    const dates = weekDates(monday);
    const minutes = (await tx.time.personEntries(orgId, userId, dates[0] ?? monday, dates[6] ?? monday)).reduce((s, x) => s + x.minutes, 0);
    const resource = { type: 'timesheet' as const, id: sheet.id };
    const data = { userId, weekStart: monday, minutes };
    if (move === 'return') await auditIn(tx, ctx, orgId, { type: 'timesheet.returned', resource, data: { ...data, note: note ?? '' } });
    else await auditIn(tx, ctx, orgId, { type: move === 'submit' ? 'timesheet.submitted' : 'timesheet.approved', resource, data });
    return next;
  }

  /**
   * Approves several submitted weeks in one transaction, each with its own audit event. Any problem
   * — a week not submitted, seen at another version, one's own or not the caller's to approve, a
   * week twice — is listed with every other and nothing is approved. A week already approved is
   * reported as such and left alone, so a repeated request changes nothing.
   */
  async function approveMany(ctx: RequestContext, orgId: string, body: unknown): Promise<BulkApproveResult> {
    authorize(ctx.actor, 'timesheet.bulk_approve', { type: 'organization', orgId });
    const input = parseOrThrow(bulkApproveRequestSchema, body);
    const keyOf = (w: { userId: string; weekStart: string }) => `${w.userId}|${w.weekStart}`;
    const issues: Issue[] = [];
    const first = new Map<string, number>();
    // Weeks twice, and weeks not the caller's to approve, are not looked at (nor locked) further.
    const skip = new Set<number>();
    input.weeks.forEach((w, i) => {
      const seen = first.get(keyOf(w));
      if (seen === undefined) first.set(keyOf(w), i);
      else {
        issues.push({ path: ['weeks', i], code: 'each_once', message: `The same week as weeks[${seen}].`, params: { index: seen } });
        skip.add(i);
        return;
      }
      const decision = can(ctx.actor, 'timesheet.approve', { type: 'person_time', orgId, userId: w.userId });
      if (!decision.allowed) {
        issues.push({
          path: ['weeks', i, 'userId'],
          code: 'timesheet_not_approvable',
          message: decision.reason === 'not_owner' ? 'Nobody approves their own week.' : 'Not a week you may approve.',
          params: { reason: decision.reason },
        });
        skip.add(i);
      }
    });
    return store.transaction(async (tx) => {
      // Locked in one order, so two approvers' overlapping requests queue instead of deadlocking.
      const order = input.weeks
        .map((w, i) => ({ w, i }))
        .filter(({ i }) => !skip.has(i))
        .sort((a, b) => keyOf(a.w).localeCompare(keyOf(b.w)));
      const toApprove: { sheet: TimesheetRecord; i: number }[] = [];
      const alreadyApproved: BulkApproveResult['alreadyApproved'] = [];
      for (const { w, i } of order) {
        if (!(await tx.memberships.get(w.userId, orgId))) {
          issues.push({ path: ['weeks', i, 'userId'], code: 'member_not_found', message: 'No such person in this organisation.' });
          continue;
        }
        const sheet = await tx.time.timesheetForUpdate(orgId, w.userId, w.weekStart, random.uuid());
        if (sheet.status === 'approved') {
          alreadyApproved.push({ userId: w.userId, weekStart: w.weekStart, version: sheet.version });
        } else if (sheet.status !== 'submitted') {
          issues.push({
            path: ['weeks', i],
            code: 'timesheet_not_submitted',
            message: `The week of ${w.weekStart} is ${sheet.status}, not submitted.`,
            params: { week: w.weekStart, status: sheet.status },
          });
        } else if (sheet.version !== w.version) {
          issues.push({
            path: ['weeks', i, 'version'],
            code: 'timesheet_version_conflict',
            message: `The week of ${w.weekStart} changed since it was read (version ${sheet.version}, not ${w.version}).`,
            params: { week: w.weekStart, expected: w.version, actual: sheet.version },
          });
        } else toApprove.push({ sheet, i });
      }
      if (issues.length > 0) {
        const at = (x: Issue) => (typeof x.path[1] === 'number' ? x.path[1] : 0);
        throw invalidInput(
          issues.sort((a, b) => at(a) - at(b)),
          'No week was approved.',
        );
      }
      const approved: BulkApproveResult['approved'] = [];
      for (const { sheet } of toApprove.sort((a, b) => a.i - b.i)) {
        const next = await saveMove(tx, ctx, sheet, 'approve');
        approved.push({ userId: next.userId, weekStart: next.weekStart, version: next.version });
      }
      return { approved, alreadyApproved };
    });
  }

  /** Logs one entry in the caller's transaction: the rules, the insert and its audit event (with the minutes suggested, when it accepts a suggestion). */
  async function logOne(tx: Repos, ctx: RequestContext, access: Access, input: TimeEntryInput, suggestedMinutes?: number) {
    const engagementId = access.engagement.id;
    const [record] = await checkEntries(tx, ctx, access, [{ at: [], input }]);
    if (!record) throw new Error('checked entry missing');
    await tx.time.insertEntries([record]);
    if (record.correctionReason !== null) await auditCorrections(tx, ctx, [record]);
    else {
      await auditIn(tx, ctx, record.orgId, {
        type: 'time.entry_logged',
        resource: { type: 'time_entry', id: record.id },
        data: {
          engagementId,
          userId: record.userId,
          date: record.date,
          category: record.category,
          minutes: record.minutes,
          ...(suggestedMinutes !== undefined && { suggestedMinutes }),
        },
      });
    }
    const [view] = await entryViews(tx, [record]);
    if (!view) throw new Error('entry view missing');
    return view;
  }

  /**
   * The caller's suggestions for a week (suggestions.ts): their acts on the engagements they may
   * log on now, less what they logged or dismissed. None while the week is not open.
   */
  async function weekSuggestions(tx: Repos, orgId: string, userId: string, monday: string): Promise<TimeSuggestion[]> {
    const dates = weekDates(monday);
    const from = dates[0] ?? monday;
    const to = dates[6] ?? monday;
    const [sheet, logged, dismissed, person] = await Promise.all([
      tx.time.timesheet(orgId, userId, monday),
      tx.time.personEntries(orgId, userId, from, to),
      tx.time.dismissedSuggestions(orgId, userId, from, to),
      personActor(tx, userId, orgId),
    ]);
    if ((sheet?.status ?? 'open') !== 'open' || !person || person.orgKind === 'operator') return [];
    const engagements = (await weekEngagements(tx, orgId, userId, logged)).filter((x) => x.mayLog);
    if (engagements.length === 0) return [];
    const side: Side = person.orgKind === 'client' ? 'client' : 'provider';
    const mine = engagements.filter((x) => x.side === side);
    const activities = await gatherActivities(
      tx,
      userId,
      mine.map((x) => x.id),
      new Date(`${from}T00:00:00+09:00`).toISOString(),
      new Date(`${to}T24:00:00+09:00`).toISOString(),
    );
    return suggestEntries({
      side,
      dates,
      today: jstDate(clock.now()),
      engagementIds: new Set(mine.map((x) => x.id)),
      activities,
      logged,
      dismissed,
    });
  }

  /** The caller's suggestion on the engagement for a day and category, or 404. */
  async function findSuggestion(tx: Repos, ctx: RequestContext, access: Access, date: string, category: string) {
    const userId = actingUserId(ctx);
    if (ctx.actor.kind !== 'user' || !userId) throw new AppError('forbidden', 'Suggestions are a person’s own.', { reason: 'no_rule' });
    const found = (await weekSuggestions(tx, ctx.actor.orgId, userId, weekStartOf(date))).find(
      (x) => x.engagementId === access.engagement.id && x.date === date && x.category === category,
    );
    if (!found)
      throw new AppError('not_found', 'No such suggestion: it was logged, dismissed, or is no longer derived.', {
        reason: 'suggestion_not_found',
      });
    return found;
  }

  return {
    /** Logs one entry (or a correction of an approved week). */
    async logEntry(ctx: RequestContext, engagementId: string, body: unknown): Promise<TimeEntryView> {
      const input = parseOrThrow(timeEntryInputSchema, body);
      return store.transaction(async (tx) => logOne(tx, ctx, await engagementFor(tx, ctx, engagementId, 'time.log', true), input));
    },

    /** The caller's own suggested entries for a week (never someone else's: decision 0011). */
    async suggestions(ctx: RequestContext, orgId: string, userId: string, monday: string): Promise<TimeSuggestionsView> {
      authorize(ctx.actor, 'time.suggestions', { type: 'person_time', orgId, userId });
      return { weekStart: monday, suggestions: await weekSuggestions(store.read, orgId, userId, monday) };
    },

    /** Accepts a suggestion, with the minutes changed when given: a normal entry of the caller's, through the entry rules. */
    async acceptSuggestion(ctx: RequestContext, engagementId: string, body: SuggestionAccept): Promise<TimeEntryView> {
      const input = parseOrThrow(suggestionAcceptSchema, body);
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'time.log', true);
        // The week first, locked: two accepts of one suggestion queue, and the second finds it logged.
        const me = actingUserId(ctx);
        if (me) await tx.time.timesheetForUpdate(orgOfCaller(ctx, access.engagement), me, weekStartOf(input.date), random.uuid());
        const found = await findSuggestion(tx, ctx, access, input.date, input.category);
        const entry: TimeEntryInput = {
          date: input.date,
          category: input.category,
          minutes: input.minutes ?? found.minutes,
          ...(input.note !== undefined && { note: input.note }),
        };
        return logOne(tx, ctx, access, entry, found.minutes);
      });
    },

    /** Dismisses a suggestion for good (remembered per day, engagement and category; audited). */
    async dismissSuggestion(ctx: RequestContext, engagementId: string, body: unknown): Promise<{ dismissed: boolean }> {
      const input = parseOrThrow(suggestionDismissSchema, body);
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'time.log', true);
        const found = await findSuggestion(tx, ctx, access, input.date, input.category);
        const orgId = orgOfCaller(ctx, access.engagement);
        const dismissed = await tx.time.dismissSuggestion({
          orgId,
          userId: actingUserId(ctx) ?? '',
          engagementId,
          date: input.date,
          category: input.category,
          at: clock.now().toISOString(),
        });
        if (dismissed) {
          await auditIn(tx, ctx, orgId, {
            type: 'time.suggestion_dismissed',
            resource: { type: 'engagement', id: engagementId },
            data: { date: input.date, category: input.category, minutes: found.minutes },
          });
        }
        return { dismissed };
      });
    },

    /** Imports a CSV of entries: all of them, or — with every bad line listed — none. */
    async importEntries(ctx: RequestContext, engagementId: string, csv: string): Promise<{ entries: TimeEntryView[] }> {
      const rows = deps.readEntriesCsv(csv);
      const issues: Issue[] = [];
      const asked: Asked[] = [];
      for (const row of rows) {
        const parsed = timeEntryInputSchema.safeParse(row.input);
        if (parsed.success) asked.push({ at: ['csv', row.line], input: parsed.data });
        else for (const i of issuesFromZod(parsed.error, row.input)) issues.push({ ...i, path: ['csv', row.line, ...i.path] });
      }
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'time.log', true);
        let records: TimeEntryRecord[] = [];
        try {
          records = await checkEntries(tx, ctx, access, asked);
        } catch (e) {
          if (!(e instanceof AppError) || e.code !== 'invalid_input') throw e;
          issues.push(...(e.issues ?? []));
        }
        if (issues.length > 0) {
          const line = (i: Issue) => (typeof i.path[1] === 'number' ? i.path[1] : 0);
          throw invalidInput(
            issues.sort((a, b) => line(a) - line(b)),
            'The file has lines that cannot be imported; nothing was saved.',
          );
        }
        await tx.time.insertEntries(records);
        await auditCorrections(tx, ctx, records);
        await auditIn(tx, ctx, orgOfCaller(ctx, access.engagement), {
          type: 'time.entries_imported',
          resource: { type: 'engagement', id: engagementId },
          data: {
            entries: records.length,
            minutes: records.reduce((s, r) => s + r.minutes, 0),
            people: new Set(records.map((r) => r.userId)).size,
          },
        });
        return { entries: await entryViews(tx, records) };
      });
    },

    /**
     * The engagement's time as the caller may see it: the client's people see the client's entries
     * and — when the SOW bills by time — the provider team's total; the provider's managers see
     * the provider's entries, its analysts their own.
     */
    async engagementTime(
      ctx: RequestContext,
      engagementId: string,
      range: { from?: string | undefined; to?: string | undefined },
    ): Promise<EngagementTimeView> {
      const tx = store.read;
      const access = await engagementToRead(store, ctx, engagementId, 'time.read');
      const side = sideOfStanding(access.standing);
      const own = access.standing === 'provider_member' ? (actingUserId(ctx) ?? undefined) : undefined;
      const entries = await tx.time.engagementEntries(engagementId, {
        side,
        ...(own && { userId: own }),
        ...(range.from && { from: range.from }),
        ...(range.to && { to: range.to }),
      });
      let providerTeamTotalMinutes: number | null = null;
      if (side === 'client') {
        const sow = approvedSow(await tx.engagements.sowVersions(engagementId));
        if (sow?.content.fee.type === 'time_and_materials') providerTeamTotalMinutes = await tx.time.sideTotal(engagementId, 'provider');
      }
      return { entries: await entryViews(tx, entries), providerTeamTotalMinutes };
    },

    async timesheet(ctx: RequestContext, orgId: string, userId: string, monday: string): Promise<TimesheetView> {
      authorize(ctx.actor, 'timesheet.read', { type: 'person_time', orgId, userId });
      await requireMember(store.read, orgId, userId);
      return personTimesheet(store.read, ctx, orgId, userId, monday);
    },
    /** The organisation's submitted weeks, for those who approve them; never the caller's own. */
    async pendingTimesheets(ctx: RequestContext, orgId: string): Promise<PendingTimesheetsView> {
      authorize(ctx.actor, 'timesheet.queue', { type: 'organization', orgId });
      const tx = store.read;
      const me = actingUserId(ctx);
      const sheets = (await tx.time.timesheetsInState(orgId, 'submitted')).filter((x) => x.userId !== me);
      const [names, totals] = await Promise.all([
        people(
          tx,
          sheets.map((x) => x.userId),
        ),
        tx.time.weekTotals(sheets.map((x) => x.id)),
      ]);
      return {
        weeks: sheets.map((x) => ({
          userId: x.userId,
          displayName: personOr(names, x.userId).displayName,
          weekStart: x.weekStart,
          minutes: totals.get(x.id) ?? 0,
          submittedAt: x.submittedAt,
          version: x.version,
        })),
      };
    },
    submit: (ctx: RequestContext, orgId: string, userId: string, monday: string, body: { version: number }) =>
      moveWeek(ctx, orgId, userId, monday, 'submit', body),
    approve: (ctx: RequestContext, orgId: string, userId: string, monday: string, body: { version: number }) =>
      moveWeek(ctx, orgId, userId, monday, 'approve', body),
    approveMany,
    sendBack: (ctx: RequestContext, orgId: string, userId: string, monday: string, body: { version: number; note?: string | undefined }) =>
      moveWeek(ctx, orgId, userId, monday, 'return', body),

    /**
     * A provider person's load against the agreement, month by month (the agreement year so far
     * by default). Hours dated after today are the plan: they make the forecast.
     */
    async load(
      ctx: RequestContext,
      orgId: string,
      userId: string,
      range: { from?: string | undefined; to?: string | undefined },
    ): Promise<LoadView> {
      authorize(ctx.actor, 'load.read', { type: 'person_time', orgId, userId });
      const tx = store.read;
      await requireMember(tx, orgId, userId);
      const agreement = (await tx.time.agreement(orgId)) ?? defaultAgreementRecord(orgId);
      const today = jstDate(clock.now());
      const thisMonth = today.slice(0, 7);
      const back = (Number(thisMonth.slice(5)) - agreement.yearStartMonth + 12) % 12;
      const from = range.from ?? addMonths(thisMonth, -back);
      const to = range.to ?? addMonths(from, 11);
      const span = monthsBetween(from, to);
      if (span < 0) throw invalidInput([{ path: ['to'], code: 'range_order', message: 'The last month comes on or after the first.' }]);
      if (span >= MAX_LOAD_MONTHS) {
        throw invalidInput([
          { path: ['to'], code: 'too_big', message: `At most ${MAX_LOAD_MONTHS} months.`, params: { maximum: MAX_LOAD_MONTHS } },
        ]);
      }
      const entries = await tx.time.personEntries(orgId, userId, `${from}-01`, lastDayOf(to));
      const byDay = new Map<string, DayHours>();
      // The range's first and last days, so months without hours are reported too.
      for (const date of [`${from}-01`, lastDayOf(to)]) byDay.set(date, { date, actualMinutes: 0, plannedMinutes: 0 });
      for (const x of entries) {
        const day = byDay.get(x.date) ?? { date: x.date, actualMinutes: 0, plannedMinutes: 0 };
        if (x.date > today) day.plannedMinutes += x.minutes;
        else day.actualMinutes += x.minutes;
        byDay.set(x.date, day);
      }
      const report = overtimeReport([...byDay.values()], agreement.contractedDailyMinutes, toRule(agreement));
      return {
        userId,
        from,
        to,
        agreement: agreementView(agreement),
        months: report.actual,
        forecast: report.forecast,
        findings: report.findings,
      };
    },

    async agreement(ctx: RequestContext, orgId: string): Promise<OvertimeAgreementView> {
      authorize(ctx.actor, 'overtime.read', { type: 'organization', orgId });
      return agreementView((await store.read.time.agreement(orgId)) ?? defaultAgreementRecord(orgId));
    },

    async saveAgreement(ctx: RequestContext, orgId: string, body: OvertimeAgreementRequest): Promise<OvertimeAgreementView> {
      authorize(ctx.actor, 'overtime.configure', { type: 'organization', orgId });
      const input = parseOrThrow(overtimeAgreementRequestSchema, body);
      return store.transaction(async (tx) => {
        const current = (await tx.time.agreement(orgId)) ?? defaultAgreementRecord(orgId);
        requireVersion(current.version, input.version, 'overtime agreement');
        const next: OvertimeAgreementRecord = { ...input, orgId, version: current.version + 1 };
        await tx.time.saveAgreement(next, actingUserId(ctx), clock.now().toISOString());
        await auditIn(tx, ctx, orgId, {
          type: 'time.overtime_agreement_saved',
          resource: { type: 'organization', id: orgId },
          data: {
            version: next.version,
            monthlyLimitMinutes: next.monthlyLimitMinutes,
            yearlyLimitMinutes: next.yearlyLimitMinutes,
            specialClause: next.specialClause !== null,
          },
        });
        return agreementView(next);
      });
    },

    async rates(ctx: RequestContext, orgId: string): Promise<InternalRatesView> {
      authorize(ctx.actor, 'rates.read', { type: 'organization', orgId });
      return (await store.read.time.rates(orgId)) as InternalRatesView;
    },

    async saveRates(ctx: RequestContext, orgId: string, body: InternalRatesRequest): Promise<InternalRatesView> {
      authorize(ctx.actor, 'rates.manage', { type: 'organization', orgId });
      const input = parseOrThrow(internalRatesRequestSchema, body);
      return store.transaction(async (tx) => {
        const current = await tx.time.rates(orgId);
        requireVersion(current.version, input.version, 'rates');
        const next = { orgId, rates: [...input.rates].sort((a, b) => a.role.localeCompare(b.role)), version: current.version + 1 };
        await tx.time.saveRates(next, actingUserId(ctx), clock.now().toISOString());
        await auditIn(tx, ctx, orgId, {
          type: 'time.internal_rates_saved',
          resource: { type: 'organization', id: orgId },
          data: { version: next.version, roles: next.rates.length },
        });
        return next;
      });
    },

    /**
     * The client's hidden cost across its engagements, per provider and month (decision 0011,
     * "Hidden cost per provider"): the same costing as one engagement's, against each approved
     * SOW's JPY fee spread over the months its milestones are due.
     */
    async providerHiddenCost(ctx: RequestContext, orgId: string): Promise<ProviderHiddenCostView> {
      authorize(ctx.actor, 'hidden_cost.read', { type: 'organization', orgId });
      const tx = store.read;
      const [awarded, minutes, rates, members] = await Promise.all([
        tx.time.awardedEngagements(orgId),
        tx.time.clientMonthMinutes(orgId),
        tx.time.rates(orgId),
        tx.memberships.listForOrg(orgId),
      ]);
      const rateOf = ratesOfPeople(rates.rates, members);
      const versionsOf = new Map<string, SowVersionRecord[]>();
      for (const v of await tx.engagements.sowVersionsOf(awarded.map((a) => a.engagementId)))
        versionsOf.set(v.engagementId, [...(versionsOf.get(v.engagementId) ?? []), v]);
      const engagements: CostedEngagement[] = awarded.map((a) => {
        const sow = approvedSow(versionsOf.get(a.engagementId) ?? []);
        const fee = sow ? feeEstimate(sow.content.fee) : null;
        return {
          engagementId: a.engagementId,
          providerOrgId: a.providerOrgId,
          providerName: a.providerName,
          feeMonths: sow && fee?.currency === 'JPY' ? feeByMonth(fee.amount, sow.content.milestones, sow.content.endDate) : null,
        };
      });
      return providerHiddenCost({ orgId, engagements, minutes, rateOf: (userId) => rateOf.get(userId) ?? null });
    },

    /**
     * The client's hidden cost on an engagement: its people's minutes by category and by month,
     * each person costed at the highest rate among their roles, against the approved SOW's fee.
     */
    async hiddenCost(ctx: RequestContext, engagementId: string): Promise<HiddenCostView> {
      const tx = store.read;
      const { engagement: e } = await engagementToRead(store, ctx, engagementId, 'time.hidden_cost');
      const [entries, rates, members, versions] = await Promise.all([
        tx.time.engagementEntries(engagementId, { side: 'client' }),
        tx.time.rates(e.clientOrgId),
        tx.memberships.listForOrg(e.clientOrgId),
        tx.engagements.sowVersions(engagementId),
      ]);
      const rateOf = ratesOfPeople(rates.rates, members);
      // Sums of minutes × yen per hour, divided by 60 once per figure so rounding does not add up.
      const byCategory = new Map<string, { minutes: number; yenMinutes: number }>();
      const byMonth = new Map<string, { minutes: number; yenMinutes: number }>();
      let unratedMinutes = 0;
      for (const x of entries) {
        const rate = rateOf.get(x.userId) ?? null;
        if (rate === null) unratedMinutes += x.minutes;
        for (const [map, key] of [
          [byCategory, x.category],
          [byMonth, x.date.slice(0, 7)],
        ] as const) {
          const line = map.get(key) ?? { minutes: 0, yenMinutes: 0 };
          line.minutes += x.minutes;
          line.yenMinutes += x.minutes * (rate ?? 0);
          map.set(key, line);
        }
      }
      const yen = (yenMinutes: number) => Math.round(yenMinutes / 60);
      const totalYenMinutes = [...byCategory.values()].reduce((s, l) => s + l.yenMinutes, 0);
      const sow = approvedSow(versions);
      const fee = sow ? feeEstimate(sow.content.fee) : null;
      const feesYen = fee && fee.currency === 'JPY' ? fee.amount : null;
      const costYen = yen(totalYenMinutes);
      return {
        engagementId,
        totalMinutes: entries.reduce((s, x) => s + x.minutes, 0),
        costYen,
        unratedMinutes,
        byCategory: [...byCategory]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([category, l]) => ({ category, minutes: l.minutes, costYen: yen(l.yenMinutes) })),
        byMonth: [...byMonth]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([month, l]) => ({ month, minutes: l.minutes, costYen: yen(l.yenMinutes) })),
        feesYen,
        ratio: feesYen ? Math.round((costYen / feesYen) * 10_000) / 10_000 : null,
      };
    },
  };
}

export type TimeService = ReturnType<typeof timeService>;
