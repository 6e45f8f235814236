import { type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { type EngagementFacts, factsOf, type InvitationStatus } from '../../core/access/engagement-rules.js';
import { jstDate } from '../../core/engagements/business-days.js';
import type { DerivedState } from '../../core/engagements/control.js';
import type {
  ChangeRequestRecord,
  ConditionRows,
  EngagementHistoryRows,
  EngagementRecord,
  EngagementRepo,
  InvitedProviderRecord,
  MilestoneRecord,
  MilestoneReviewRecord,
  ProposalRecord,
  QuestionMessageRecord,
  QuestionRecord,
  SowVersionRecord,
  StatusUpdateRecord,
  TeamMemberRecord,
} from '../../core/store.js';
import type {
  ChangeSet,
  Classification,
  EngagementStatus,
  EngagementType,
  ProposalInput,
  Rag,
  RiskFlag,
  Side,
  SowContent,
} from '../../shared/contracts/engagements.js';
import { ENGAGEMENT_COUNT_EXACT_UP_TO } from '../../shared/contracts/engagements.js';
import type { KeptEstimates } from './kept-estimates.js';
import { PLAN_EACH_TIME } from './prepared.js';
import type { DB } from './schema.js';

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));
const json = (v: unknown) => JSON.stringify(v);
const SLA_CHECK_NOW = '1970-01-01T00:00:00.000Z';
/** A row as the driver gives it or as JSON carries it (a JSON sub-select gives timestamps as ISO text). */
type RowOrJson<T> = { [K in keyof T]: T[K] extends Date ? Date | string : T[K] extends Date | null ? Date | string | null : T[K] };

const toEngagement = (r: Selectable<DB['engagements']>): EngagementRecord => ({
  id: r.id,
  clientOrgId: r.client_org_id,
  type: r.type as EngagementType,
  title: r.title,
  codeName: r.code_name,
  objectives: r.objectives,
  scope: r.scope,
  expectedDeliverables: r.expected_deliverables,
  classification: r.classification as Classification,
  budget: r.budget_amount === null || r.budget_currency === null ? null : { amount: r.budget_amount, currency: r.budget_currency },
  targetStart: r.target_start,
  targetEnd: r.target_end,
  status: r.status as EngagementStatus,
  heldFrom: r.held_from as EngagementStatus | null,
  awardedProviderOrgId: r.awarded_provider_org_id,
  awardedProposalId: r.awarded_proposal_id,
  ownerUserId: r.owner_user_id,
  workStartedAt: isoOrNull(r.work_started_at),
  workEndedAt: isoOrNull(r.work_ended_at),
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  version: r.version,
  updateReminderFor: isoOrNull(r.update_reminder_for),
  derived: derivedOf(r),
});

type DerivedColumns = Pick<
  Selectable<DB['engagements']>,
  'next_update_due_at' | 'next_answer_due_at' | 'next_review_due_at' | 'next_milestone_due' | 'progress_pct' | 'rag' | 'over_budget'
>;

/** The derived state kept on an engagement row (control.ts derivedState), as the domain reads it. */
const derivedOf = (r: DerivedColumns): DerivedState => ({
  nextUpdateDueAt: isoOrNull(r.next_update_due_at),
  nextAnswerDueAt: isoOrNull(r.next_answer_due_at),
  nextReviewDueAt: isoOrNull(r.next_review_due_at),
  nextMilestoneDue: r.next_milestone_due,
  progressPct: r.progress_pct,
  rag: r.rag as Rag | null,
  overBudget: r.over_budget,
});

function engagementRow(e: EngagementRecord) {
  return {
    client_org_id: e.clientOrgId,
    type: e.type,
    title: e.title,
    code_name: e.codeName,
    objectives: e.objectives,
    scope: e.scope,
    expected_deliverables: json(e.expectedDeliverables),
    classification: e.classification,
    budget_amount: e.budget?.amount ?? null,
    budget_currency: e.budget?.currency ?? null,
    target_start: e.targetStart,
    target_end: e.targetEnd,
    status: e.status,
    held_from: e.heldFrom,
    awarded_provider_org_id: e.awardedProviderOrgId,
    awarded_proposal_id: e.awardedProposalId,
    owner_user_id: e.ownerUserId,
    work_started_at: e.workStartedAt,
    work_ended_at: e.workEndedAt,
    created_by: e.createdBy,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
    version: e.version,
    update_reminder_for: e.updateReminderFor,
  };
}

const toProposal = (r: Selectable<DB['proposals']>): ProposalRecord => ({
  id: r.id,
  engagementId: r.engagement_id,
  providerOrgId: r.provider_org_id,
  status: r.status as ProposalRecord['status'],
  content: r.content as ProposalInput,
  feeEstimate: { amount: r.fee_amount, currency: r.fee_currency },
  submittedAt: isoOrNull(r.submitted_at),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  version: r.version,
});

const toSow = (r: RowOrJson<Selectable<DB['sow_versions']>>): SowVersionRecord => ({
  engagementId: r.engagement_id,
  version: r.version,
  content: r.content as SowContent,
  reason: r.reason as SowVersionRecord['reason'],
  changeRequestId: r.change_request_id,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  clientApprovedBy: r.client_approved_by,
  clientApprovedAt: isoOrNull(r.client_approved_at),
  providerApprovedBy: r.provider_approved_by,
  providerApprovedAt: isoOrNull(r.provider_approved_at),
});

const toMilestone = (r: RowOrJson<Selectable<DB['milestones']>>): MilestoneRecord => ({
  id: r.id,
  engagementId: r.engagement_id,
  key: r.key,
  position: r.position,
  title: r.title,
  baselineDueDate: r.baseline_due_date,
  dueDate: r.due_date,
  weight: r.weight,
  deliverables: r.deliverables,
  status: r.status as MilestoneRecord['status'],
  startedAt: isoOrNull(r.started_at),
  submittedAt: isoOrNull(r.submitted_at),
  acceptedAt: isoOrNull(r.accepted_at),
  reworkRounds: r.rework_rounds,
});

