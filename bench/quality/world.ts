// Deliverables, versions and reviews for the engagement bench's world (bench/engagements/world.ts),
// drawn from the engagements and milestones that world wrote: every engagement in progress,
// delivered, accepted or closed gets one to three deliverables on its latest worked milestones,
// each with one to three versions that follow the milestone's own timeline — earlier versions sent
// back for rework (or superseded by a resubmission before anyone decided), the last one accepted
// when its milestone was, still in review when the milestone awaits the client. One to three of
// the client's reviewers score each version against the rubric in force, disagreeing as people
// do (a reviewer's leniency, noise per criterion); the score is the real `scoreReview`, the
// checks report the real `runChecks` over the version's generated content. Deterministic: the
// same seed and the same engagements give the same rows.
import type { Insertable } from 'kysely';
import { type CheckContext, runChecks } from '../../src/core/deliverables/checks/registry.js';
import { builtInRubric } from '../../src/core/reviews/rubrics.js';
import { scoreReview } from '../../src/core/reviews/rules.js';
import type { RubricRecord } from '../../src/core/store.js';
import type { DB } from '../../src/infra/db/schema.js';
import {
  DEFAULT_REQUIRED_SECTIONS,
  type DeliverableContent,
  type GlossaryTerm,
  type ReportSection,
  type ReviewDecision,
} from '../../src/shared/contracts/deliverables.js';
import type { EngagementType } from '../../src/shared/contracts/engagements.js';
import { type OrgSpec, Rng, type WorldIds } from '../engagements/world.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** What the quality world is drawn from: the engagement world as the database holds it. */
export interface QualityInput {
  engagements: {
    id: string;
    client_org_id: string;
    owner_user_id: string;
    status: string;
    type: string;
    awarded_provider_org_id: string | null;
    work_started_at: Date | string | null;
  }[];
  milestones: {
    id: string;
    engagement_id: string;
    position: number;
    title: string;
    deliverables: unknown;
    status: string;
    started_at: Date | string | null;
    submitted_at: Date | string | null;
    accepted_at: Date | string | null;
  }[];
  team: { engagement_id: string; user_id: string; side: string; role: string }[];
}

export interface QualityRows {
  rubrics: Insertable<DB['rubrics']>[];
  engagement_quality: Insertable<DB['engagement_quality']>[];
  /** The second and third reviewers of an engagement join its team. */
  engagement_team: Insertable<DB['engagement_team']>[];
  deliverables: Insertable<DB['deliverables']>[];
  deliverable_versions: Insertable<DB['deliverable_versions']>[];
  deliverable_reviews: Insertable<DB['deliverable_reviews']>[];
}
export const QUALITY_TABLE_ORDER: (keyof QualityRows)[] = [
  'rubrics',
  'engagement_quality',
  'engagement_team',
  'deliverables',
  'deliverable_versions',
  'deliverable_reviews',
];

/** Engagements whose work has produced deliverables. */
export const WITH_DELIVERABLES = ['in_progress', 'delivered', 'accepted', 'closed'];

const GLOSSARY: GlossaryTerm[] = [
  { term: 'データベース', variants: ['データーベース'] },
  { term: 'インタビュー', variants: ['インタヴュー'] },
  { term: 'サーバー', variants: ['サーバ'] },
];
const NOTES = ['初版を提出します。', 'ご指摘の点を反映しました。', '出典と前提を追記しました。', '最終版です。ご確認ください。'];
const REVIEW_COMMENTS = [
  '前提の出典を明記してください。',
  '市場規模の推計方法が妥当か、感応度を示してください。',
  '結論は明快です。',
  '検索式の母集合が狭すぎる可能性があります。',
  '社内で再現できるよう、手順を補ってください。',
  '図表の単位を統一してください。',
];
const DECISION_NOTES: Record<ReviewDecision, string> = {
  accept: '受領します。',
  accept_with_fixes: '軽微な修正を条件に受領します。',
  rework: '前提と出典を見直して再提出してください。',
};

