import {
  type AllocationRequest,
  type AllocationView,
  allocationRequestSchema,
  type BoardPersonView,
  type CapacityBoardView,
  type LeaveView,
  leaveRequestSchema,
  MAX_PLAN_WEEKS,
  type PersonCapacityView,
  personContractRequestSchema,
  type StrainView,
} from '../../shared/contracts/capacity.js';
import { AppError, type Issue, invalidInput, parseOrThrow } from '../../shared/errors.js';
import { actingUserId, type RequestContext } from '../access/actor.js';
import { authorize } from '../access/policy.js';
import { jstDate } from '../engagements/business-days.js';
import { type EngagementDeps, requireVersion } from '../engagements/context.js';
import type { Repos } from '../store.js';
import {
  boardOvertime,
  type Calendar,
  DEADLINE_CLUSTER,
  groupByUser,
  type LoadWarning,
  loadEffect,
  loadWindow,
  nonWorkingDays,
  personDays,
  ratio,
  severityIn,
  weekAvailability,
} from './capacity.js';
import type { LeaveRecord, PersonCapacityRecord } from './capacity-store.js';
import { type MonthOvertime, STATUTORY_DAY_MINUTES } from './overtime.js';
import { defaultAgreementRecord, toRule } from './service.js';
import type { OvertimeAgreementRecord } from './store.js';
import type { StrainSignal } from './strain.js';
import { strainOf } from './strain-service.js';
import { addDays, weekStartOf } from './weeks.js';

/** Weeks the board shows by default. */
const DEFAULT_BOARD_WEEKS = 12;
/** How far from the current week a plan may reach, either way (two years). */
const PLAN_REACH_DAYS = 104 * 7;

const leaveView = (l: LeaveRecord): LeaveView => ({
  id: l.id,
  from: l.from,
  to: l.to,
  note: l.note,
  createdAt: l.createdAt,
  createdBy: l.createdBy,
});

/** The month (YYYY-MM) an ISO week belongs to: its Thursday's. */
const monthOfWeek = (week: string) => addDays(week, 3).slice(0, 7);

/** Minutes as a person reads them in a message ("382 h"); the issue's params keep the minutes. */
const hoursText = (minutes: number) => `${Math.round((minutes / 60) * 100) / 100} h`;

const isProviderAdmin = (ctx: RequestContext) =>
  ctx.actor.kind === 'system' || (ctx.actor.kind === 'user' && ctx.actor.roles.includes('provider_admin'));

const warningView = (w: LoadWarning) => ({ code: 'load_warning' as const, ...w });

async function requireProviderMember(tx: Repos, orgId: string, userId: string) {
  const m = await tx.memberships.get(userId, orgId);
  if (m?.orgKind !== 'provider') throw new AppError('not_found', 'No such person in this organisation.', { reason: 'member_not_found' });
}

interface Plan {
  orgId: string;
  userId: string;
  engagementId: string;
  weeks: AllocationRequest['weeks'];
  overrideReason?: string | undefined;
}

/**
 * What a plan does to a person's load and, when saving, the plan itself: refused when it takes a
 * week past the person's available hours (unless a manager gives a reason) or crosses a legal
 * maximum of overtime (unless the provider admin gives one). Used by the allocation routes and by
 * adding someone to a team with planned hours (core/engagements/service.ts). `award` staffs the
 * awarded proposal's plan (staffing.ts): nothing is refused, past a legal maximum nothing is saved
 * (`effect.blocked` says so), and a week past capacity is saved — the plan was weighed while bidding.
 */