const toReview = (r: RowOrJson<Selectable<DB['milestone_reviews']>>): MilestoneReviewRecord => ({
  id: r.id,
  milestoneId: r.milestone_id,
  engagementId: r.engagement_id,
  kind: r.kind as MilestoneReviewRecord['kind'],
  at: iso(r.at),
  byUserId: r.by_user_id,
  comment: r.comment,
});

const toUpdate = (r: RowOrJson<Selectable<DB['status_updates']>>): StatusUpdateRecord => ({
  id: r.id,
  engagementId: r.engagement_id,
  authorUserId: r.author_user_id,
  postedAt: iso(r.posted_at),
  progressPct: r.progress_pct,
  rag: r.rag as Rag,
  done: r.done,
  next: r.next,
  blockers: r.blockers,
  risks: r.risks,
  hoursSpent: r.hours_spent,
  dueAt: isoOrNull(r.due_at),
});

/** Rows (already in each engagement's order) put into one list per engagement. */
function byEngagement<T extends { engagementId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.engagementId);
    if (list) list.push(r);
    else out.set(r.engagementId, [r]);
  }
  return out;
}

const toQuestion = (r: RowOrJson<Selectable<DB['questions']>>): QuestionRecord => ({
  id: r.id,
  engagementId: r.engagement_id,
  title: r.title,
  body: r.body,
  askedBy: r.asked_by,
  askedBySide: r.asked_by_side as Side,
  assigneeUserId: r.assignee_user_id,
  askedAt: iso(r.asked_at),
  dueAt: iso(r.due_at),
  status: r.status as QuestionRecord['status'],
  answeredAt: isoOrNull(r.answered_at),
  closedAt: isoOrNull(r.closed_at),
});

const toChange = (r: Selectable<DB['change_requests']>): ChangeRequestRecord => ({
  id: r.id,
  engagementId: r.engagement_id,
  summary: r.summary,
  reason: r.reason,
  changes: r.changes as ChangeSet,
  proposedBy: r.proposed_by,
  proposedBySide: r.proposed_by_side as Side,
  proposedAt: iso(r.proposed_at),
  status: r.status as ChangeRequestRecord['status'],
  decidedBy: r.decided_by,
  decidedAt: isoOrNull(r.decided_at),
  comment: r.comment,
  resultingSowVersion: r.resulting_sow_version,
});

/**
 * The risk flags of core/engagements/control.ts `riskFlagsAt`, as SQL conditions over the
 * derived columns, so the list can filter before paging. A test checks both agree.
 */
function riskCondition(flag: RiskFlag, now: Date): Expression<SqlBool> {
  switch (flag) {
    case 'overdue_milestone':
      return sql<SqlBool>`(e.status = 'in_progress' AND e.next_milestone_due < ${jstDate(now)}::date)`;
    case 'missed_update':
      return sql<SqlBool>`(e.status = 'in_progress' AND e.next_update_due_at < ${now})`;
    case 'overdue_answer':
      return sql<SqlBool>`(e.next_answer_due_at < ${now})`;
    case 'overdue_review':
      return sql<SqlBool>`(e.next_review_due_at < ${now})`;
    case 'over_budget':
      return sql<SqlBool>`e.over_budget`;
    case 'on_hold':
      return sql<SqlBool>`(e.status = 'on_hold')`;
  }
}

/** Page sizes whose unfiltered list keeps one generic plan (decision 0020): the web's and the API's usual ones. */
const PAGE_SIZES_PLANNED_ONCE = new Set([10, 20, 25, 50, 100, 200]);

/** The planner's row estimate from `EXPLAIN (FORMAT JSON)`. */
function plannedRows(plan: Record<string, unknown>[]): number {
  const root = (plan[0]?.['QUERY PLAN'] as { Plan?: { 'Plan Rows'?: number } }[] | undefined)?.[0]?.Plan;
  return Math.round(Number(root?.['Plan Rows'] ?? 0));
}

/** What the conditions read (EngagementRepo.conditionRows), as JSON lists: one sub-select each. */
const conditionLists = (eb: ExpressionBuilder<DB, never>, engagementId: string) =>
  [
    jsonArrayFrom(eb.selectFrom('proposals').select('status').where('engagement_id', '=', engagementId)).as('proposals'),
    jsonArrayFrom(
      eb
        .selectFrom('sow_versions')
        .select(['client_approved_at', 'provider_approved_at'])
        .where('engagement_id', '=', engagementId)
        .orderBy('version'),
    ).as('sow'),
    jsonArrayFrom(eb.selectFrom('milestones').select('status').where('engagement_id', '=', engagementId).orderBy('position')).as(
      'milestones',
    ),
  ] as const;

const toConditionRows = (r: {
  proposals: { status: string }[];
  sow: { client_approved_at: Date | string | null; provider_approved_at: Date | string | null }[];
  milestones: { status: string }[];
}): ConditionRows => ({
  proposalStatuses: r.proposals.map((p) => p.status as ProposalRecord['status']),
  sowVersions: r.sow.map((v) => ({
    clientApprovedAt: isoOrNull(v.client_approved_at),
    providerApprovedAt: isoOrNull(v.provider_approved_at),
  })),
  milestoneStatuses: r.milestones.map((m) => m.status as MilestoneRecord['status']),
});

