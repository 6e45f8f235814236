import type { ReviewDecision, ReviewView, Rubric, RubricCriterion, RubricInput } from '../../../shared/contracts/deliverables';
import type { Translator } from '../errorText';

/** The levels of a rubric's scale, bottom up: 1, 2, 3, 4, 5. */
export function levelsOf(scale: Rubric['scale']): number[] {
  const out: number[] = [];
  for (let level = scale.min; level <= scale.max; level++) out.push(level);
  return out;
}

/**
 * A review's weighted score on the rubric's scale (Σ weight × level over the weights' sum), as the
 * server works it out (core/reviews/rules.ts); null until every criterion has a level.
 */
export function weightedScore(rubric: Pick<Rubric, 'criteria'>, scores: Readonly<Record<string, number | undefined>>): number | null {
  const weights = rubric.criteria.reduce((sum, c) => sum + c.weight, 0);
  if (weights <= 0) return null;
  let total = 0;
  for (const c of rubric.criteria) {
    const level = scores[c.key];
    if (level === undefined) return null;
    total += c.weight * level;
  }
  return Math.round((total / weights) * 10_000) / 10_000;
}

/** How far the reviewers who show their scores are apart on one criterion: the highest level less the lowest. */
export function spreadOf(levels: readonly (number | null | undefined)[]): number | null {
  const known = levels.filter((l): l is number => typeof l === 'number');
  if (known.length < 2) return null;
  return Math.max(...known) - Math.min(...known);
}

/** A spread of this many levels or more is a disagreement worth a look. */
export const DISAGREEMENT_LEVELS = 2;

/** The decisions the reviewers who show theirs recommend, and whether they differ. */
export function decisionSplit(reviews: readonly Pick<ReviewView, 'decision'>[]): { decisions: ReviewDecision[]; split: boolean } {
  const decisions = reviews.map((r) => r.decision).filter((d): d is ReviewDecision => d !== null);
  return { decisions, split: new Set(decisions).size > 1 };
}

/** A weight (a share of 1) as a percentage with at most one decimal. */
export const weightPercent = (weight: number): number => Math.round(weight * 1000) / 10;

/** A rubric's criterion in the reader's words: kpo's built-in ones from the catalogue by key, a client's own as written. */
export function criterionWords(
  rubric: Pick<Rubric, 'orgId'>,
  criterion: RubricCriterion,
  tr: Translator,
): { title: string; anchors: string[] } {
  const base = `deliverables.criteria.${criterion.key}`;
  if (rubric.orgId !== null || !tr.exists(`${base}.title`)) return { title: criterion.title, anchors: [...criterion.anchors] };
  return {
    title: tr.t(`${base}.title`),
    anchors: criterion.anchors.map((anchor, i) => {
      const key = `${base}.levels.l${i + 1}`;
      return tr.exists(key) ? tr.t(key) : anchor;
    }),
  };
}

/** A rubric's name in the reader's words (kpo's built-in one from the catalogue). */
export const rubricName = (rubric: Pick<Rubric, 'orgId' | 'name'>, tr: Translator): string =>
  rubric.orgId === null ? tr.t('deliverables.rubric.builtInName') : rubric.name;

/** The newest rubric of each engagement type: the organisation's own template, else kpo's. */
export function latestByType(rubrics: readonly Rubric[]): Map<string, Rubric> {
  const out = new Map<string, Rubric>();
  for (const r of rubrics) {
    const seen = out.get(r.engagementType);
    const better = !seen || (seen.orgId === null && r.orgId !== null) || (seen.orgId === r.orgId && r.version > seen.version);
    if (better) out.set(r.engagementType, r);
  }
  return out;
}

// ---------- the rubric template editor ----------

export interface CriterionDraft {
  /** The row's own id, for React. */
  uid: string;
  key: string;
  title: string;
  /** Percent of the whole, as typed; '' while empty. */
  weight: number | '';
  /** One text per level of the scale, bottom up. */
  anchors: string[];
}

export interface RubricDraft {
  name: string;
  engagementType: RubricInput['engagementType'];
  scale: { min: number; max: number };
  criteria: CriterionDraft[];
}

let counter = 0;
export const criterionUid = (): string => `criterion-${++counter}`;

/** A rubric as the editor's draft, in the reader's words (a built-in one is copied as the reader reads it). */
export function rubricDraftOf(rubric: Rubric, tr: Translator): RubricDraft {
  return {
    name: rubricName(rubric, tr),
    engagementType: rubric.engagementType as RubricInput['engagementType'],
    scale: { ...rubric.scale },
    criteria: rubric.criteria.map((c) => {
      const words = criterionWords(rubric, c, tr);
      return { uid: criterionUid(), key: c.key, title: words.title, weight: weightPercent(c.weight), anchors: words.anchors };
    }),
  };
}

/** The weights' total in percent, to one decimal. */
export const percentTotal = (criteria: readonly Pick<CriterionDraft, 'weight'>[]): number =>
  Math.round(criteria.reduce((sum, c) => sum + (c.weight === '' ? 0 : c.weight), 0) * 10) / 10;

/** The anchors resized to the scale: kept where they are, blank for new levels. */
export function resizeAnchors(anchors: readonly string[], levels: number): string[] {
  return Array.from({ length: Math.max(0, levels) }, (_, i) => anchors[i] ?? '');
}

/** What the editor sends: weights back to shares of 1. */
export function rubricInputOf(draft: RubricDraft): RubricInput {
  return {
    name: draft.name.trim(),
    engagementType: draft.engagementType,
    scale: { ...draft.scale },
    criteria: draft.criteria.map((c) => ({
      key: c.key.trim(),
      title: c.title.trim(),
      weight: Math.round((c.weight === '' ? 0 : c.weight) * 100) / 10_000,
      anchors: c.anchors.map((a) => a.trim()),
    })),
  };
}