export async function planAllocations(
  deps: EngagementDeps,
  tx: Repos,
  ctx: RequestContext,
  plan: Plan,
  mode: 'save' | 'preview' | 'award',
): Promise<AllocationView> {
  const { orgId, userId, engagementId } = plan;
  const now = deps.clock.now();
  const today = jstDate(now);
  const thisWeek = weekStartOf(today);
  const issues: Issue[] = [];
  plan.weeks.forEach((w, i) => {
    if (w.week < addDays(thisWeek, -PLAN_REACH_DAYS) || w.week > addDays(thisWeek, PLAN_REACH_DAYS)) {
      issues.push({
        path: ['weeks', i, 'week'],
        code: 'week_out_of_range',
        message: 'Plan within two years of this week.',
        params: { week: w.week },
      });
    }
  });
  const e = await tx.engagements.get(engagementId);
  // A preview also serves a bid (the person is not on any team yet) and a person about to be added.
  const bidding =
    mode === 'preview' &&
    !!e &&
    (await tx.engagements.providers(e.id)).some((p) => p.providerOrgId === orgId && (p.status === 'invited' || p.status === 'proposed'));
  if (!e || (e.awardedProviderOrgId !== orgId && !bidding)) {
    issues.push({ path: ['engagementId'], code: 'not_awarded_to_provider', message: 'Not an engagement of this provider.' });
  } else if (mode === 'save' && !(await tx.engagements.team(e.id)).some((t) => t.userId === userId && t.side === 'provider')) {
    issues.push({
      path: ['engagementId'],
      code: 'not_on_team',
      message: 'This person is not on the engagement’s team.',
      params: { userId },
    });
  }
  if (issues.length > 0) throw invalidInput(issues, 'The plan cannot be saved.');

  // Saving queues behind any other change of the person's capacity (leave, contract, another plan).
  const own =
    mode !== 'preview'
      ? await tx.capacity.personCapacityForUpdate(orgId, userId, now.toISOString())
      : await tx.capacity.personCapacity(orgId, userId);
  const agreementRecord = (await tx.time.agreement(orgId)) ?? defaultAgreementRecord(orgId);
  const agreement = toRule(agreementRecord);
  const sorted = [...plan.weeks].sort((a, b) => a.week.localeCompare(b.week));
  const window = loadWindow(
    sorted[0]?.week.slice(0, 7) ?? today.slice(0, 7),
    addDays(sorted.at(-1)?.week ?? thisWeek, 6).slice(0, 7),
    agreement.yearStartMonth,
  );
  const [leave, existing, logged] = await Promise.all([
    tx.capacity.leave(orgId, { userId, ...window }),
    tx.capacity.allocations(orgId, { userId, fromWeek: weekStartOf(window.from), toWeek: window.to }),
    tx.capacity.dayTotals(orgId, { userId, ...window }),
  ]);
  const cal: Calendar = {
    contractedDailyMinutes: own?.contractedDailyMinutes ?? agreementRecord.contractedDailyMinutes,
    leave,
    agreement,
  };
  const asked = new Map(plan.weeks.map((w) => [w.week, w.minutes]));
  const beforeWeeks = new Map<string, number>();
  const afterWeeks = new Map<string, number>();
  const thisEngagement = new Map<string, number>();
  for (const a of existing) {
    beforeWeeks.set(a.week, (beforeWeeks.get(a.week) ?? 0) + a.minutes);
    if (a.engagementId === engagementId) thisEngagement.set(a.week, a.minutes);
    else afterWeeks.set(a.week, (afterWeeks.get(a.week) ?? 0) + a.minutes);
  }
  for (const [week, minutes] of asked) afterWeeks.set(week, (afterWeeks.get(week) ?? 0) + minutes);
  for (const [week, minutes] of thisEngagement) if (!asked.has(week)) afterWeeks.set(week, (afterWeeks.get(week) ?? 0) + minutes);

  // A week past the person's available hours, where the plan adds to it.
  const overCapacity = sorted.flatMap((w) => {
    const planned = afterWeeks.get(w.week) ?? 0;
    const available = weekAvailability(w.week, cal).availableMinutes;
    return w.minutes > (thisEngagement.get(w.week) ?? 0) && planned > available
      ? [{ week: w.week, plannedMinutes: planned, availableMinutes: available }]
      : [];
  });
  const toList = (m: Map<string, number>) => [...m].map(([week, minutes]) => ({ week, minutes }));
  const effect = loadEffect(
    {
      before: personDays({ ...window, today, logged, planned: toList(beforeWeeks), cal }),
      after: personDays({ ...window, today, logged, planned: toList(afterWeeks), cal }),
    },
    cal.contractedDailyMinutes,
    agreement,
  );
  const blocked = effect.legalBreaches.length > 0;
  const view = (overridden: boolean): AllocationView => ({
    engagementId,
    userId,
    weeks: sorted.map((w) => ({ week: w.week, minutes: w.minutes })),
    effect: { userId, engagementId, warnings: effect.warnings.map(warningView), overCapacity, blocked, overridden },
  });
  if (mode === 'preview' || (mode === 'award' && blocked)) return view(false);

  const refusals: Issue[] = [];
  if (mode === 'save' && !plan.overrideReason) {
    for (const o of overCapacity) {
      refusals.push({
        path: ['weeks', plan.weeks.findIndex((w) => w.week === o.week), 'minutes'],
        code: 'allocation_over_capacity',
        message: `That plans ${hoursText(o.plannedMinutes)} in the week of ${o.week}; ${hoursText(o.availableMinutes)} are available. Give a reason to plan past it.`,
        params: { week: o.week, planned: o.plannedMinutes, available: o.availableMinutes },
      });
    }
  }
  if (mode === 'save' && blocked && !(plan.overrideReason && isProviderAdmin(ctx))) {
    for (const b of effect.legalBreaches) {
      refusals.push({
        path: ['weeks'],
        code: 'load_limit_breach',
        message: `The plan crosses a legal maximum of overtime (${b.rule}, ${b.to}: ${hoursText(b.forecast)} of ${hoursText(b.limit)}). Only the provider admin may override it, with a reason.`,
        params: { rule: b.rule, month: b.to, forecast: b.forecast, limit: b.limit },
      });
    }
  }
  if (refusals.length > 0) throw invalidInput(refusals, 'The plan goes past what this person can take.');

  await tx.capacity.setAllocations(orgId, engagementId, userId, sorted, now.toISOString(), actingUserId(ctx));
  const overridden = overCapacity.length > 0 || blocked;
  await deps.audit(tx, ctx, {
    type: 'capacity.allocation_planned',
    orgId,
    partyOrgId: null,
    resource: { type: 'engagement', id: engagementId },
    data: {
      userId,
      weeks: sorted.length,
      minutes: sorted.reduce((s, w) => s + w.minutes, 0),
      overCapacityWeeks: overCapacity.length,
      legalBreaches: effect.legalBreaches.length,
      overrideReason: overridden ? (plan.overrideReason ?? null) : null,
    },
  });
  return view(overridden);
}

