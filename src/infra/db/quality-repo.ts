import { type Kysely, type Selectable, sql } from 'kysely';
import type {
  CalibrationRoundRecord,
  CalibrationScoreRecord,
  DeliverableRecord,
  DeliverableReviewRecord,
  DeliverableVersionRecord,
  GoldFiguresRow,
  GoldItemRecord,
  GoldResultRecord,
  QualityFiguresRow,
  QualityRepo,
  QualitySettingsRecord,
  QualityTrendRow,
  ReviewQueueRow,
  RubricRecord,
} from '../../core/store.js';
import type { DB } from './schema.js';

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));
const num = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));

const toRubric = (r: Selectable<DB['rubrics']>): RubricRecord => ({
  id: r.id,
  orgId: r.org_id,
  engagementType: r.engagement_type as RubricRecord['engagementType'],
  version: r.version,
  name: r.name,
  scaleMin: r.scale_min,
  scaleMax: r.scale_max,
  criteria: r.criteria as RubricRecord['criteria'],
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
});

const toDeliverable = (r: Selectable<DB['deliverables']>): DeliverableRecord => ({
  id: r.id,
  engagementId: r.engagement_id,
  milestoneId: r.milestone_id,
  title: r.title,
  type: r.type as DeliverableRecord['type'],
  status: r.status as DeliverableRecord['status'],
  latestVersion: r.latest_version,
  reworkRounds: r.rework_rounds,
  escalatedAt: isoOrNull(r.escalated_at),
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

const toVersion = (r: Selectable<DB['deliverable_versions']>): DeliverableVersionRecord => ({
  deliverableId: r.deliverable_id,
  version: r.version,
  engagementId: r.engagement_id,
  status: r.status as DeliverableVersionRecord['status'],
  content: r.content as DeliverableVersionRecord['content'],
  documentIds: r.document_ids,
  note: r.note,
  checks: r.checks as DeliverableVersionRecord['checks'],
  submittedBy: r.submitted_by,
  receivedAt: iso(r.received_at),
  rubricId: r.rubric_id,
  rubricVersion: r.rubric_version,
  reviewersWanted: r.reviewers_wanted,
  blind: r.blind,
  decision: r.decision as DeliverableVersionRecord['decision'],
  decisionNote: r.decision_note,
  decidedBy: r.decided_by,
  decidedAt: isoOrNull(r.decided_at),
});

const toReview = (r: Selectable<DB['deliverable_reviews']>): DeliverableReviewRecord => ({
  id: r.id,
  deliverableId: r.deliverable_id,
  version: r.version,
  engagementId: r.engagement_id,
  reviewerId: r.reviewer_id,
  rubricId: r.rubric_id,
  rubricVersion: r.rubric_version,
  scores: r.scores,
  weightedScore: Number(r.weighted_score),
  scorePct: Number(r.score_pct),
  decision: r.decision as DeliverableReviewRecord['decision'],
  comments: r.comments as DeliverableReviewRecord['comments'],
  submittedAt: iso(r.submitted_at),
});

const versionRow = (v: DeliverableVersionRecord) => ({
  deliverable_id: v.deliverableId,
  version: v.version,
  engagement_id: v.engagementId,
  status: v.status,
  content: JSON.stringify(v.content),
  document_ids: JSON.stringify(v.documentIds),
  note: v.note,
  checks: JSON.stringify(v.checks),
  check_status: v.checks.status,
  check_fails: v.checks.counts.fail,
  check_warns: v.checks.counts.warn,
  submitted_by: v.submittedBy,
  received_at: v.receivedAt,
  rubric_id: v.rubricId,
  rubric_version: v.rubricVersion,
  reviewers_wanted: v.reviewersWanted,
  blind: v.blind,
  decision: v.decision,
  decision_note: v.decisionNote,
  decided_by: v.decidedBy,
  decided_at: v.decidedAt,
});

const toRound = (r: Selectable<DB['calibration_rounds']>): CalibrationRoundRecord => ({
  id: r.id,
  orgId: r.org_id,
  title: r.title,
  engagementId: r.engagement_id,
  deliverableId: r.deliverable_id,
  version: r.version,
  content: r.content as CalibrationRoundRecord['content'],
  rubricId: r.rubric_id,
  rubricVersion: r.rubric_version,
  participants: r.participants,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
});

const toGold = (r: Selectable<DB['gold_items']>): GoldItemRecord => ({
  id: r.id,
  engagementId: r.engagement_id,
  kind: r.kind as GoldItemRecord['kind'],
  label: r.label,
  terms: r.terms,
  documentId: r.document_id,
  deliverableId: r.deliverable_id,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  withdrawnAt: isoOrNull(r.withdrawn_at),
});

const goldRow = (g: GoldItemRecord) => ({
  id: g.id,
  engagement_id: g.engagementId,
  kind: g.kind,
  label: g.label,
  terms: JSON.stringify(g.terms),
  document_id: g.documentId,
  deliverable_id: g.deliverableId,
  created_by: g.createdBy,
  created_at: g.createdAt,
  withdrawn_at: g.withdrawnAt,
});

const DECIDED = sql`v.decision IS NOT NULL`;
const ACCEPTED = sql`v.decision IN ('accept', 'accept_with_fixes')`;

/** Deliverables, their versions and reviews, rubric templates, quality settings; the queue and the quality figures in SQL. */
export function createQualityRepo(db: Kysely<DB>): QualityRepo {
  /** Engagements of a scope, as a condition on the alias `e`. */
  const scoped = (scope: { clientOrgId: string } | { providerOrgId: string }) =>
    'clientOrgId' in scope ? sql`e.client_org_id = ${scope.clientOrgId}` : sql`e.awarded_provider_org_id = ${scope.providerOrgId}`;

  return {
    async rubrics(orgId) {
      const rows = await db
        .selectFrom('rubrics')
        .selectAll()
        .where('org_id', '=', orgId)
        .orderBy('engagement_type')
        .orderBy('version', 'desc')
        .execute();
      return rows.map(toRubric);
    },
    async latestRubric(orgId, engagementType, options = {}) {
      let q = db
        .selectFrom('rubrics')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('engagement_type', '=', engagementType)
        .orderBy('version', 'desc')
        .limit(1);
      if (options.forUpdate) q = q.forUpdate();
      const r = await q.executeTakeFirst();
      return r ? toRubric(r) : null;
    },
    async rubric(id) {
      const r = await db.selectFrom('rubrics').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toRubric(r) : null;
    },
    async insertRubric(r) {
      if (r.orgId === null) throw new Error('A built-in rubric is not stored.');
      await db
        .insertInto('rubrics')
        .values({
          id: r.id,
          org_id: r.orgId,
          engagement_type: r.engagementType,
          version: r.version,
          name: r.name,
          scale_min: r.scaleMin,
          scale_max: r.scaleMax,
          criteria: JSON.stringify(r.criteria),
          created_by: r.createdBy,
          created_at: r.createdAt,
        })
        .execute();
    },
    async settings(engagementId) {
      const r = await db.selectFrom('engagement_quality').selectAll().where('engagement_id', '=', engagementId).executeTakeFirst();
      if (!r) return null;
      return {
        engagementId: r.engagement_id,
        reviewersPerSubmission: r.reviewers_per_submission,
        blind: r.blind,
        requiredSections: r.required_sections as QualitySettingsRecord['requiredSections'],
        glossary: r.glossary as QualitySettingsRecord['glossary'],
        version: r.version,
        updatedBy: r.updated_by,
        updatedAt: iso(r.updated_at),
      };
    },
    async saveSettings(s) {
      const values = {
        engagement_id: s.engagementId,
        reviewers_per_submission: s.reviewersPerSubmission,
        blind: s.blind,
        required_sections: JSON.stringify(s.requiredSections),
        glossary: JSON.stringify(s.glossary),
        version: s.version,
        updated_by: s.updatedBy,
        updated_at: s.updatedAt ?? new Date(0).toISOString(),
      };
      await db
        .insertInto('engagement_quality')
        .values(values)
        .onConflict((oc) => oc.column('engagement_id').doUpdateSet(values))
        .execute();
    },
    async deliverables(engagementId) {
      const rows = await db
        .selectFrom('deliverables')
        .selectAll()
        .where('engagement_id', '=', engagementId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toDeliverable);
    },
    async deliverable(id, options = {}) {
      let q = db.selectFrom('deliverables').selectAll().where('id', '=', id);
      if (options.forUpdate) q = q.forUpdate();
      const r = await q.executeTakeFirst();
      return r ? toDeliverable(r) : null;
    },
    async insertDeliverable(d) {
      await db
        .insertInto('deliverables')
        .values({
          id: d.id,
          engagement_id: d.engagementId,
          milestone_id: d.milestoneId,
          title: d.title,
          type: d.type,
          status: d.status,
          latest_version: d.latestVersion,
          rework_rounds: d.reworkRounds,
          escalated_at: d.escalatedAt,
          created_by: d.createdBy,
          created_at: d.createdAt,
          updated_at: d.updatedAt,
        })
        .execute();
    },
    async saveDeliverable(d) {
      await db
        .updateTable('deliverables')
        .set({
          title: d.title,
          status: d.status,
          latest_version: d.latestVersion,
          rework_rounds: d.reworkRounds,
          escalated_at: d.escalatedAt,
          updated_at: d.updatedAt,
        })
        .where('id', '=', d.id)
        .execute();
    },
    async versions(deliverableIds) {
      if (deliverableIds.length === 0) return [];
      const rows = await db
        .selectFrom('deliverable_versions')
        .selectAll()
        .where('deliverable_id', 'in', [...deliverableIds])
        .orderBy('deliverable_id')
        .orderBy('version')
        .execute();
      return rows.map(toVersion);
    },
    async insertVersion(v) {
      await db.insertInto('deliverable_versions').values(versionRow(v)).execute();
    },
    async saveVersion(v) {
      const { deliverable_id, version, ...rest } = versionRow(v);
      await db
        .updateTable('deliverable_versions')
        .set(rest)
        .where('deliverable_id', '=', deliverable_id)
        .where('version', '=', version)
        .execute();
    },
    async reviews(engagementId) {
      const rows = await db
        .selectFrom('deliverable_reviews')
        .selectAll()
        .where('engagement_id', '=', engagementId)
        .orderBy('submitted_at')
        .orderBy('id')
        .execute();
      return rows.map(toReview);
    },
    async insertReview(r) {
      await db
        .insertInto('deliverable_reviews')
        .values({
          id: r.id,
          deliverable_id: r.deliverableId,
          version: r.version,
          engagement_id: r.engagementId,
          reviewer_id: r.reviewerId,
          rubric_id: r.rubricId,
          rubric_version: r.rubricVersion,
          scores: JSON.stringify(r.scores),
          weighted_score: r.weightedScore,
          score_pct: r.scorePct,
          decision: r.decision,
          comments: JSON.stringify(r.comments),
          submitted_at: r.submittedAt,
        })
        .execute();
    },
    async reviewQueue(viewer, limit) {
      const visible = viewer.admin
        ? sql`true`
        : sql`(e.owner_user_id = ${viewer.userId} OR EXISTS (
            SELECT 1 FROM engagement_team t WHERE t.engagement_id = e.id AND t.user_id = ${viewer.userId} AND t.side = 'client'))`;
      const result = await sql<{
        engagement_id: string;
        engagement_title: string;
        code_name: string | null;
        deliverable_id: string;
        deliverable_title: string;
        version: number;
        received_at: Date | string;
        check_status: 'pass' | 'warn' | 'fail';
        reviewers_wanted: number;
        reviews: number;
        reviewed_by_viewer: boolean;
        viewer_decides: boolean;
        decision_split: number;
        score_spread: number | null;
      }>`
        SELECT e.id AS engagement_id, e.title AS engagement_title, e.code_name, d.id AS deliverable_id,
               d.title AS deliverable_title, v.version, v.received_at, v.check_status, v.reviewers_wanted,
               count(r.id)::int AS reviews,
               coalesce(bool_or(r.reviewer_id = ${viewer.userId}), false) AS reviewed_by_viewer,
               (${viewer.admin} OR e.owner_user_id = ${viewer.userId}) AS viewer_decides,
               greatest(count(DISTINCT r.decision)::int - 1, 0) AS decision_split,
               CASE WHEN count(r.id) >= 2 THEN stddev_pop(r.score_pct) END AS score_spread
        FROM deliverable_versions v
        JOIN deliverables d ON d.id = v.deliverable_id
        JOIN engagements e ON e.id = v.engagement_id
        LEFT JOIN deliverable_reviews r ON r.deliverable_id = v.deliverable_id AND r.version = v.version
        WHERE v.status = 'in_review' AND e.client_org_id = ${viewer.orgId} AND ${visible}
        GROUP BY e.id, d.id, v.deliverable_id, v.version
        ORDER BY decision_split DESC, score_spread DESC NULLS LAST, v.received_at, d.id
        LIMIT ${limit}
      `.execute(db);
      return result.rows.map(
        (r): ReviewQueueRow => ({
          engagementId: r.engagement_id,
          engagementTitle: r.engagement_title,
          codeName: r.code_name,
          deliverableId: r.deliverable_id,
          deliverableTitle: r.deliverable_title,
          version: r.version,
          receivedAt: iso(r.received_at),
          checkStatus: r.check_status,
          reviewersWanted: r.reviewers_wanted,
          reviews: r.reviews,
          reviewedByViewer: r.reviewed_by_viewer,
          viewerDecides: r.viewer_decides,
          decisionSplit: r.decision_split,
          scoreSpread: num(r.score_spread),
        }),
      );
    },
    async qualityFigures(scope) {
      const result = await sql<{
        provider_org_id: string;
        versions: number;
        deliverables: number;
        decided: number;
        mean_score_pct: number | null;
        first_pass_accepted: number;
        first_pass_decided: number;
        rework_rounds: number;
        findings: number;
        median_turnaround_hours: number | null;
      }>`
        WITH v AS (
          SELECT v.*, e.awarded_provider_org_id AS provider_org_id
          FROM deliverable_versions v JOIN engagements e ON e.id = v.engagement_id
          WHERE ${scoped(scope)} AND e.awarded_provider_org_id IS NOT NULL
        ), scores AS (
          SELECT e.awarded_provider_org_id AS provider_org_id, avg(r.score_pct) AS mean_score_pct
          FROM deliverable_reviews r JOIN engagements e ON e.id = r.engagement_id
          JOIN deliverable_versions v ON v.deliverable_id = r.deliverable_id AND v.version = r.version
          -- Scores count once their version is decided: until then they are the client's open business.
          WHERE ${scoped(scope)} AND e.awarded_provider_org_id IS NOT NULL AND ${DECIDED}
          GROUP BY e.awarded_provider_org_id
        ), rework AS (
          SELECT e.awarded_provider_org_id AS provider_org_id, sum(d.rework_rounds)::int AS rework_rounds
          FROM deliverables d JOIN engagements e ON e.id = d.engagement_id
          WHERE ${scoped(scope)} AND e.awarded_provider_org_id IS NOT NULL
          GROUP BY e.awarded_provider_org_id
        )
        SELECT v.provider_org_id,
               count(*)::int AS versions,
               count(DISTINCT v.deliverable_id)::int AS deliverables,
               count(*) FILTER (WHERE ${DECIDED})::int AS decided,
               max(s.mean_score_pct) AS mean_score_pct,
               count(*) FILTER (WHERE v.version = 1 AND ${ACCEPTED})::int AS first_pass_accepted,
               count(*) FILTER (WHERE v.version = 1 AND ${DECIDED})::int AS first_pass_decided,
               coalesce(max(w.rework_rounds), 0)::int AS rework_rounds,
               sum(v.check_fails + v.check_warns)::int AS findings,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM v.decided_at - v.received_at) / 3600)
                 FILTER (WHERE ${DECIDED}) AS median_turnaround_hours
        FROM v
        LEFT JOIN scores s ON s.provider_org_id = v.provider_org_id
        LEFT JOIN rework w ON w.provider_org_id = v.provider_org_id
        GROUP BY v.provider_org_id
      `.execute(db);
      return result.rows.map(
        (r): QualityFiguresRow => ({
          providerOrgId: r.provider_org_id,
          versions: r.versions,
          deliverables: r.deliverables,
          decided: r.decided,
          meanScorePct: num(r.mean_score_pct),
          firstPassAccepted: r.first_pass_accepted,
          firstPassDecided: r.first_pass_decided,
          reworkRounds: r.rework_rounds,
          findings: r.findings,
          medianTurnaroundHours: num(r.median_turnaround_hours),
        }),
      );
    },
    async qualityTrend(scope) {
      // By the month (JST) each version was received.
      const result = await sql<{
        provider_org_id: string;
        month: string;
        mean_score_pct: number | null;
        first_pass_accepted: number;
        first_pass_decided: number;
      }>`
        WITH v AS (
          SELECT v.deliverable_id, v.version, v.decision,
                 to_char(v.received_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month,
                 e.awarded_provider_org_id AS provider_org_id
          FROM deliverable_versions v JOIN engagements e ON e.id = v.engagement_id
          WHERE ${scoped(scope)} AND e.awarded_provider_org_id IS NOT NULL
        )
        SELECT v.provider_org_id, v.month,
               avg(r.score_pct) FILTER (WHERE ${DECIDED}) AS mean_score_pct,
               count(DISTINCT v.deliverable_id) FILTER (WHERE v.version = 1 AND ${ACCEPTED})::int AS first_pass_accepted,
               count(DISTINCT v.deliverable_id) FILTER (WHERE v.version = 1 AND ${DECIDED})::int AS first_pass_decided
        FROM v
        LEFT JOIN deliverable_reviews r ON r.deliverable_id = v.deliverable_id AND r.version = v.version
        GROUP BY v.provider_org_id, v.month
        ORDER BY v.provider_org_id, v.month
      `.execute(db);
      return result.rows.map(
        (r): QualityTrendRow => ({
          providerOrgId: r.provider_org_id,
          month: r.month,
          meanScorePct: num(r.mean_score_pct),
          firstPassAccepted: r.first_pass_accepted,
          firstPassDecided: r.first_pass_decided,
        }),
      );
    },
    async goldFigures(scope) {
      // A provider's own figures: only engagements that are over, so resubmitting reveals nothing.
      const over = 'providerOrgId' in scope ? sql`AND e.status IN ('accepted', 'closed')` : sql``;
      const result = await sql<{ provider_org_id: string; items: number; caught: number }>`
        WITH latest AS (
          SELECT DISTINCT ON (r.gold_id, r.deliverable_id) r.gold_id, r.engagement_id, r.hit
          FROM gold_results r
          JOIN deliverable_versions v ON v.deliverable_id = r.deliverable_id AND v.version = r.version
          WHERE ${DECIDED}
          ORDER BY r.gold_id, r.deliverable_id, r.version DESC
        ), items AS (
          SELECT l.gold_id, e.awarded_provider_org_id AS provider_org_id, bool_or(l.hit) AS caught
          FROM latest l
          JOIN gold_items g ON g.id = l.gold_id
          JOIN engagements e ON e.id = l.engagement_id
          WHERE ${scoped(scope)} AND e.awarded_provider_org_id IS NOT NULL AND g.withdrawn_at IS NULL ${over}
          GROUP BY l.gold_id, e.awarded_provider_org_id
        )
        SELECT provider_org_id, count(*)::int AS items, count(*) FILTER (WHERE caught)::int AS caught
        FROM items GROUP BY provider_org_id
      `.execute(db);
      return result.rows.map((r): GoldFiguresRow => ({ providerOrgId: r.provider_org_id, items: r.items, caught: r.caught }));
    },
    async reviewScores(clientOrgId) {
      const rows = await db
        .selectFrom('deliverable_reviews as r')
        .innerJoin('engagements as e', 'e.id', 'r.engagement_id')
        .select(['r.reviewer_id', 'r.deliverable_id', 'r.version', 'r.score_pct'])
        .where('e.client_org_id', '=', clientOrgId)
        .orderBy('r.submitted_at')
        .execute();
      return rows.map((r) => ({
        reviewerId: r.reviewer_id,
        deliverableId: r.deliverable_id,
        version: r.version,
        scorePct: Number(r.score_pct),
      }));
    },
    async calibrationRounds(orgId) {
      const rows = await db
        .selectFrom('calibration_rounds')
        .selectAll()
        .where('org_id', '=', orgId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toRound);
    },
    async calibrationRound(id) {
      const row = await db.selectFrom('calibration_rounds').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRound(row) : null;
    },
    async insertCalibrationRound(r) {
      await db
        .insertInto('calibration_rounds')
        .values({
          id: r.id,
          org_id: r.orgId,
          title: r.title,
          engagement_id: r.engagementId,
          deliverable_id: r.deliverableId,
          version: r.version,
          content: JSON.stringify(r.content),
          rubric_id: r.rubricId,
          rubric_version: r.rubricVersion,
          participants: JSON.stringify(r.participants),
          created_by: r.createdBy,
          created_at: r.createdAt,
        })
        .execute();
    },
    async calibrationScores(roundIds) {
      if (roundIds.length === 0) return [];
      const rows = await db
        .selectFrom('calibration_scores')
        .selectAll()
        .where('round_id', 'in', [...roundIds])
        .orderBy('submitted_at')
        .orderBy('reviewer_id')
        .execute();
      return rows.map(
        (r): CalibrationScoreRecord => ({
          roundId: r.round_id,
          reviewerId: r.reviewer_id,
          scores: r.scores,
          submittedAt: iso(r.submitted_at),
        }),
      );
    },
    async insertCalibrationScore(c) {
      await db
        .insertInto('calibration_scores')
        .values({ round_id: c.roundId, reviewer_id: c.reviewerId, scores: JSON.stringify(c.scores), submitted_at: c.submittedAt })
        .execute();
    },
    async goldItems(engagementId) {
      const rows = await db
        .selectFrom('gold_items')
        .selectAll()
        .where('engagement_id', '=', engagementId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toGold);
    },
    async insertGoldItem(g) {
      await db.insertInto('gold_items').values(goldRow(g)).execute();
    },
    async saveGoldItem(g) {
      const { id, ...rest } = goldRow(g);
      await db.updateTable('gold_items').set(rest).where('id', '=', id).execute();
    },
    async goldResults(engagementId) {
      const rows = await db
        .selectFrom('gold_results')
        .selectAll()
        .where('engagement_id', '=', engagementId)
        .orderBy('deliverable_id')
        .orderBy('version')
        .orderBy('gold_id')
        .execute();
      return rows.map(
        (r): GoldResultRecord => ({
          goldId: r.gold_id,
          deliverableId: r.deliverable_id,
          version: r.version,
          engagementId: r.engagement_id,
          hit: r.hit,
          evaluatedAt: iso(r.evaluated_at),
        }),
      );
    },
    async insertGoldResults(results) {
      if (results.length === 0) return;
      await db
        .insertInto('gold_results')
        .values(
          results.map((r) => ({
            gold_id: r.goldId,
            deliverable_id: r.deliverableId,
            version: r.version,
            engagement_id: r.engagementId,
            hit: r.hit,
            evaluated_at: r.evaluatedAt,
          })),
        )
        .onConflict((oc) => oc.columns(['gold_id', 'deliverable_id', 'version']).doNothing())
        .execute();
    },
  };
}