const time = (x: Date | string | null): number | null => (x === null ? null : new Date(x).getTime());
const iso = (ms: number) => new Date(ms).toISOString();

/** A normal deviate (Box–Muller) from the seeded generator. */
const normal = (rng: Rng, sd = 1) => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next()) * sd;

/** A client's own rubric template: the built-in criteria on a 1–7 scale, weights of its own. */
function clientRubric(rng: Rng, orgId: string, type: EngagementType, createdBy: string, at: number): RubricRecord {
  const base = builtInRubric(type);
  const weights = base.criteria.map(() => rng.int(1, 4));
  const sum = weights.reduce((s, w) => s + w, 0);
  return {
    ...base,
    id: rng.uuid(),
    orgId,
    name: `${type} 社内基準`,
    scaleMin: 1,
    scaleMax: 7,
    criteria: base.criteria.map((c, i) => ({ ...c, weight: Math.round(((weights[i] ?? 1) / sum) * 100) / 100 })),
    createdBy,
    createdAt: iso(at),
  };
}

/** A report's content: weaker versions lack sections, cite nothing, write thin methods, stray from the glossary. */
function reportContent(rng: Rng, title: string, quality: number, glossary: boolean): DeliverableContent {
  const refs = Array.from({ length: rng.int(2, 6) }, (_, i) => ({
    id: `ref-${i + 1}`,
    title: `${title} 参考資料 ${i + 1}`,
    documentId: null,
    url: `https://example.com/sources/${rng.int(1000, 9999)}`,
    locator: rng.chance(0.5) ? `p. ${rng.int(1, 120)}` : null,
  }));
  const flawed = (p: number) => rng.chance(Math.min(0.9, Math.max(0.02, p - quality * 0.25)));
  const term = glossary && flawed(0.5) ? 'データーベース' : 'データベース';
  const sections: ReportSection[] = [
    {
      key: 'summary',
      title: 'エグゼクティブ・サマリー',
      role: 'summary',
      body: `${title}の結論を要約する。主要な示唆は三点あり、いずれも公開情報と${term}の分析に基づく。`,
      citations: [],
    },
    {
      key: 'findings',
      title: '主な結果',
      role: 'claims',
      body: `${title}に関する主な結果。市場は年率 ${rng.int(2, 18)} % で成長し、上位 ${rng.int(3, 8)} 社で過半を占める。`.repeat(
        rng.int(2, 6),
      ),
      citations: flawed(0.15) ? [] : refs.slice(0, rng.int(1, refs.length)).map((r) => r.id),
    },
    {
      key: 'method',
      title: '調査方法',
      role: 'methodology',
      body: flawed(0.3)
        ? '公開情報を調べた。'
        : `公開情報、有料${term}、専門家インタビューを組み合わせた。母集合の定義、除外基準、推計の前提と感応度を以下に示す。推計は二つの独立した方法で行い、差が一割を超える項目は原因を調べた。`,
      citations: [],
    },
    ...(flawed(0.2)
      ? []
      : [
          {
            key: 'transfer',
            title: 'ナレッジ・トランスファー',
            role: 'knowledge_transfer' as const,
            body: '検索式、情報源の一覧、前提の登録簿、再計算の手順を添付する。社内で同じ分析を再現するには、付録の手順に従い、前提の登録簿を更新したうえで集計表を再計算すればよい。',
            citations: [],
          },
        ]),
    { key: 'sources', title: '出典', role: 'sources', body: refs.map((r) => r.title).join('\n'), citations: refs.map((r) => r.id) },
  ];
  return { type: 'report', sections, references: refs };
}

export interface QualityStats {
  /** In-review versions per client organisation key: the review queue's size. */
  inReviewByClient: Record<string, number>;
}