/** The board's rows: per person and week, available, planned and logged hours, the overtime forecast and deadlines. */
function boardRows(args: {
  weeks: readonly string[];
  today: string;
  people: readonly { userId: string; displayName: string }[];
  agreement: OvertimeAgreementRecord;
  overrides: ReadonlyMap<string, PersonCapacityRecord>;
  leave: readonly LeaveRecord[];
  /** Planned minutes per person and week (all engagements). */
  planned: readonly { userId: string; week: string; minutes: number }[];
  /** Minutes open bids' staffing plans name per person and week (tentative: not in the forecast). */
  tentative: readonly { userId: string; week: string; minutes: number }[];
  /** Logged minutes per person and week of the board. */
  loggedWeeks: readonly { userId: string; week: string; minutes: number }[];
  /** Overtime per person and month of the days up to today. */
  pastMonths: readonly (MonthOvertime & { userId: string })[];
  /** Logged minutes per person and day after today. */
  loggedAhead: readonly { userId: string; date: string; minutes: number }[];
  deadlines: readonly {
    userId: string;
    engagementId: string;
    engagementName: string;
    milestoneId: string;
    milestoneTitle: string;
    dueDate: string;
  }[];
  window: { from: string; to: string };
  strain: ReadonlyMap<string, StrainSignal[]>;
}): BoardPersonView[] {
  const rule = toRule(args.agreement);
  const group = groupByUser;
  const leaveOf = group(args.leave);
  const plannedOf = group(args.planned);
  const tentativeOf = group(args.tentative);
  const loggedWeeksOf = group(args.loggedWeeks);
  const pastOf = group(args.pastMonths);
  const aheadOf = group(args.loggedAhead);
  const deadlinesOf = group(args.deadlines);
  const months = new Set(args.weeks.flatMap((w) => [w.slice(0, 7), addDays(w, 6).slice(0, 7)]));

  return args.people.map((p) => {
    const cal: Calendar = {
      contractedDailyMinutes: args.overrides.get(p.userId)?.contractedDailyMinutes ?? args.agreement.contractedDailyMinutes,
      leave: leaveOf.get(p.userId) ?? [],
      agreement: rule,
    };
    const planned = plannedOf.get(p.userId) ?? [];
    const plannedByWeek = new Map(planned.map((x) => [x.week, x.minutes]));
    const tentativeByWeek = new Map((tentativeOf.get(p.userId) ?? []).map((x) => [x.week, x.minutes]));
    const loggedByWeek = new Map((loggedWeeksOf.get(p.userId) ?? []).map((x) => [x.week, x.minutes]));
    const report = boardOvertime({
      ...args.window,
      today: args.today,
      past: pastOf.get(p.userId) ?? [],
      loggedAhead: aheadOf.get(p.userId) ?? [],
      planned,
      cal,
      agreement: rule,
    });
    const findings = report.findings.filter((f) => [...months].some((m) => f.from <= m && m <= f.to));
    const deadlines = deadlinesOf.get(p.userId) ?? [];
    return {
      userId: p.userId,
      displayName: p.displayName,
      contractedDailyMinutes: cal.contractedDailyMinutes,
      strain: args.strain.get(p.userId) ?? [],
      weeks: args.weeks.map((week) => {
        const a = weekAvailability(week, cal);
        const planned = plannedByWeek.get(week) ?? 0;
        const actual = loggedByWeek.get(week) ?? 0;
        const due = deadlines.filter((d) => weekStartOf(d.dueDate) === week).map(({ userId: _, ...d }) => d);
        return {
          week,
          workingDays: a.workingDays,
          leaveDays: a.leaveDays,
          availableMinutes: a.availableMinutes,
          plannedMinutes: planned,
          tentativeMinutes: tentativeByWeek.get(week) ?? 0,
          actualMinutes: actual,
          utilisation: ratio(planned, a.availableMinutes),
          actualUtilisation: ratio(actual, a.availableMinutes),
          overtime: severityIn(findings, monthOfWeek(week)),
          deadlines: due,
          deadlineCluster: due.length >= DEADLINE_CLUSTER,
        };
      }),
      months: report.forecast
        .filter((m) => months.has(m.month))
        .map((m) => ({ month: m.month, overtimeMinutes: m.overtimeMinutes, holidayWorkMinutes: m.holidayWorkMinutes })),
      findings,
    };
  });
}

