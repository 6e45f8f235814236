import { type Kysely, type Selectable, sql } from 'kysely';
import type { OvertimeAgreementRecord, TimeEntryRecord, TimeRepo, TimesheetRecord } from '../../core/time/store.js';
import type { DB } from './schema.js';

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

const toTimesheet = (r: Selectable<DB['timesheets']>): TimesheetRecord => ({
  id: r.id,
  orgId: r.org_id,
  userId: r.user_id,
  weekStart: r.week_start,
  status: r.status,
  version: r.version,
  submittedAt: isoOrNull(r.submitted_at),
  submittedBy: r.submitted_by,
  decidedAt: isoOrNull(r.decided_at),
  decidedBy: r.decided_by,
  returnNote: r.return_note,
});

const toEntry = (r: Selectable<DB['time_entries']>): TimeEntryRecord => ({
  id: r.id,
  timesheetId: r.timesheet_id,
  engagementId: r.engagement_id,
  orgId: r.org_id,
  userId: r.user_id,
  side: r.side,
  date: r.work_date,
  milestoneId: r.milestone_id,
  category: r.category,
  minutes: r.minutes,
  note: r.note,
  correctionReason: r.correction_reason,
  enteredBy: r.entered_by,
  createdAt: iso(r.created_at),
});

/** Time entries, timesheets, overtime agreements and internal rates (0025_time_entries.sql). */
export function createTimeRepo(db: Kysely<DB>): TimeRepo {
  const sheet = (orgId: string, userId: string, weekStart: string) =>
    db.selectFrom('timesheets').selectAll().where('org_id', '=', orgId).where('user_id', '=', userId).where('week_start', '=', weekStart);

  return {
    async timesheet(orgId, userId, weekStart) {
      const r = await sheet(orgId, userId, weekStart).executeTakeFirst();
      return r ? toTimesheet(r) : null;
    },
    async timesheetForUpdate(orgId, userId, weekStart, newId) {
      await db
        .insertInto('timesheets')
        .values({ id: newId, org_id: orgId, user_id: userId, week_start: weekStart, status: 'open', version: 0 })
        .onConflict((oc) => oc.columns(['org_id', 'user_id', 'week_start']).doNothing())
        .execute();
      return toTimesheet(await sheet(orgId, userId, weekStart).forUpdate().executeTakeFirstOrThrow());
    },
    async saveTimesheet(t) {
      await db
        .updateTable('timesheets')
        .set({
          status: t.status,
          version: t.version,
          submitted_at: t.submittedAt,
          submitted_by: t.submittedBy,
          decided_at: t.decidedAt,
          decided_by: t.decidedBy,
          return_note: t.returnNote,
        })
        .where('id', '=', t.id)
        .execute();
    },
    async timesheetsInState(orgId, status) {
      const rows = await db
        .selectFrom('timesheets')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('status', '=', status)
        .orderBy('week_start')
        .orderBy('user_id')
        .execute();
      return rows.map(toTimesheet);
    },
    async weekTotals(timesheetIds) {
      if (timesheetIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('time_entries')
        .select(['timesheet_id', sql<number>`sum(minutes)::int`.as('minutes')])
        .where('timesheet_id', 'in', [...new Set(timesheetIds)])
        .groupBy('timesheet_id')
        .execute();
      return new Map(rows.map((r) => [r.timesheet_id, r.minutes]));
    },
    async insertEntries(entries) {
      if (entries.length === 0) return;
      // In slices: one statement's parameters are limited (65 535 in PostgreSQL's protocol).
      for (let i = 0; i < entries.length; i += 1000) {
        await db
          .insertInto('time_entries')
          .values(
            entries.slice(i, i + 1000).map((e) => ({
              id: e.id,
              timesheet_id: e.timesheetId,
              engagement_id: e.engagementId,
              org_id: e.orgId,
              user_id: e.userId,
              side: e.side,
              work_date: e.date,
              milestone_id: e.milestoneId,
              category: e.category,
              minutes: e.minutes,
              note: e.note,
              correction_reason: e.correctionReason,
              entered_by: e.enteredBy,
              created_at: e.createdAt,
            })),
          )
          .execute();
      }
    },
    async dayTotals(orgId, userId, dates) {
      if (dates.length === 0) return new Map();
      const rows = await db
        .selectFrom('time_entries')
        .select(['work_date', sql<number>`sum(minutes)::int`.as('minutes')])
        .where('org_id', '=', orgId)
        .where('user_id', '=', userId)
        .where('work_date', 'in', [...new Set(dates)])
        .groupBy('work_date')
        .execute();
      return new Map(rows.map((r) => [r.work_date, r.minutes]));
    },
    async personEntries(orgId, userId, from, to) {
      const rows = await db
        .selectFrom('time_entries')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('user_id', '=', userId)
        .where('work_date', '>=', from)
        .where('work_date', '<=', to)
        .orderBy('work_date')
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toEntry);
    },
    async engagementEntries(engagementId, f) {
      let q = db.selectFrom('time_entries').selectAll().where('engagement_id', '=', engagementId);
      if (f.side) q = q.where('side', '=', f.side);
      if (f.userId) q = q.where('user_id', '=', f.userId);
      if (f.from) q = q.where('work_date', '>=', f.from);
      if (f.to) q = q.where('work_date', '<=', f.to);
      const rows = await q.orderBy('work_date').orderBy('created_at').orderBy('id').execute();
      return rows.map(toEntry);
    },
    async sideTotal(engagementId, side) {
      const r = await db
        .selectFrom('time_entries')
        .select(sql<number>`coalesce(sum(minutes), 0)::int`.as('minutes'))
        .where('engagement_id', '=', engagementId)
        .where('side', '=', side)
        .executeTakeFirstOrThrow();
      return r.minutes;
    },
    async awardedEngagements(clientOrgId) {
      const rows = await db
        .selectFrom('engagements as e')
        .innerJoin('organizations as p', 'p.id', 'e.awarded_provider_org_id')
        .select(['e.id', 'p.id as provider_org_id', 'p.name as provider_name'])
        .where('e.client_org_id', '=', clientOrgId)
        .orderBy('e.id')
        .execute();
      return rows.map((r) => ({ engagementId: r.id, providerOrgId: r.provider_org_id, providerName: r.provider_name }));
    },
    async clientMonthMinutes(clientOrgId) {
      const rows = await db
        .selectFrom('time_entries as t')
        .innerJoin('engagements as e', 'e.id', 't.engagement_id')
        .select([
          't.engagement_id',
          't.user_id',
          sql<string>`to_char(t.work_date, 'YYYY-MM')`.as('month'),
          sql<number>`sum(t.minutes)::int`.as('minutes'),
        ])
        .where('e.client_org_id', '=', clientOrgId)
        .where('e.awarded_provider_org_id', 'is not', null)
        .where('t.side', '=', 'client')
        .groupBy(['t.engagement_id', 't.user_id', sql`to_char(t.work_date, 'YYYY-MM')`])
        .execute();
      return rows.map((r) => ({ engagementId: r.engagement_id, userId: r.user_id, month: r.month, minutes: Number(r.minutes) }));
    },
    async dismissedSuggestions(orgId, userId, from, to) {
      const rows = await db
        .selectFrom('time_suggestion_dismissals')
        .select(['work_date', 'engagement_id', 'category'])
        .where('org_id', '=', orgId)
        .where('user_id', '=', userId)
        .where('work_date', '>=', from)
        .where('work_date', '<=', to)
        .execute();
      return new Set(rows.map((r) => `${r.work_date}|${r.engagement_id}|${r.category}`));
    },
    async dismissSuggestion(d) {
      const rows = await db
        .insertInto('time_suggestion_dismissals')
        .values({
          org_id: d.orgId,
          user_id: d.userId,
          engagement_id: d.engagementId,
          work_date: d.date,
          category: d.category,
          dismissed_at: d.at,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('org_id')
        .execute();
      return rows.length > 0;
    },
    async agreement(orgId) {
      const r = await db.selectFrom('overtime_agreements').selectAll().where('org_id', '=', orgId).executeTakeFirst();
      if (!r) return null;
      return {
        orgId: r.org_id,
        contractedDailyMinutes: r.contracted_daily_minutes,
        monthlyLimitMinutes: r.monthly_limit_minutes,
        yearlyLimitMinutes: r.yearly_limit_minutes,
        specialClause: (r.special_clause ?? null) as OvertimeAgreementRecord['specialClause'],
        yearStartMonth: r.year_start_month,
        version: r.version,
      };
    },
    async saveAgreement(a, by, at) {
      const values = {
        contracted_daily_minutes: a.contractedDailyMinutes,
        monthly_limit_minutes: a.monthlyLimitMinutes,
        yearly_limit_minutes: a.yearlyLimitMinutes,
        special_clause: a.specialClause ? JSON.stringify(a.specialClause) : null,
        year_start_month: a.yearStartMonth,
        version: a.version,
        updated_at: at,
        updated_by: by,
      };
      await db
        .insertInto('overtime_agreements')
        .values({ org_id: a.orgId, ...values })
        .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
        .execute();
    },
    async rates(orgId) {
      const [rows, settings] = await Promise.all([
        db.selectFrom('internal_rates').selectAll().where('org_id', '=', orgId).orderBy('role').execute(),
        db.selectFrom('internal_rate_settings').select('version').where('org_id', '=', orgId).executeTakeFirst(),
      ]);
      return { orgId, rates: rows.map((r) => ({ role: r.role, hourlyYen: r.hourly_yen })), version: settings?.version ?? 0 };
    },
    async saveRates(r, by, at) {
      await db
        .insertInto('internal_rate_settings')
        .values({ org_id: r.orgId, version: r.version, updated_at: at, updated_by: by })
        .onConflict((oc) => oc.column('org_id').doUpdateSet({ version: r.version, updated_at: at, updated_by: by }))
        .execute();
      await db.deleteFrom('internal_rates').where('org_id', '=', r.orgId).execute();
      if (r.rates.length > 0) {
        await db
          .insertInto('internal_rates')
          .values(r.rates.map((x) => ({ org_id: r.orgId, role: x.role, hourly_yen: x.hourlyYen })))
          .execute();
      }
    },
  };
}
