import { type Kysely, sql } from 'kysely';
import type { CapacityRepo, LeaveRecord, PersonCapacityRecord } from '../../core/time/capacity-store.js';
import type { DB } from './schema.js';

const iso = (d: Date | string) => new Date(d).toISOString();

const toCapacity = (r: {
  org_id: string;
  user_id: string;
  contracted_daily_minutes: number | null;
  version: number;
}): PersonCapacityRecord => ({
  orgId: r.org_id,
  userId: r.user_id,
  contractedDailyMinutes: r.contracted_daily_minutes,
  version: r.version,
});

const toLeave = (r: {
  id: string;
  org_id: string;
  user_id: string;
  start_date: string;
  end_date: string;
  note: string;
  created_at: Date;
  created_by: string | null;
}): LeaveRecord => ({
  id: r.id,
  orgId: r.org_id,
  userId: r.user_id,
  from: r.start_date,
  to: r.end_date,
  note: r.note,
  createdAt: iso(r.created_at),
  createdBy: r.created_by,
});

/** Contracted hours, leave and planned allocations of provider people (0027_capacity.sql). */
export function createCapacityRepo(db: Kysely<DB>): CapacityRepo {
  const row = (orgId: string, userId: string) =>
    db.selectFrom('person_capacity').selectAll().where('org_id', '=', orgId).where('user_id', '=', userId);

  return {
    async personCapacity(orgId, userId) {
      const r = await row(orgId, userId).executeTakeFirst();
      return r ? toCapacity(r) : null;
    },
    async personCapacities(orgId) {
      return (await db.selectFrom('person_capacity').selectAll().where('org_id', '=', orgId).execute()).map(toCapacity);
    },
    async personCapacityForUpdate(orgId, userId, at) {
      await db
        .insertInto('person_capacity')
        .values({ org_id: orgId, user_id: userId, contracted_daily_minutes: null, version: 0, updated_at: at })
        .onConflict((oc) => oc.columns(['org_id', 'user_id']).doNothing())
        .execute();
      return toCapacity(await row(orgId, userId).forUpdate().executeTakeFirstOrThrow());
    },
    async saveContract(r, at, by) {
      await db
        .updateTable('person_capacity')
        .set({ contracted_daily_minutes: r.contractedDailyMinutes, version: r.version, updated_at: at, updated_by: by })
        .where('org_id', '=', r.orgId)
        .where('user_id', '=', r.userId)
        .execute();
    },
    async leave(orgId, filter) {
      let q = db
        .selectFrom('person_leave')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('start_date', '<=', filter.to)
        .where('end_date', '>=', filter.from);
      if (filter.userId) q = q.where('user_id', '=', filter.userId);
      return (await q.orderBy('user_id').orderBy('start_date').execute()).map(toLeave);
    },
    async insertLeave(r) {
      await db
        .insertInto('person_leave')
        .values({
          id: r.id,
          org_id: r.orgId,
          user_id: r.userId,
          start_date: r.from,
          end_date: r.to,
          note: r.note,
          created_at: r.createdAt,
          created_by: r.createdBy,
        })
        .execute();
    },
    async deleteLeave(orgId, userId, id) {
      const r = await db
        .deleteFrom('person_leave')
        .where('id', '=', id)
        .where('org_id', '=', orgId)
        .where('user_id', '=', userId)
        .returningAll()
        .executeTakeFirst();
      return r ? toLeave(r) : null;
    },
    async allocations(orgId, filter) {
      let q = db
        .selectFrom('allocations')
        .select(['org_id', 'engagement_id', 'user_id', 'week_start', 'minutes'])
        .where('org_id', '=', orgId)
        .where('week_start', '>=', filter.fromWeek)
        .where('week_start', '<=', filter.toWeek);
      if (filter.userId) q = q.where('user_id', '=', filter.userId);
      const rows = await q.orderBy('user_id').orderBy('week_start').orderBy('engagement_id').execute();
      return rows.map((r) => ({
        orgId: r.org_id,
        engagementId: r.engagement_id,
        userId: r.user_id,
        week: r.week_start,
        minutes: r.minutes,
      }));
    },
    async setAllocations(orgId, engagementId, userId, weeks, at, by) {
      const gone = weeks.filter((w) => w.minutes === 0).map((w) => w.week);
      if (gone.length > 0) {
        await db
          .deleteFrom('allocations')
          .where('engagement_id', '=', engagementId)
          .where('user_id', '=', userId)
          .where('week_start', 'in', gone)
          .execute();
      }
      const kept = weeks.filter((w) => w.minutes > 0);
      if (kept.length === 0) return;
      await db
        .insertInto('allocations')
        .values(
          kept.map((w) => ({
            org_id: orgId,
            engagement_id: engagementId,
            user_id: userId,
            week_start: w.week,
            minutes: w.minutes,
            updated_at: at,
            updated_by: by,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['engagement_id', 'user_id', 'week_start']).doUpdateSet({
            minutes: (eb) => eb.ref('excluded.minutes'),
            updated_at: (eb) => eb.ref('excluded.updated_at'),
            updated_by: (eb) => eb.ref('excluded.updated_by'),
          }),
        )
        .execute();
    },
    async dayTotals(orgId, filter) {
      let q = db
        .selectFrom('time_entries')
        .select(['user_id', 'work_date', sql<number>`sum(minutes)::int`.as('minutes')])
        .where('org_id', '=', orgId)
        .where('work_date', '>=', filter.from)
        .where('work_date', '<=', filter.to);
      if (filter.userId) q = q.where('user_id', '=', filter.userId);
      const rows = await q.groupBy(['user_id', 'work_date']).execute();
      return rows.map((r) => ({ userId: r.user_id, date: r.work_date, minutes: r.minutes }));
    },
    async monthlyOvertime(orgId, filter) {
      const person = filter.userId ? sql`AND user_id = ${filter.userId}` : sql``;
      const dates = filter.nonWorkingDays.map((d) => d.date).join(',');
      const kinds = filter.nonWorkingDays.map((d) => d.kind).join(',');
      const { rows } = await sql<{ user_id: string; month: string; overtime: number; holiday_work: number }>`
        WITH days AS (
          SELECT user_id, work_date, sum(minutes)::int AS minutes
          FROM time_entries
          WHERE org_id = ${orgId} AND work_date >= ${filter.from} AND work_date <= ${filter.to} ${person}
          GROUP BY user_id, work_date
        ), kinds AS (
          SELECT day::date AS day, kind
          FROM unnest(string_to_array(${dates}, ','), string_to_array(${kinds}, ',')) AS k(day, kind)
          WHERE day <> ''
        )
        SELECT d.user_id, to_char(d.work_date, 'YYYY-MM') AS month,
          sum(CASE k.kind WHEN 'legal_holiday' THEN 0 WHEN 'day_off' THEN d.minutes
            ELSE greatest(0, d.minutes - ${filter.statutoryDayMinutes}) END)::int AS overtime,
          sum(CASE k.kind WHEN 'legal_holiday' THEN d.minutes ELSE 0 END)::int AS holiday_work
        FROM days d LEFT JOIN kinds k ON k.day = d.work_date
        GROUP BY d.user_id, to_char(d.work_date, 'YYYY-MM')`.execute(db);
      return rows.map((r) => ({ userId: r.user_id, month: r.month, overtimeMinutes: r.overtime, holidayWorkMinutes: r.holiday_work }));
    },
    async weekTotals(orgId, filter) {
      const person = filter.userId ? sql`AND user_id = ${filter.userId}` : sql``;
      const { rows } = await sql<{ user_id: string; week: string; minutes: number }>`
        SELECT user_id, to_char(work_date - (extract(isodow FROM work_date)::int - 1), 'YYYY-MM-DD') AS week, sum(minutes)::int AS minutes
        FROM time_entries
        WHERE org_id = ${orgId} AND work_date >= ${filter.from} AND work_date <= ${filter.to} ${person}
        GROUP BY 1, 2`.execute(db);
      return rows.map((r) => ({ userId: r.user_id, week: r.week, minutes: r.minutes }));
    },
    async plannedWeeks(orgId, filter) {
      let q = db
        .selectFrom('allocations')
        .select(['user_id', 'week_start', sql<number>`sum(minutes)::int`.as('minutes')])
        .where('org_id', '=', orgId)
        .where('week_start', '>=', filter.fromWeek)
        .where('week_start', '<=', filter.toWeek);
      if (filter.userId) q = q.where('user_id', '=', filter.userId);
      const rows = await q.groupBy(['user_id', 'week_start']).execute();
      return rows.map((r) => ({ userId: r.user_id, week: r.week_start, minutes: r.minutes }));
    },
    async deadlines(orgId, filter) {
      let q = db
        .selectFrom('engagement_team as t')
        .innerJoin('engagements as e', 'e.id', 't.engagement_id')
        .innerJoin('milestones as m', 'm.engagement_id', 'e.id')
        .select([
          't.user_id',
          'e.id as engagement_id',
          'e.title',
          'e.code_name',
          'm.id as milestone_id',
          'm.title as milestone_title',
          'm.due_date',
        ])
        .where('t.side', '=', 'provider')
        .where('e.awarded_provider_org_id', '=', orgId)
        .where('e.status', 'not in', ['closed', 'cancelled', 'accepted'])
        .where('m.status', '!=', 'accepted')
        .where('m.due_date', '>=', filter.from)
        .where('m.due_date', '<=', filter.to);
      if (filter.userId) q = q.where('t.user_id', '=', filter.userId);
      const rows = await q.orderBy('m.due_date').orderBy('m.id').execute();
      return rows.map((r) => ({
        userId: r.user_id,
        engagementId: r.engagement_id,
        engagementName: r.code_name ?? r.title,
        milestoneId: r.milestone_id,
        milestoneTitle: r.milestone_title,
        dueDate: r.due_date,
      }));
    },
    async actHours(orgId, filter) {
      let q = db
        .selectFrom('audit_events')
        .select(['actor_user_id', sql<number>`cast(floor(extract(epoch from occurred_at) / 3600) as integer)`.as('hour')])
        .distinct()
        .where('occurred_at', '>=', new Date(filter.from))
        .where('occurred_at', '<', new Date(filter.to));
      q = filter.userId
        ? q.where('actor_user_id', '=', filter.userId)
        : q.where('actor_user_id', 'in', db.selectFrom('memberships').select('user_id').where('org_id', '=', orgId));
      const rows = await q.execute();
      return rows.flatMap((r) => (r.actor_user_id ? [{ userId: r.actor_user_id, hour: Number(r.hour) }] : []));
    },
    async reworkRounds(orgId, filter) {
      let q = db
        .selectFrom('engagement_team as t')
        .innerJoin('engagements as e', 'e.id', 't.engagement_id')
        .innerJoin('deliverable_versions as v', 'v.engagement_id', 'e.id')
        .select(['t.user_id', sql<number>`cast(count(*) as integer)`.as('rounds')])
        .where('t.side', '=', 'provider')
        .where('e.awarded_provider_org_id', '=', orgId)
        .where('v.decision', '=', 'rework')
        .where('v.decided_at', '>=', new Date(filter.from))
        .where('v.decided_at', '<', new Date(filter.to))
        .groupBy('t.user_id');
      if (filter.userId) q = q.where('t.user_id', '=', filter.userId);
      return (await q.execute()).map((r) => ({ userId: r.user_id, rounds: Number(r.rounds) }));
    },
    async activeClients(orgId, filter) {
      let q = db
        .selectFrom('engagement_team as t')
        .innerJoin('engagements as e', 'e.id', 't.engagement_id')
        .select(['t.user_id', sql<number>`cast(count(distinct e.client_org_id) as integer)`.as('clients')])
        .where('t.side', '=', 'provider')
        .where('e.awarded_provider_org_id', '=', orgId)
        .where('e.status', 'in', ['contracted', 'in_progress', 'delivered'])
        .groupBy('t.user_id');
      if (filter.userId) q = q.where('t.user_id', '=', filter.userId);
      return (await q.execute()).map((r) => ({ userId: r.user_id, clients: Number(r.clients) }));
    },
  };
}