/** Contracted hours, leave, plans, the capacity board and the load effect of a plan (decision 0011, addendum). */
export function capacityService(deps: EngagementDeps) {
  const { store, clock, random } = deps;
  const audit = (
    tx: Repos,
    ctx: RequestContext,
    orgId: string,
    userId: string,
    type: 'capacity.leave_added' | 'capacity.leave_removed',
    l: LeaveRecord,
  ) =>
    deps.audit(tx, ctx, {
      type,
      orgId,
      partyOrgId: null,
      resource: { type: 'membership', id: `${orgId}:${userId}` },
      data: { userId, leaveId: l.id, from: l.from, to: l.to },
    });

  async function capacityView(tx: Repos, orgId: string, userId: string): Promise<PersonCapacityView> {
    const [own, agreement] = await Promise.all([tx.capacity.personCapacity(orgId, userId), tx.time.agreement(orgId)]);
    const today = jstDate(clock.now());
    const leave = await tx.capacity.leave(orgId, { userId, from: addDays(today, -366), to: '9999-12-31' });
    return {
      orgId,
      userId,
      contractedDailyMinutes: own?.contractedDailyMinutes ?? (agreement ?? defaultAgreementRecord(orgId)).contractedDailyMinutes,
      contractOverrideMinutes: own?.contractedDailyMinutes ?? null,
      leave: leave.map(leaveView),
      version: own?.version ?? 0,
    };
  }

  function boardRange(query: { from?: string | undefined; to?: string | undefined }): string[] {
    const from = query.from ?? weekStartOf(jstDate(clock.now()));
    const to = query.to ?? addDays(from, (DEFAULT_BOARD_WEEKS - 1) * 7);
    if (to < from) throw invalidInput([{ path: ['to'], code: 'range_order', message: 'The last week comes on or after the first.' }]);
    const weeks: string[] = [];
    for (let w = from; w <= to; w = addDays(w, 7)) {
      weeks.push(w);
      if (weeks.length > MAX_PLAN_WEEKS) {
        throw invalidInput([
          { path: ['to'], code: 'too_big', message: `At most ${MAX_PLAN_WEEKS} weeks.`, params: { maximum: MAX_PLAN_WEEKS } },
        ]);
      }
    }
    return weeks;
  }

  async function board(tx: Repos, orgId: string, weeks: string[], userId?: string): Promise<CapacityBoardView> {
    const first = weeks[0] ?? '';
    const last = addDays(weeks.at(-1) ?? first, 6);
    const agreement = (await tx.time.agreement(orgId)) ?? defaultAgreementRecord(orgId);
    const window = loadWindow(first.slice(0, 7), last.slice(0, 7), agreement.yearStartMonth);
    const members = (await tx.memberships.listForOrg(orgId)).filter(
      // The board shows the people who do the work; one person's own row is theirs whatever their role.
      (m) => (userId ? m.userId === userId : m.status !== 'disabled' && m.roles.some((r) => r === 'analyst' || r === 'delivery_manager')),
    );
    const only = userId ? { userId } : {};
    const today = jstDate(clock.now());
    const rule = toRule(agreement);
    // The plan counts for the days after today and for the weeks on the board; earlier weeks are not read.
    const thisWeek = weekStartOf(today);
    const windowWeek = weekStartOf(window.from);
    const plansFrom = [[first, thisWeek].sort()[0] ?? thisWeek, windowWeek].sort()[1] ?? windowWeek;
    const pastTo = [today, window.to].sort()[0] ?? today;
    const aheadFrom = addDays(today, 1);
    const [overrides, leave, planned, tentative, loggedWeeks, pastMonths, loggedAhead, deadlines, strain] = await Promise.all([
      tx.capacity.personCapacities(orgId),
      tx.capacity.leave(orgId, { ...only, ...window }),
      tx.capacity.plannedWeeks(orgId, { ...only, fromWeek: plansFrom, toWeek: window.to }),
      tx.staffing.tentativeWeeks(orgId, { ...only, fromWeek: first, toWeek: weeks.at(-1) ?? first }),
      tx.capacity.weekTotals(orgId, { ...only, from: first, to: last }),
      pastTo >= window.from
        ? tx.capacity.monthlyOvertime(orgId, {
            ...only,
            from: window.from,
            to: pastTo,
            statutoryDayMinutes: STATUTORY_DAY_MINUTES,
            nonWorkingDays: nonWorkingDays({ from: window.from, to: pastTo }, rule),
          })
        : [],
      aheadFrom <= window.to ? tx.capacity.dayTotals(orgId, { ...only, from: aheadFrom, to: window.to }) : [],
      tx.capacity.deadlines(orgId, { ...only, from: first, to: last }),
      strainOf(tx, { orgId, today, agreement: rule, userIds: members.map((m) => m.userId), ...(userId && { only: userId }) }),
    ]);
    return {
      orgId,
      from: first,
      to: weeks.at(-1) ?? first,
      weeks,
      people: boardRows({
        weeks,
        today,
        people: members.map((m) => ({ userId: m.userId, displayName: m.displayName })),
        agreement,
        overrides: new Map(overrides.map((o) => [o.userId, o])),
        leave,
        planned,
        tentative,
        loggedWeeks,
        pastMonths,
        loggedAhead,
        deadlines,
        window,
        strain: strain.signals,
      }),
    };
  }

  return {
    async capacity(ctx: RequestContext, orgId: string, userId: string): Promise<PersonCapacityView> {
      authorize(ctx.actor, 'capacity.read', { type: 'person_time', orgId, userId });
      await requireProviderMember(store.read, orgId, userId);
      return capacityView(store.read, orgId, userId);
    },

    async saveContract(ctx: RequestContext, orgId: string, userId: string, body: unknown): Promise<PersonCapacityView> {
      authorize(ctx.actor, 'capacity.manage', { type: 'person_time', orgId, userId });
      const input = parseOrThrow(personContractRequestSchema, body);
      return store.transaction(async (tx) => {
        await requireProviderMember(tx, orgId, userId);
        const now = clock.now().toISOString();
        const current = await tx.capacity.personCapacityForUpdate(orgId, userId, now);
        requireVersion(current.version, input.version, 'capacity');
        const next = { ...current, contractedDailyMinutes: input.contractedDailyMinutes, version: current.version + 1 };
        await tx.capacity.saveContract(next, now, actingUserId(ctx));
        await deps.audit(tx, ctx, {
          type: 'capacity.contract_saved',
          orgId,
          partyOrgId: null,
          resource: { type: 'membership', id: `${orgId}:${userId}` },
          data: { userId, contractedDailyMinutes: next.contractedDailyMinutes, version: next.version },
        });
        return capacityView(tx, orgId, userId);
      });
    },

    /** Leave that shares a day with the person's other leave is refused (`leave_overlap`). */
    async addLeave(ctx: RequestContext, orgId: string, userId: string, body: unknown): Promise<LeaveView> {
      authorize(ctx.actor, 'leave.manage', { type: 'person_time', orgId, userId });
      const input = parseOrThrow(leaveRequestSchema, body);
      return store.transaction(async (tx) => {
        await requireProviderMember(tx, orgId, userId);
        const now = clock.now().toISOString();
        await tx.capacity.personCapacityForUpdate(orgId, userId, now);
        const clash = await tx.capacity.leave(orgId, { userId, from: input.from, to: input.to });
        if (clash.length > 0) {
          throw invalidInput(
            clash.map((l) => ({
              path: ['from'],
              code: 'leave_overlap',
              message: `Overlaps leave from ${l.from} to ${l.to}.`,
              params: { from: l.from, to: l.to },
            })),
            'The leave overlaps leave already taken.',
          );
        }
        const leave: LeaveRecord = {
          id: random.uuid(),
          orgId,
          userId,
          from: input.from,
          to: input.to,
          note: input.note ?? '',
          createdAt: now,
          createdBy: actingUserId(ctx),
        };
        await tx.capacity.insertLeave(leave);
        await audit(tx, ctx, orgId, userId, 'capacity.leave_added', leave);
        return leaveView(leave);
      });
    },

    async removeLeave(ctx: RequestContext, orgId: string, userId: string, leaveId: string): Promise<void> {
      authorize(ctx.actor, 'leave.manage', { type: 'person_time', orgId, userId });
      await store.transaction(async (tx) => {
        await requireProviderMember(tx, orgId, userId);
        await tx.capacity.personCapacityForUpdate(orgId, userId, clock.now().toISOString());
        const gone = await tx.capacity.deleteLeave(orgId, userId, leaveId);
        if (!gone) throw new AppError('not_found', 'No such leave.', { reason: 'leave_not_found' });
        await audit(tx, ctx, orgId, userId, 'capacity.leave_removed', gone);
      });
    },

    async plan(ctx: RequestContext, orgId: string, userId: string, body: unknown): Promise<AllocationView> {
      authorize(ctx.actor, 'allocation.manage', { type: 'person_time', orgId, userId });
      const input = parseOrThrow(allocationRequestSchema, body);
      return store.transaction(async (tx) => {
        await requireProviderMember(tx, orgId, userId);
        return planAllocations(deps, tx, ctx, { orgId, userId, ...input }, 'save');
      });
    },

    /** What a plan would do, saving nothing (for the UI before the click). */
    async preview(ctx: RequestContext, orgId: string, userId: string, body: unknown): Promise<AllocationView> {
      authorize(ctx.actor, 'allocation.preview', { type: 'person_time', orgId, userId });
      const input = parseOrThrow(allocationRequestSchema, body);
      await requireProviderMember(store.read, orgId, userId);
      return planAllocations(deps, store.read, ctx, { orgId, userId, ...input }, 'preview');
    },

    /** A provider person's strain signals now (the person, the provider's managers: `load.read`; never a client). */
    async strain(ctx: RequestContext, orgId: string, userId: string): Promise<StrainView> {
      authorize(ctx.actor, 'load.read', { type: 'person_time', orgId, userId });
      const tx = store.read;
      await requireProviderMember(tx, orgId, userId);
      const agreement = toRule((await tx.time.agreement(orgId)) ?? defaultAgreementRecord(orgId));
      const { window, signals } = await strainOf(tx, { orgId, today: jstDate(clock.now()), agreement, userIds: [userId], only: userId });
      return { userId, ...window, signals: signals.get(userId) ?? [] };
    },

    async board(
      ctx: RequestContext,
      orgId: string,
      query: { from?: string | undefined; to?: string | undefined },
    ): Promise<CapacityBoardView> {
      authorize(ctx.actor, 'capacity.board', { type: 'organization', orgId });
      return board(store.read, orgId, boardRange(query));
    },

    /** One person's row of the board (the person, the provider's managers). */
    async personBoard(
      ctx: RequestContext,
      orgId: string,
      userId: string,
      query: { from?: string | undefined; to?: string | undefined },
    ): Promise<CapacityBoardView> {
      authorize(ctx.actor, 'capacity.read', { type: 'person_time', orgId, userId });
      await requireProviderMember(store.read, orgId, userId);
      const weeks = boardRange(query);
      return board(store.read, orgId, weeks, userId);
    },
  };
}

export type CapacityService = ReturnType<typeof capacityService>;