/** The quality rows for the engagements of `input`; `now` is the engagement world's "now". */
export function generateQuality(
  ids: WorldIds,
  orgs: readonly OrgSpec[],
  input: QualityInput,
  options: { seed: number; now: Date },
): { rows: QualityRows; stats: QualityStats } {
  const rng = new Rng(options.seed);
  const now = options.now.getTime();
  const rows: QualityRows = {
    rubrics: [],
    engagement_quality: [],
    engagement_team: [],
    deliverables: [],
    deliverable_versions: [],
    deliverable_reviews: [],
  };
  const stats: QualityStats = { inReviewByClient: {} };
  const keyOfOrg = new Map(Object.entries(ids).map(([key, o]) => [o.id, key]));
  const reviewersOf = new Map<string, string[]>();
  const providerSkill = new Map<string, number>();
  for (const org of orgs) {
    const o = ids[org.key];
    if (!o) continue;
    if (org.kind === 'client')
      reviewersOf.set(
        o.id,
        ['reviewer1', 'reviewer2', 'reviewer3'].flatMap((k) => o.people[k] ?? []),
      );
    // How good a provider's work is, on the rubric's 1–5 line: the providers differ.
    else providerSkill.set(o.id, normal(rng, 0.35));
  }
  // How lenient each reviewer is, and how much they vary.
  const leniency = new Map<string, number>();
  for (const list of reviewersOf.values()) for (const r of list) leniency.set(r, normal(rng, 0.35));

  // Every fifth client keeps its own templates (1–7 scale) for two engagement types.
  const rubricsByOrgType = new Map<string, RubricRecord>();
  for (const [i, org] of orgs.filter((o) => o.kind === 'client').entries()) {
    if (i % 5 !== 4) continue;
    const o = ids[org.key];
    if (!o) continue;
    for (const type of ['market_research', 'patent_research'] as const) {
      const r = clientRubric(rng, o.id, type, o.people.admin ?? '', now - 400 * DAY);
      rubricsByOrgType.set(`${o.id}:${type}`, r);
      rows.rubrics.push({
        id: r.id,
        org_id: o.id,
        engagement_type: type,
        version: r.version,
        name: r.name,
        scale_min: r.scaleMin,
        scale_max: r.scaleMax,
        criteria: JSON.stringify(r.criteria),
        created_by: r.createdBy,
        created_at: r.createdAt,
      });
    }
  }

  const milestonesOf = new Map<string, QualityInput['milestones']>();
  for (const m of input.milestones) {
    const list = milestonesOf.get(m.engagement_id) ?? [];
    list.push(m);
    milestonesOf.set(m.engagement_id, list);
  }
  const teamOf = new Map<string, Set<string>>();
  for (const t of input.team) {
    const set = teamOf.get(t.engagement_id) ?? new Set<string>();
    set.add(t.user_id);
    teamOf.set(t.engagement_id, set);
  }

  for (const e of input.engagements) {
    if (!WITH_DELIVERABLES.includes(e.status) || !e.awarded_provider_org_id) continue;
    const type = e.type as EngagementType;
    const clientKey = keyOfOrg.get(e.client_org_id) ?? '?';
    const providerPeople = ids[keyOfOrg.get(e.awarded_provider_org_id) ?? '']?.people ?? {};
    const team = teamOf.get(e.id) ?? new Set<string>();
    const pool = reviewersOf.get(e.client_org_id) ?? [];
    const onTeam = pool.filter((r) => team.has(r));
    const others = pool.filter((r) => !team.has(r));
    const worked = (milestonesOf.get(e.id) ?? [])
      .filter((m) => m.started_at !== null)
      .sort((a, b) => a.position - b.position)
      .filter((m) => m.submitted_at !== null || rng.chance(0.25));
    if (worked.length === 0) continue;

    // Quality settings: saved on a third of the engagements, the defaults (2 reviewers, blind) elsewhere.
    let reviewersWanted = 2;
    let blind = true;
    let glossary = false;
    const workStart = time(e.work_started_at) ?? now - 30 * DAY;
    if (rng.chance(0.33)) {
      reviewersWanted = rng.pick([1, 2, 2, 3]);
      blind = rng.chance(0.8);
      glossary = rng.chance(0.6);
      rows.engagement_quality.push({
        engagement_id: e.id,
        reviewers_per_submission: reviewersWanted,
        blind,
        required_sections: JSON.stringify([...DEFAULT_REQUIRED_SECTIONS]),
        glossary: JSON.stringify(glossary ? GLOSSARY : []),
        version: 1,
        updated_by: e.owner_user_id,
        updated_at: iso(workStart + rng.between(1, 48) * HOUR),
      });
    }
    const checkCtx: CheckContext = {
      requiredSections: DEFAULT_REQUIRED_SECTIONS,
      glossary: glossary ? GLOSSARY : [],
      documents: [],
      model: null,
    };
    const rubric = rubricsByOrgType.get(`${e.client_org_id}:${type}`) ?? builtInRubric(type);
    const engagementSkill = (providerSkill.get(e.awarded_provider_org_id) ?? 0) + normal(rng, 0.3);
    const lead = providerPeople[`lead${rng.int(1, 3)}`] ?? null;
    // The reviewers of this engagement: its team's reviewer first, one or two more of the client's.
    const reviewers = [...onTeam, ...others.slice(0, rng.int(0, 2))].slice(0, 3);
    for (const r of reviewers) {
      if (team.has(r)) continue;
      team.add(r);
      rows.engagement_team.push({ engagement_id: e.id, user_id: r, side: 'client', role: 'reviewer', assigned_at: iso(workStart) });
    }

    // The latest one to three worked milestones carry a deliverable each.
    for (const m of worked.slice(-rng.int(1, 3))) {
      const started = time(m.started_at) ?? workStart;
      const submitted = time(m.submitted_at);
      const accepted = time(m.accepted_at);
      const names = Array.isArray(m.deliverables) ? (m.deliverables as string[]) : [];
      const title = names[0] ?? m.title;
      // Where the deliverable stands: accepted with its milestone; in review while the milestone
      // awaits the client; sent back (rework, no newer version yet) on a milestone still in progress.
      const state: 'accepted' | 'in_review' | 'rework' = accepted !== null ? 'accepted' : submitted !== null ? 'in_review' : 'rework';
      const last = submitted ?? Math.min(now - 2 * DAY, started + rng.between(2, 20) * DAY);
      const n = [1, 2, 3][rng.weighted([55, 30, 15])] ?? 1;
      // The versions, newest first, back from the last receipt; an earlier one was sent back
      // (decided: rework) or, now and then, superseded by a resubmission before anyone decided.
      const versions: { received: number; status: string; decision: ReviewDecision | null; decided: number | null }[] = [];
      let received = last;
      for (let k = n; k >= 1; k--) {
        if (k < n) {
          const superseded = rng.chance(0.15);
          const decided = received - rng.between(12, 96) * HOUR;
          received = superseded ? received - rng.between(1, 5) * DAY : decided - rng.between(2, 72) * HOUR;
          if (received < started + HOUR) break;
          versions.unshift({
            received,
            status: superseded ? 'superseded' : 'rework',
            decision: superseded ? null : 'rework',
            decided: superseded ? null : decided,
          });
        } else if (state === 'accepted') {
          const decided = accepted ?? last + rng.between(2, 100) * HOUR;
          const decision: ReviewDecision = rng.chance(0.7) ? 'accept' : 'accept_with_fixes';
          versions.unshift({ received: last, status: decision === 'accept' ? 'accepted' : 'accepted_with_fixes', decision, decided });
        } else if (state === 'in_review') {
          versions.unshift({ received: last, status: 'in_review', decision: null, decided: null });
        } else {
          versions.unshift({
            received: last,
            status: 'rework',
            decision: 'rework',
            decided: Math.min(now - HOUR, last + rng.between(4, 72) * HOUR),
          });
        }
      }
      const deliverableId = rng.uuid();
      const first = versions[0]?.received ?? last;
      const newest = versions.at(-1);
      const reworkRounds = versions.filter((v) => v.decision === 'rework').length;
      rows.deliverables.push({
        id: deliverableId,
        engagement_id: e.id,
        milestone_id: m.id,
        title,
        type: 'report',
        status: state,
        latest_version: versions.length,
        rework_rounds: reworkRounds,
        escalated_at: reworkRounds > 2 && newest?.decided ? iso(newest.decided) : null,
        created_by: lead,
        created_at: iso(first - rng.between(1, 48) * HOUR),
        updated_at: iso(Math.min(now - HOUR, newest?.decided ?? newest?.received ?? last)),
      });
      for (const [i, v] of versions.entries()) {
        const version = i + 1;
        // The work's latent quality on the 1–5 line: the provider's skill, better with each round;
        // a version sent back was weaker.
        const latent = 3.45 + engagementSkill + 0.3 * i + (v.decision === 'rework' ? -0.75 : 0) + normal(rng, 0.25);
        const content = reportContent(rng, title, latent - 3, glossary);
        const checks = runChecks(content, checkCtx);
        if (v.status === 'in_review') stats.inReviewByClient[clientKey] = (stats.inReviewByClient[clientKey] ?? 0) + 1;
        rows.deliverable_versions.push({
          deliverable_id: deliverableId,
          version,
          engagement_id: e.id,
          status: v.status,
          content: JSON.stringify(content),
          document_ids: JSON.stringify([]),
          note: NOTES[Math.min(version - 1 + (v === newest && state !== 'in_review' ? 1 : 0), NOTES.length - 1)] ?? '',
          checks: JSON.stringify(checks),
          check_status: checks.status,
          check_fails: checks.counts.fail,
          check_warns: checks.counts.warn,
          submitted_by: lead,
          received_at: iso(v.received),
          rubric_id: rubric.id,
          rubric_version: rubric.version,
          reviewers_wanted: reviewersWanted,
          blind,
          decision: v.decision,
          decision_note: v.decision ? DECISION_NOTES[v.decision] : null,
          decided_by: v.decision ? e.owner_user_id : null,
          decided_at: v.decided === null ? null : iso(v.decided),
        });
        // One to three reviews (fewer on a superseded version, none yet on some fresh ones).
        const wanted =
          v.status === 'superseded' ? rng.int(0, 2) : v.status === 'in_review' ? rng.int(rng.chance(0.2) ? 0 : 1, 3) : rng.int(1, 3);
        const until = v.decided ?? now - HOUR;
        for (const reviewer of reviewers.slice(0, wanted)) {
          const bias = leniency.get(reviewer) ?? 0;
          const scores: Record<string, number> = {};
          for (const c of rubric.criteria) {
            const onFive = latent + bias + normal(rng, 0.55);
            const level = rubric.scaleMin + ((onFive - 1) / 4) * (rubric.scaleMax - rubric.scaleMin);
            scores[c.key] = Math.min(rubric.scaleMax, Math.max(rubric.scaleMin, Math.round(level)));
          }
          const scored = scoreReview(rubric, scores);
          if (!scored.ok) throw new Error(`bench scores do not fit the rubric: ${JSON.stringify(scored.issues)}`);
          const pct = scored.score.pct;
          // What the reviewer recommends follows their score, with the disagreement reviewers have at the edges.
          const edge = normal(rng, 8);
          const decision: ReviewDecision = pct + edge >= 68 ? 'accept' : pct + edge >= 48 ? 'accept_with_fixes' : 'rework';
          rows.deliverable_reviews.push({
            id: rng.uuid(),
            deliverable_id: deliverableId,
            version,
            engagement_id: e.id,
            reviewer_id: reviewer,
            rubric_id: rubric.id,
            rubric_version: rubric.version,
            scores: JSON.stringify(scores),
            weighted_score: scored.score.weighted,
            score_pct: pct,
            decision,
            comments: JSON.stringify(
              rng.chance(0.6)
                ? [
                    {
                      id: rng.uuid(),
                      anchor: { kind: 'section', section: rng.pick(['summary', 'findings', 'method']) },
                      body: rng.pick(REVIEW_COMMENTS),
                    },
                  ]
                : [],
            ),
            submitted_at: iso(Math.max(v.received + HOUR, Math.min(until - HOUR, v.received + rng.between(2, 60) * HOUR))),
          });
        }
      }
    }
  }
  return { rows, stats };
}