/** The team and the invited providers of the engagement `e`, as JSON lists beside its row: the policy's facts in one read. */
const factsLists = (eb: ExpressionBuilder<DB & { e: DB['engagements'] }, 'e'>) => [
  jsonArrayFrom(eb.selectFrom('engagement_team as t').select(['t.user_id', 't.side']).whereRef('t.engagement_id', '=', 'e.id')).as('team'),
  jsonArrayFrom(
    eb.selectFrom('engagement_providers as p').select(['p.provider_org_id', 'p.status']).whereRef('p.engagement_id', '=', 'e.id'),
  ).as('providers'),
];

/**
 * Each list of an engagement's history as its own read orders it. The single reads (sowVersions,
 * milestones, …), `history` and `withFacts` all read them through these.
 */
const historyReads = {
  sowVersions: (db: Kysely<DB>, id: string) => db.selectFrom('sow_versions').selectAll().where('engagement_id', '=', id).orderBy('version'),
  milestones: (db: Kysely<DB>, id: string) => db.selectFrom('milestones').selectAll().where('engagement_id', '=', id).orderBy('position'),
  reviews: (db: Kysely<DB>, id: string) => db.selectFrom('milestone_reviews').selectAll().where('engagement_id', '=', id).orderBy('at'),
  updates: (db: Kysely<DB>, id: string) =>
    db.selectFrom('status_updates').selectAll().where('engagement_id', '=', id).orderBy('posted_at', 'desc'),
  questions: (db: Kysely<DB>, id: string) =>
    db.selectFrom('questions').selectAll().where('engagement_id', '=', id).orderBy('asked_at', 'desc'),
};

/**
 * The five lists of engagement `id`'s history as JSON sub-selects: one statement instead of five
 * round trips. JSON carries timestamps as ISO text, numbers as numbers and dates as YYYY-MM-DD; the
 * row mappers read those as they read the driver's values.
 */
const historyLists = (db: Kysely<DB>, id: string) => [
  jsonArrayFrom(historyReads.sowVersions(db, id)).as('history_v'),
  jsonArrayFrom(historyReads.milestones(db, id)).as('history_m'),
  jsonArrayFrom(historyReads.reviews(db, id)).as('history_r'),
  jsonArrayFrom(historyReads.updates(db, id)).as('history_u'),
  jsonArrayFrom(historyReads.questions(db, id)).as('history_q'),
];

function historyOfRow(r: {
  history_v: RowOrJson<Selectable<DB['sow_versions']>>[];
  history_m: RowOrJson<Selectable<DB['milestones']>>[];
  history_r: RowOrJson<Selectable<DB['milestone_reviews']>>[];
  history_u: RowOrJson<Selectable<DB['status_updates']>>[];
  history_q: RowOrJson<Selectable<DB['questions']>>[];
}): EngagementHistoryRows {
  return {
    sowVersions: r.history_v.map(toSow),
    milestones: r.history_m.map(toMilestone),
    reviews: r.history_r.map(toReview),
    updates: r.history_u.map(toUpdate),
    questions: r.history_q.map(toQuestion),
  };
}

/** The invited providers with their names, as `providers` lists them (a query, or a JSON sub-select of another). */
const invitedProviders = (db: Kysely<DB>, engagementId: string) =>
  db
    .selectFrom('engagement_providers as ep')
    .innerJoin('organizations as o', 'o.id', 'ep.provider_org_id')
    .select(['ep.provider_org_id', 'o.name', 'ep.status', 'ep.invited_at', 'ep.status_changed_at'])
    .where('ep.engagement_id', '=', engagementId)
    .orderBy('ep.invited_at')
    .orderBy('o.name');

const toInvitedProvider = (r: {
  provider_org_id: string;
  name: string;
  status: string;
  invited_at: Date | string;
  status_changed_at: Date | string;
}): InvitedProviderRecord => ({
  providerOrgId: r.provider_org_id,
  orgName: r.name,
  status: r.status as InvitedProviderRecord['status'],
  invitedAt: iso(r.invited_at),
  statusChangedAt: iso(r.status_changed_at),
});

/** The team with its people's names, as `team` lists it (a query, or a JSON sub-select of another). */
const teamMembers = (db: Kysely<DB>, engagementId: string) =>
  db
    .selectFrom('engagement_team as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.user_id', 'u.display_name', 't.side', 't.role', 't.assigned_at'])
    .where('t.engagement_id', '=', engagementId)
    .orderBy('t.side')
    .orderBy('t.assigned_at');

const toTeamMember = (r: {
  user_id: string;
  display_name: string;
  side: string;
  role: string;
  assigned_at: Date | string;
}): TeamMemberRecord => ({
  userId: r.user_id,
  displayName: r.display_name,
  side: r.side as Side,
  role: r.role as TeamMemberRecord['role'],
  assignedAt: iso(r.assigned_at),
});

function factsOfRow(e: {
  client_org_id: string;
  owner_user_id: string;
  awarded_provider_org_id: string | null;
  type: string;
  status: string;
  held_from: string | null;
  team: { user_id: string; side: string }[];
  providers: { provider_org_id: string; status: string }[];
}): EngagementFacts {
  return factsOf(
    {
      clientOrgId: e.client_org_id,
      ownerUserId: e.owner_user_id,
      awardedProviderOrgId: e.awarded_provider_org_id,
      type: e.type as EngagementType,
      status: e.status as EngagementStatus,
      heldFrom: e.held_from as EngagementStatus | null,
    },
    e.providers.map((p) => ({ providerOrgId: p.provider_org_id, status: p.status as InvitationStatus })),
    e.team.map((t) => ({ userId: t.user_id, side: t.side as Side })),
  );
}

