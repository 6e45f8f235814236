import type { ReviewDecision } from '../../shared/contracts/deliverables.js';
import type { Issue } from '../../shared/errors.js';
import type { DeliverableRecord, DeliverableVersionRecord, RubricRecord } from '../store.js';

/**
 * The rules of reviewing a version, pure: how a review's scores add up, who sees which scores, and
 * what a decision does to the deliverable (rework rounds, escalation past the SOW's maximum).
 */

export interface WeightedScore {
  /** Σ weight × level, on the rubric's scale. */
  weighted: number;
  /** The same on a 0–100 line (0 = the scale's bottom), so rubrics of other scales compare. */
  pct: number;
}

/** Every criterion scored once, on the scale, nothing else; or the problems, each with its path. */
export function scoreReview(
  rubric: RubricRecord,
  scores: Record<string, number>,
): { ok: true; score: WeightedScore } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const keys = new Set(rubric.criteria.map((c) => c.key));
  for (const key of Object.keys(scores)) {
    if (!keys.has(key)) issues.push({ path: ['scores', key], code: 'unknown_criterion', message: 'Not a criterion of this rubric.' });
  }
  for (const c of rubric.criteria) {
    // Own keys only: a criterion may be called "constructor" or "valueOf", which every object inherits.
    const level = Object.hasOwn(scores, c.key) ? scores[c.key] : undefined;
    if (level === undefined) issues.push({ path: ['scores', c.key], code: 'required', message: 'Score every criterion.' });
    else if (!Number.isInteger(level) || level < rubric.scaleMin || level > rubric.scaleMax)
      issues.push({
        path: ['scores', c.key],
        code: 'out_of_scale',
        message: `Give a level from ${rubric.scaleMin} to ${rubric.scaleMax}.`,
        params: { min: rubric.scaleMin, max: rubric.scaleMax },
      });
  }
  if (issues.length > 0) return { ok: false, issues };
  const weightSum = rubric.criteria.reduce((s, c) => s + c.weight, 0);
  const weighted = rubric.criteria.reduce((s, c) => s + c.weight * (scores[c.key] ?? 0), 0) / weightSum;
  const pct = ((weighted - rubric.scaleMin) / (rubric.scaleMax - rubric.scaleMin)) * 100;
  return { ok: true, score: { weighted: round(weighted, 4), pct: round(pct, 2) } };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Who is looking at a version's reviews. */
export interface ReviewViewer {
  side: 'client' | 'provider';
  userId: string;
  /** The engagement's lead on the client side (its owner or a client admin). */
  lead: boolean;
  /** A reviewer on the engagement's team. */
  reviewer: boolean;
}

/**
 * Whether the viewer may see the other reviewers' scores on a version. Blind review: not before
 * their own review is in, unless the version is decided. A lead who is not reviewing sees them as
 * they come (they decide); read-only observers see them once decided. The provider never does.
 */
export function seesScores(
  viewer: ReviewViewer,
  version: Pick<DeliverableVersionRecord, 'blind' | 'decision'>,
  reviewedByViewer: boolean,
): boolean {
  if (viewer.side === 'provider') return false;
  if (version.decision !== null || reviewedByViewer) return true;
  if (!version.blind) return viewer.lead || viewer.reviewer;
  return viewer.lead && !viewer.reviewer;
}

export interface DecisionEffect {
  versionStatus: 'accepted' | 'accepted_with_fixes' | 'rework';
  deliverableStatus: 'accepted' | 'rework';
  reworkRounds: number;
  /** The rework went past the SOW's maximum now: the engagement's owner is told. */
  escalate: boolean;
}

/** What deciding a version does to its deliverable. */
export function decisionEffect(
  d: Pick<DeliverableRecord, 'reworkRounds' | 'escalatedAt'>,
  decision: ReviewDecision,
  maxReworkRounds: number,
): DecisionEffect {
  if (decision !== 'rework') {
    return {
      versionStatus: decision === 'accept' ? 'accepted' : 'accepted_with_fixes',
      deliverableStatus: 'accepted',
      reworkRounds: d.reworkRounds,
      escalate: false,
    };
  }
  const reworkRounds = d.reworkRounds + 1;
  return {
    versionStatus: 'rework',
    deliverableStatus: 'rework',
    reworkRounds,
    escalate: reworkRounds > maxReworkRounds && d.escalatedAt === null,
  };
}
