import { type Kysely, sql } from 'kysely';
import type { StaffingOutcome, StaffingRecord, StaffingRepo, StaffingRole } from '../../core/time/staffing-store.js';
import type { DB } from './schema.js';

type Weeks = { week: string; minutes: number }[];

/** Proposals' internal staffing plans (0032_proposal_staffing.sql). */
export function createStaffingRepo(db: Kysely<DB>): StaffingRepo {
  return {
    async plan(proposalId) {
      const rows = await db
        .selectFrom('proposal_staffing as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select([
          's.proposal_id',
          's.org_id',
          's.user_id',
          'u.display_name',
          's.role',
          's.weeks',
          's.outcome',
          's.outcome_reason',
          's.warnings',
        ])
        .where('s.proposal_id', '=', proposalId)
        .orderBy('u.display_name')
        .orderBy('s.user_id')
        .execute();
      return rows.map(
        (r): StaffingRecord => ({
          proposalId: r.proposal_id,
          orgId: r.org_id,
          userId: r.user_id,
          displayName: r.display_name,
          role: r.role as StaffingRole,
          weeks: r.weeks as Weeks,
          outcome: r.outcome as StaffingOutcome | null,
          outcomeReason: r.outcome_reason,
          warnings: (r.warnings as unknown[] | null) ?? null,
        }),
      );
    },
    async replace(proposalId, orgId, people) {
      await db.deleteFrom('proposal_staffing').where('proposal_id', '=', proposalId).execute();
      if (people.length === 0) return;
      await db
        .insertInto('proposal_staffing')
        .values(
          people.map((p) => ({
            proposal_id: proposalId,
            org_id: orgId,
            user_id: p.userId,
            role: p.role,
            weeks: JSON.stringify(p.weeks),
            outcome: null,
            outcome_reason: null,
            warnings: null,
          })),
        )
        .execute();
    },
    async drop(proposalIds) {
      if (proposalIds.length === 0) return;
      await db.deleteFrom('proposal_staffing').where('proposal_id', 'in', proposalIds).execute();
    },
    async setOutcome(proposalId, userId, outcome, reason, warnings) {
      await db
        .updateTable('proposal_staffing')
        .set({ outcome, outcome_reason: reason, warnings: JSON.stringify(warnings) })
        .where('proposal_id', '=', proposalId)
        .where('user_id', '=', userId)
        .execute();
    },
    async tentativeWeeks(orgId, filter) {
      const person = filter.userId ? sql`AND s.user_id = ${filter.userId}` : sql``;
      const { rows } = await sql<{ user_id: string; week: string; minutes: number }>`
        SELECT s.user_id, w.week, sum(w.minutes)::int AS minutes
        FROM proposal_staffing s
        JOIN proposals p ON p.id = s.proposal_id
        JOIN engagements e ON e.id = p.engagement_id
        CROSS JOIN LATERAL jsonb_to_recordset(s.weeks) AS w(week text, minutes int)
        WHERE s.org_id = ${orgId} AND p.status IN ('draft', 'submitted') AND e.status IN ('requested', 'proposing')
          AND w.week >= ${filter.fromWeek} AND w.week <= ${filter.toWeek} ${person}
        GROUP BY s.user_id, w.week`.execute(db);
      return rows.map((r) => ({ userId: r.user_id, week: r.week, minutes: r.minutes }));
    },
  };
}