export function createEngagementRepo(db: Kysely<DB>, estimates: KeptEstimates): EngagementRepo {
  const repo: EngagementRepo = {
    async insert(e) {
      await db
        .insertInto('engagements')
        .values({ id: e.id, ...engagementRow(e) })
        .execute();
    },
    async get(id) {
      const r = await db.selectFrom('engagements').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toEngagement(r) : null;
    },
    async getForUpdate(id) {
      const r = await db.selectFrom('engagements').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      return r ? toEngagement(r) : null;
    },
    async save(e) {
      await db.updateTable('engagements').set(engagementRow(e)).where('id', '=', e.id).execute();
    },
    async setDerived(id, d: DerivedState) {
      await db
        .updateTable('engagements')
        .set({
          // Something changed: the SLA watch looks again on its next run.
          sla_check_due_at: SLA_CHECK_NOW,
          next_update_due_at: d.nextUpdateDueAt,
          next_answer_due_at: d.nextAnswerDueAt,
          next_review_due_at: d.nextReviewDueAt,
          next_milestone_due: d.nextMilestoneDue,
          progress_pct: d.progressPct,
          rag: d.rag,
          over_budget: d.overBudget,
        })
        .where('id', '=', id)
        .execute();
    },
    async facts(id) {
      const e = await db
        .selectFrom('engagements as e')
        .select(['e.client_org_id', 'e.owner_user_id', 'e.awarded_provider_org_id', 'e.type', 'e.status', 'e.held_from'])
        .select(factsLists)
        .where('e.id', '=', id)
        .executeTakeFirst();
      return e ? factsOfRow(e) : null;
    },
    async withFacts(id, lock, history = false) {
      // The lock first, on its own: a statement that waited for a lock sees the row as the other
      // transaction committed it, but its subqueries would still read from before the wait (READ
      // COMMITTED re-checks only the locked row). The next statement reads the team and providers
      // (and the history, when asked) as they are once the lock is ours.
      if (lock) await db.selectFrom('engagements').select('id').where('id', '=', id).forUpdate().execute();
      const read = db.selectFrom('engagements as e').selectAll('e').select(factsLists).where('e.id', '=', id);
      if (!history) {
        const r = await read.executeTakeFirst();
        return r ? { engagement: toEngagement(r), facts: factsOfRow(r) } : null;
      }
      const r = await read.select(historyLists(db, id)).executeTakeFirst();
      return r ? { engagement: toEngagement(r), facts: factsOfRow(r), history: historyOfRow(r) } : null;
    },

    /**
     * The engagements the viewer stands on, as core/access/engagement-rules.ts `standingOn` decides
     * (the access test checks that the list and the single engagement agree), read from
     * engagement_visibility (migration 0030): one row per organisation standing on an engagement,
     * with the status it is shown and the time it orders by. A provider's row is one of three: its
     * own work (awarded), an open bid (status as a lone bidder would see it), or a bid that is over
     * (no status, no figures, ordered by when the bid ended — nothing of the engagement's later
     * life). Filters never match on what the row does not show. Pages follow the index
     * (org_id, activity_at DESC, engagement_id): by cursor, or by offset when a page number is asked.
     */
    async list(viewer, query, now) {
      const isProvider = viewer.orgKind === 'provider';
      // Providers see the code name, and search only what they may see.
      const displayName = isProvider ? sql<string>`coalesce(e.code_name, e.title)` : sql<string>`e.title`;
      // The whole list of an organisation (no filter, no team condition) is the same walk of the
      // visibility index for every organisation, but PostgreSQL sees each one's size and planned it
      // on every call (half of its CPU for the list). Its statements hide the organisation from the
      // planner (a sub-select) and write the page size out, so one generic plan is kept (decision 0020).
      // Only for the usual page sizes: each size is statements of its own, and an API client trying
      // every size would fill the connection's prepared statements (decision 0017's cap).
      const oneGenericPlan =
        viewer.seesAllOfOrg &&
        PAGE_SIZES_PLANNED_ONCE.has(query.limit) &&
        !query.status?.length &&
        !query.type?.length &&
        !query.providerOrgId &&
        !query.risk?.length &&
        !query.q;
      const viewersOrg = oneGenericPlan ? sql<string>`(SELECT ${viewer.orgId}::uuid)` : viewer.orgId;
      let q = db
        .selectFrom('engagement_visibility as v')
        .innerJoin('engagements as e', 'e.id', 'v.engagement_id')
        .where('v.org_id', '=', viewersOrg);
      if (!viewer.seesAllOfOrg) {
        const onMyTeams = db.selectFrom('engagement_team').select('engagement_id').where('user_id', '=', viewer.userId);
        q = isProvider
          ? q.where('e.awarded_provider_org_id', '=', viewer.orgId).where('v.engagement_id', 'in', onMyTeams)
          : q.where((eb) => eb.or([eb('e.owner_user_id', '=', viewer.userId), eb('v.engagement_id', 'in', onMyTeams)]));
      }
      if (query.status?.length) q = q.where('v.shown_status', 'in', query.status);
      if (query.type?.length) q = q.where('e.type', 'in', query.type);
      if (query.providerOrgId) q = q.where('e.awarded_provider_org_id', '=', query.providerOrgId).where('v.bid_over', '=', false);
      if (query.risk?.length) {
        const flags = query.risk;
        q = q.where((eb) => eb.or(flags.map((f) => riskCondition(f, now)))).where('v.bid_over', '=', false);
      }
      if (query.q) {
        const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        // The names live in engagement_names with their indexes (migration 0036), so the writes that
        // keep an engagement's figures never rewrite them. Both conditions read the trigram indexes; a
        // client's `code_name OR title` is written as `title OR coalesce(code_name, title)` (the same
        // rows) to use the same two.
        const shownName = sql<string>`coalesce(n.code_name, n.title)`;
        let named = db
          .selectFrom('engagement_names as n')
          .select('n.engagement_id')
          .where(
            isProvider
              ? sql<SqlBool>`${shownName} ILIKE ${pattern}`
              : sql<SqlBool>`(n.title ILIKE ${pattern} OR ${shownName} ILIKE ${pattern})`,
          );
        // One or two characters have no trigram: the pieces of the names searched (0035) find the
        // candidates, the ILIKE decides, and being cheaper it runs first, so a walk of the visible
        // rows computes no pieces of a name that does not match.
        if ([...query.q].length <= 2) {
          const searched = isProvider ? shownName : sql<string>`(n.title || chr(10) || coalesce(n.code_name, ''))`;
          // A character whose lower case is longer (İ → i̇ under ICU) makes lower(q) three pieces
          // long: then every piece of it must be in the name.
          named = named.where(
            sql<SqlBool>`name_grams(${searched}) @> CASE WHEN char_length(lower(${query.q})) <= 2 THEN ARRAY[lower(${query.q})] ELSE name_grams(${query.q}) END`,
          );
        }
        q = q.where('v.engagement_id', 'in', named);
      }
      const matching = q;
      // A text search's best plan depends on how common its text is, and a kept generic plan was
      // made for whichever texts came first: planned on every call (decision 0019).
      const planned = <Q extends { modifyEnd(raw: RawBuilder<unknown>): Q }>(statement: Q): Q =>
        query.q ? statement.modifyEnd(sql.raw(PLAN_EACH_TIME)) : statement;
      // Without a filter on the engagement itself, the visibility rows alone answer how many
      // there are and where page N starts: an index-only walk, no join (decision 0016).
      const needsEngagement = !viewer.seesAllOfOrg || !!query.type?.length || !!query.providerOrgId || !!query.risk?.length || !!query.q;
      const visibleOnly = (org: string | RawBuilder<string>) => {
        const rows = db.selectFrom('engagement_visibility as v').where('v.org_id', '=', org);
        return query.status?.length ? rows.where('v.shown_status', 'in', query.status) : rows;
      };
      const keys = (org = viewersOrg) =>
        (needsEngagement ? matching : visibleOnly(org)).select([
          'v.engagement_id',
          sql<string>`to_char(v.activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('activity_key'),
        ]);
      // Page N by number: find the key of its first row over the keys alone, then read the page
      // from there like a cursor page, so the skipped rows are neither joined nor sorted.
      let from: { activityAt: string; id: string; inclusive: boolean } | null = query.cursor ? { ...query.cursor, inclusive: false } : null;
      let startsPastTheEnd = false;
      if (!from && query.offset > 0) {
        const start = await planned(
          keys().orderBy('v.activity_at', 'desc').orderBy('v.engagement_id').offset(query.offset).limit(1),
        ).executeTakeFirst();
        if (start) from = { activityAt: start.activity_key, id: start.engagement_id, inclusive: true };
        else startsPastTheEnd = true;
      }
      if (from) {
        const at = sql`${from.activityAt}::timestamptz`;
        q = q
          .where(sql<SqlBool>`v.activity_at <= ${at}`)
          .where(
            from.inclusive
              ? sql<SqlBool>`(v.activity_at < ${at} OR v.engagement_id >= ${from.id}::uuid)`
              : sql<SqlBool>`(v.activity_at < ${at} OR v.engagement_id > ${from.id}::uuid)`,
          );
      }
      const cursor = query.cursor;
      const firstPage = !cursor && query.offset === 0;
      // How many match, counted exactly up to the threshold (a bounded walk of the index); past it,
      // the planner's estimate, never below what was counted. A list found past the threshold within
      // the last minute takes the estimate kept then, and is neither counted nor EXPLAINed again.
      const cap = ENGAGEMENT_COUNT_EXACT_UP_TO + 1;
      const counted = () => db.selectFrom(keys().limit(cap).as('m')).select(sql<number>`count(*)::int`.as('n'));
      // The planner's estimate is this organisation's: the organisation in plain sight.
      const estimated = () => keys(viewer.orgId);
      const estimateKey = (() => {
        const { sql: text, parameters } = estimated().compile();
        return `${text}\n${JSON.stringify(parameters)}`;
      })();
      // A risk filter compares with the time of the request: its count is never the same statement twice.
      const keepsEstimate = !query.risk?.length;
      const keptEstimate = keepsEstimate ? estimates.get(estimateKey) : undefined;
      // The page's rows first, then their names and the viewer's invitation joined to those rows only,
      // and the count beside them (an uncorrelated sub-select: run once), all in one statement. As
      // sub-selects per row the names and the invitation cost PostgreSQL more than the page itself
      // (the organisations are a small table, scanned once per row and name).
      const page = q
        .select([
          'e.id',
          displayName.as('display_name'),
          'e.type',
          'e.status',
          'e.held_from',
          'e.client_org_id',
          'e.awarded_provider_org_id',
          'e.target_end',
          'e.next_update_due_at',
          'e.next_answer_due_at',
          'e.next_review_due_at',
          'e.next_milestone_due',
          'e.progress_pct',
          'e.rag',
          'e.over_budget',
          'v.activity_at',
        ])
        .orderBy('v.activity_at', 'desc')
        .orderBy('v.engagement_id')
        .limit(oneGenericPlan ? sql.lit(query.limit + 1) : query.limit + 1);
      const fetched = startsPastTheEnd
        ? []
        : await planned(
            db
              .with('page', () => page)
              .selectFrom('page')
              // Every engagement has its client (a foreign key), so the name is never missing.
              .innerJoin('organizations as c', 'c.id', 'page.client_org_id')
              .leftJoin('organizations as p', 'p.id', 'page.awarded_provider_org_id')
              // A provider's own invitation to bid on the engagement; a client has none.
              .leftJoin('engagement_providers as ep', (join) =>
                join.onRef('ep.engagement_id', '=', 'page.id').on('ep.provider_org_id', '=', isProvider ? viewer.orgId : null),
              )
              .selectAll('page')
              .select([
                'c.name as client_name',
                'p.name as provider_name',
                'ep.status as invitation_status',
                'ep.status_changed_at as invitation_changed_at',
                sql<string>`to_char(page.activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('activity_key'),
                keptEstimate === undefined ? counted().as('counted') : sql<number | null>`null::int`.as('counted'),
              ])
              .orderBy('page.activity_at', 'desc')
              .orderBy('page.id'),
          ).execute();
      const rows = fetched.slice(0, query.limit);
      const last = rows.at(-1);
      const next = fetched.length > query.limit && last ? { activityAt: last.activity_key, id: last.id } : null;
      let total = rows.length;
      let totalIsEstimate = false;
      const counts = !firstPage || next;
      if (counts && keptEstimate !== undefined) {
        total = keptEstimate;
        totalIsEstimate = true;
      } else if (counts) {
        total = fetched[0]?.counted ?? (await planned(counted()).executeTakeFirstOrThrow()).n;
        if (total === cap) {
          total = Math.max(cap, plannedRows(await estimated().explain('json')));
          totalIsEstimate = true;
          if (keepsEstimate) estimates.set(estimateKey, total);
        }
      }
      return {
        total,
        totalIsEstimate,
        next,
        rows: rows.map((r) => ({
          id: r.id,
          displayName: r.display_name,
          type: r.type as EngagementType,
          status: r.status as EngagementStatus,
          heldFrom: r.held_from as EngagementStatus | null,
          invitation:
            r.invitation_status && r.invitation_changed_at
              ? { status: r.invitation_status as InvitationStatus, changedAt: iso(r.invitation_changed_at) }
              : null,
          clientOrgId: r.client_org_id,
          clientName: r.client_name,
          providerOrgId: r.awarded_provider_org_id,
          providerName: r.provider_name,
          targetEnd: r.target_end,
          derived: derivedOf(r),
          updatedAt: iso(r.activity_at),
        })),
      };
    },

    async listDueForSlaCheck(nowIso) {
      const rows = await db
        .selectFrom('engagements')
        .select('id')
        .where('sla_check_due_at', '<=', new Date(nowIso))
        .orderBy('sla_check_due_at')
        .execute();
      return rows.map((r) => r.id);
    },
    async setSlaCheckDueAt(id, at) {
      await db.updateTable('engagements').set({ sla_check_due_at: at }).where('id', '=', id).execute();
    },

    async inviteProvider(engagementId, providerOrgId, at, by) {
      await db
        .insertInto('engagement_providers')
        .values({
          engagement_id: engagementId,
          provider_org_id: providerOrgId,
          status: 'invited',
          invited_at: at,
          invited_by: by,
          status_changed_at: at,
        })
        .onConflict((oc) => oc.columns(['engagement_id', 'provider_org_id']).doNothing())
        .execute();
    },
    async providers(engagementId) {
      return (await invitedProviders(db, engagementId).execute()).map(toInvitedProvider);
    },
    async setProviderStatus(engagementId, providerOrgId, status, at) {
      await db
        .updateTable('engagement_providers')
        .set({ status, status_changed_at: at })
        .where('engagement_id', '=', engagementId)
        .where('provider_org_id', '=', providerOrgId)
        .execute();
    },

    async team(engagementId) {
      return (await teamMembers(db, engagementId).execute()).map(toTeamMember);
    },
    async conditionRows(engagementId) {
      return toConditionRows(await db.selectNoFrom((eb) => conditionLists(eb, engagementId)).executeTakeFirstOrThrow());
    },
    async viewParts(e) {
      const orgName = (id: string) => db.selectFrom('organizations').select('name').where('id', '=', id);
      const r = await db
        .selectNoFrom((eb) => [
          orgName(e.clientOrgId).as('client_name'),
          (e.awardedProviderOrgId ? orgName(e.awardedProviderOrgId) : sql<string | null>`null::text`).as('provider_name'),
          eb.selectFrom('users').select('display_name').where('id', '=', e.ownerUserId).as('owner_name'),
          jsonArrayFrom(invitedProviders(db, e.id)).as('providers'),
          jsonArrayFrom(teamMembers(db, e.id)).as('team'),
          ...conditionLists(eb, e.id),
        ])
        .executeTakeFirstOrThrow();
      return {
        clientName: r.client_name,
        provider: e.awardedProviderOrgId && r.provider_name !== null ? { id: e.awardedProviderOrgId, name: r.provider_name } : null,
        providers: r.providers.map(toInvitedProvider),
        team: r.team.map(toTeamMember),
        ownerName: r.owner_name,
        conditions: toConditionRows(r),
      };
    },
    async assign(engagementId, m) {
      await db
        .insertInto('engagement_team')
        .values({ engagement_id: engagementId, user_id: m.userId, side: m.side, role: m.role, assigned_at: m.assignedAt })
        .onConflict((oc) => oc.columns(['engagement_id', 'user_id']).doUpdateSet({ role: m.role, side: m.side }))
        .execute();
    },
    async unassign(engagementId, userId) {
      await db.deleteFrom('engagement_team').where('engagement_id', '=', engagementId).where('user_id', '=', userId).execute();
    },

    async proposal(engagementId, providerOrgId) {
      const r = await db
        .selectFrom('proposals')
        .selectAll()
        .where('engagement_id', '=', engagementId)
        .where('provider_org_id', '=', providerOrgId)
        .executeTakeFirst();
      return r ? toProposal(r) : null;
    },
    async proposalById(id) {
      const r = await db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toProposal(r) : null;
    },
    async proposals(engagementId) {
      return (
        await db
          .selectFrom('proposals')
          .selectAll()
          .where('engagement_id', '=', engagementId)
          .orderBy('submitted_at')
          .orderBy('id')
          .execute()
      ).map(toProposal);
    },
    async saveProposal(p) {
      const row = {
        engagement_id: p.engagementId,
        provider_org_id: p.providerOrgId,
        status: p.status,
        content: json(p.content),
        fee_amount: p.feeEstimate.amount,
        fee_currency: p.feeEstimate.currency,
        submitted_at: p.submittedAt,
        created_at: p.createdAt,
        updated_at: p.updatedAt,
        version: p.version,
      };
      await db
        .insertInto('proposals')
        .values({ id: p.id, ...row })
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
    },

    async sowVersions(engagementId) {
      return (await historyReads.sowVersions(db, engagementId).execute()).map(toSow);
    },
    async sowVersionsOf(engagementIds) {
      if (engagementIds.length === 0) return [];
      const rows = await db
        .selectFrom('sow_versions')
        .selectAll()
        .where('engagement_id', 'in', [...engagementIds])
        .orderBy('engagement_id')
        .orderBy('version')
        .execute();
      return rows.map(toSow);
    },
    async insertSow(v) {
      await db
        .insertInto('sow_versions')
        .values({
          engagement_id: v.engagementId,
          version: v.version,
          content: json(v.content),
          reason: v.reason,
          change_request_id: v.changeRequestId,
          created_by: v.createdBy,
          created_at: v.createdAt,
          client_approved_by: v.clientApprovedBy,
          client_approved_at: v.clientApprovedAt,
          provider_approved_by: v.providerApprovedBy,
          provider_approved_at: v.providerApprovedAt,
        })
        .execute();
    },
    async saveSowApproval(v) {
      await db
        .updateTable('sow_versions')
        .set({
          client_approved_by: v.clientApprovedBy,
          client_approved_at: v.clientApprovedAt,
          provider_approved_by: v.providerApprovedBy,
          provider_approved_at: v.providerApprovedAt,
        })
        .where('engagement_id', '=', v.engagementId)
        .where('version', '=', v.version)
        .execute();
    },

    async milestones(engagementId) {
      return (await historyReads.milestones(db, engagementId).execute()).map(toMilestone);
    },
    async saveMilestone(m) {
      const row = {
        engagement_id: m.engagementId,
        key: m.key,
        position: m.position,
        title: m.title,
        baseline_due_date: m.baselineDueDate,
        due_date: m.dueDate,
        weight: m.weight,
        deliverables: json(m.deliverables),
        status: m.status,
        started_at: m.startedAt,
        submitted_at: m.submittedAt,
        accepted_at: m.acceptedAt,
        rework_rounds: m.reworkRounds,
      };
      await db
        .insertInto('milestones')
        .values({ id: m.id, ...row })
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
    },
    async deleteMilestone(id) {
      await db.deleteFrom('milestones').where('id', '=', id).execute();
    },
    async reviews(engagementId) {
      return (await historyReads.reviews(db, engagementId).execute()).map(toReview);
    },
    async insertReview(r) {
      await db
        .insertInto('milestone_reviews')
        .values({
          id: r.id,
          milestone_id: r.milestoneId,
          engagement_id: r.engagementId,
          kind: r.kind,
          at: r.at,
          by_user_id: r.byUserId,
          comment: r.comment,
        })
        .execute();
    },

    async updates(engagementId) {
      return (await historyReads.updates(db, engagementId).execute()).map(toUpdate);
    },
    async insertUpdate(u) {
      await db
        .insertInto('status_updates')
        .values({
          id: u.id,
          engagement_id: u.engagementId,
          author_user_id: u.authorUserId,
          posted_at: u.postedAt,
          progress_pct: u.progressPct,
          rag: u.rag,
          done: u.done,
          next: u.next,
          blockers: u.blockers,
          risks: u.risks,
          hours_spent: u.hoursSpent,
          due_at: u.dueAt,
        })
        .execute();
    },

    async questions(engagementId) {
      return (await historyReads.questions(db, engagementId).execute()).map(toQuestion);
    },
    async question(id) {
      const r = await db.selectFrom('questions').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toQuestion(r) : null;
    },
    async saveQuestion(q) {
      const row = {
        engagement_id: q.engagementId,
        title: q.title,
        body: q.body,
        asked_by: q.askedBy,
        asked_by_side: q.askedBySide,
        assignee_user_id: q.assigneeUserId,
        asked_at: q.askedAt,
        due_at: q.dueAt,
        status: q.status,
        answered_at: q.answeredAt,
        closed_at: q.closedAt,
      };
      await db
        .insertInto('questions')
        .values({ id: q.id, ...row })
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
    },
    async messages(questionIds) {
      if (questionIds.length === 0) return [];
      const rows = await db
        .selectFrom('question_messages')
        .selectAll()
        .where('question_id', 'in', [...questionIds])
        .orderBy('at')
        .execute();
      return rows.map(
        (r): QuestionMessageRecord => ({
          id: r.id,
          questionId: r.question_id,
          authorUserId: r.author_user_id,
          side: r.side as Side,
          body: r.body,
          at: iso(r.at),
        }),
      );
    },
    async insertMessage(m) {
      await db
        .insertInto('question_messages')
        .values({ id: m.id, question_id: m.questionId, author_user_id: m.authorUserId, side: m.side, body: m.body, at: m.at })
        .execute();
    },

    async changeRequests(engagementId) {
      return (
        await db
          .selectFrom('change_requests')
          .selectAll()
          .where('engagement_id', '=', engagementId)
          .orderBy('proposed_at', 'desc')
          .execute()
      ).map(toChange);
    },
    async changeRequest(id) {
      const r = await db.selectFrom('change_requests').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toChange(r) : null;
    },
    async saveChangeRequest(c) {
      const row = {
        engagement_id: c.engagementId,
        summary: c.summary,
        reason: c.reason,
        changes: json(c.changes),
        proposed_by: c.proposedBy,
        proposed_by_side: c.proposedBySide,
        proposed_at: c.proposedAt,
        status: c.status,
        decided_by: c.decidedBy,
        decided_at: c.decidedAt,
        comment: c.comment,
        resulting_sow_version: c.resultingSowVersion,
      };
      await db
        .insertInto('change_requests')
        .values({ id: c.id, ...row })
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
    },

    async recordBreaches(engagementId, breaches, at) {
      const fresh = [];
      for (const b of breaches) {
        const inserted = await db
          .insertInto('sla_breaches')
          .values({ engagement_id: engagementId, kind: b.kind, subject_id: b.subjectId, due_at: b.dueAt, side: b.side, detected_at: at })
          .onConflict((oc) => oc.columns(['engagement_id', 'kind', 'subject_id']).doNothing())
          .returning('subject_id')
          .executeTakeFirst();
        if (inserted) fresh.push(b);
      }
      return fresh;
    },
    async breachesToEscalate(engagementId, before) {
      const rows = await db
        .selectFrom('sla_breaches')
        .select(['kind', 'subject_id', 'side'])
        .where('engagement_id', '=', engagementId)
        .where('escalated_at', 'is', null)
        .where('detected_at', '<', new Date(before))
        .execute();
      return rows.map((r) => ({ kind: r.kind, subjectId: r.subject_id, side: r.side as Side }));
    },
    async markEscalated(engagementId, kind, subjectId, at) {
      await db
        .updateTable('sla_breaches')
        .set({ escalated_at: at })
        .where('engagement_id', '=', engagementId)
        .where('kind', '=', kind)
        .where('subject_id', '=', subjectId)
        .execute();
    },
    async history(engagementId) {
      return historyOfRow(await db.selectNoFrom(historyLists(db, engagementId)).executeTakeFirstOrThrow());
    },
    async historyRowsOf(engagementIds) {
      const out = new Map<string, EngagementHistoryRows>();
      if (engagementIds.length === 0) return out;
      const ids = [...engagementIds];
      const [versions, milestones, reviews, updates, questions] = await Promise.all([
        repo.sowVersionsOf(ids),
        db.selectFrom('milestones').selectAll().where('engagement_id', 'in', ids).orderBy('engagement_id').orderBy('position').execute(),
        db.selectFrom('milestone_reviews').selectAll().where('engagement_id', 'in', ids).orderBy('engagement_id').orderBy('at').execute(),
        db
          .selectFrom('status_updates')
          .selectAll()
          .where('engagement_id', 'in', ids)
          .orderBy('engagement_id')
          .orderBy('posted_at', 'desc')
          .execute(),
        db
          .selectFrom('questions')
          .selectAll()
          .where('engagement_id', 'in', ids)
          .orderBy('engagement_id')
          .orderBy('asked_at', 'desc')
          .execute(),
      ]);
      const grouped = {
        sowVersions: byEngagement(versions),
        milestones: byEngagement(milestones.map(toMilestone)),
        reviews: byEngagement(reviews.map(toReview)),
        updates: byEngagement(updates.map(toUpdate)),
        questions: byEngagement(questions.map(toQuestion)),
      };
      for (const id of ids) {
        out.set(id, {
          sowVersions: grouped.sowVersions.get(id) ?? [],
          milestones: grouped.milestones.get(id) ?? [],
          reviews: grouped.reviews.get(id) ?? [],
          updates: grouped.updates.get(id) ?? [],
          questions: grouped.questions.get(id) ?? [],
        });
      }
      return out;
    },
    async awardedInScope(scope, statuses, afterId, limit) {
      if (statuses.length === 0) return [];
      let q = db
        .selectFrom('engagements as e')
        .innerJoin('organizations as p', 'p.id', 'e.awarded_provider_org_id')
        .selectAll('e')
        .select('p.name as provider_name')
        .where('e.status', 'in', [...statuses]);
      q =
        'clientOrgId' in scope
          ? q.where('e.client_org_id', '=', scope.clientOrgId)
          : q.where('e.awarded_provider_org_id', '=', scope.providerOrgId);
      if (afterId) q = q.where('e.id', '>', afterId);
      const rows = await q.orderBy('e.id').limit(limit).execute();
      return rows.map(({ provider_name, ...r }) => ({ engagement: toEngagement(r), providerName: provider_name }));
    },
    async providerMedianAnswerHours(providerOrgId) {
      const r = await sql<{ hours: number | null }>`
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM q.answered_at - q.asked_at) / 3600) AS hours
        FROM questions q JOIN engagements e ON e.id = q.engagement_id
        WHERE e.awarded_provider_org_id = ${providerOrgId} AND q.asked_by_side = 'client' AND q.answered_at IS NOT NULL`.execute(db);
      const hours = r.rows[0]?.hours;
      return hours === null || hours === undefined ? null : Number(hours);
    },
    async providerAnswerStats(providerOrgId) {
      const r = await db
        .selectFrom('provider_answer_stats')
        .select(['median_answer_hours', 'computed_at'])
        .where('provider_org_id', '=', providerOrgId)
        .executeTakeFirst();
      return r ? { hours: r.median_answer_hours === null ? null : Number(r.median_answer_hours), computedAt: iso(r.computed_at) } : null;
    },
    async saveProviderAnswerStats(providerOrgId, hours, computedAt) {
      await db
        .insertInto('provider_answer_stats')
        .values({ provider_org_id: providerOrgId, median_answer_hours: hours, computed_at: computedAt })
        // A slower view that computed earlier never replaces a newer value.
        .onConflict((oc) =>
          oc
            .column('provider_org_id')
            .doUpdateSet({ median_answer_hours: hours, computed_at: computedAt })
            .where(sql<SqlBool>`provider_answer_stats.computed_at < excluded.computed_at`),
        )
        .execute();
    },
  };
  return repo;
}
