import { describe, expect, it } from 'vitest';
import type { RubricCriterion } from '../../shared/contracts/deliverables.js';
import type { RubricRecord } from '../store.js';
import { builtInRubric } from './rubrics.js';
import { decisionEffect, type ReviewViewer, scoreReview, seesScores } from './rules.js';

const crit = (key: string, weight: number, levels = 5): RubricCriterion => ({
  key,
  title: key,
  weight,
  anchors: Array.from({ length: levels }, (_, i) => `level ${i}`),
});

const rubric = (criteria: RubricCriterion[], scaleMin = 1, scaleMax = 5): RubricRecord => ({
  id: 'r',
  orgId: 'org',
  engagementType: 'other',
  version: 1,
  name: 'test',
  scaleMin,
  scaleMax,
  criteria,
  createdBy: null,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const three = rubric([crit('accuracy', 0.5), crit('clarity', 0.3), crit('sourcing', 0.2)]);

describe('scoreReview', () => {
  it('weights each level by its criterion and puts the result on a 0–100 line', () => {
    // 0.5·5 + 0.3·3 + 0.2·1 = 3.6; (3.6 − 1) / 4 = 65 %.
    expect(scoreReview(three, { accuracy: 5, clarity: 3, sourcing: 1 })).toEqual({ ok: true, score: { weighted: 3.6, pct: 65 } });
  });

  it('maps the bottom of the scale to 0 and the top to 100', () => {
    expect(scoreReview(three, { accuracy: 1, clarity: 1, sourcing: 1 })).toEqual({ ok: true, score: { weighted: 1, pct: 0 } });
    expect(scoreReview(three, { accuracy: 5, clarity: 5, sourcing: 5 })).toEqual({ ok: true, score: { weighted: 5, pct: 100 } });
  });

  it('works on a scale that starts at 0', () => {
    const zeroBased = rubric([crit('a', 0.25, 11), crit('b', 0.75, 11)], 0, 10);
    // 0.25·0 + 0.75·10 = 7.5 → 75 %.
    expect(scoreReview(zeroBased, { a: 0, b: 10 })).toEqual({ ok: true, score: { weighted: 7.5, pct: 75 } });
  });

  it('rounds the weighted score to 4 places and the percentage to 2', () => {
    const thirds = rubric([crit('a', 1 / 3), crit('b', 1 / 3), crit('c', 1 / 3)]);
    // (4 + 4 + 3) / 3 = 3.6667; (3.6667 − 1) / 4 = 66.67 %.
    expect(scoreReview(thirds, { a: 4, b: 4, c: 3 })).toEqual({ ok: true, score: { weighted: 3.6667, pct: 66.67 } });
  });

  it('divides by the sum of the weights, so a stored rubric off by rounding still lands on its scale', () => {
    const off = rubric([crit('a', 0.3), crit('b', 0.3), crit('c', 0.3)]);
    expect(scoreReview(off, { a: 5, b: 5, c: 5 })).toEqual({ ok: true, score: { weighted: 5, pct: 100 } });
    expect(scoreReview(off, { a: 2, b: 3, c: 4 })).toEqual({ ok: true, score: { weighted: 3, pct: 50 } });
  });

  it('scores with the built-in rubric', () => {
    const r = builtInRubric('market_research');
    const all4 = Object.fromEntries(r.criteria.map((c) => [c.key, 4]));
    expect(scoreReview(r, all4)).toEqual({ ok: true, score: { weighted: 4, pct: 75 } });
  });

  it('refuses a criterion the rubric does not have', () => {
    const out = scoreReview(three, { accuracy: 3, clarity: 3, sourcing: 3, style: 4 });
    expect(out).toEqual({
      ok: false,
      issues: [{ path: ['scores', 'style'], code: 'unknown_criterion', message: 'Not a criterion of this rubric.' }],
    });
  });

  it('refuses a missing criterion', () => {
    const out = scoreReview(three, { accuracy: 3, sourcing: 3 });
    expect(out).toEqual({ ok: false, issues: [{ path: ['scores', 'clarity'], code: 'required', message: 'Score every criterion.' }] });
  });

  it('refuses a level off the scale or between levels, with the scale in the issue', () => {
    for (const level of [0, 6, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const out = scoreReview(three, { accuracy: level, clarity: 3, sourcing: 3 });
      expect(out, String(level)).toEqual({
        ok: false,
        issues: [{ path: ['scores', 'accuracy'], code: 'out_of_scale', message: 'Give a level from 1 to 5.', params: { min: 1, max: 5 } }],
      });
    }
  });

  it('reports every problem at once: unknown keys first, then criteria in rubric order', () => {
    const out = scoreReview(three, { zzz: 1, clarity: 9, aaa: 2 });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['scores.zzz', 'unknown_criterion'],
      ['scores.aaa', 'unknown_criterion'],
      ['scores.accuracy', 'required'],
      ['scores.clarity', 'out_of_scale'],
      ['scores.sourcing', 'required'],
    ]);
  });

  it('refuses no scores at all', () => {
    const out = scoreReview(three, {});
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.issues.map((i) => i.code)).toEqual(['required', 'required', 'required']);
  });

  it('does not take an inherited property for a score (a criterion called "constructor")', () => {
    const r = rubric([crit('constructor', 0.5), crit('valueof', 0.5)]);
    expect(scoreReview(r, {})).toEqual({
      ok: false,
      issues: [
        { path: ['scores', 'constructor'], code: 'required', message: 'Score every criterion.' },
        { path: ['scores', 'valueof'], code: 'required', message: 'Score every criterion.' },
      ],
    });
    expect(scoreReview(r, { constructor: 5, valueof: 3 })).toEqual({ ok: true, score: { weighted: 4, pct: 75 } });
  });
});

describe('seesScores', () => {
  const viewer = (over: Partial<ReviewViewer> = {}): ReviewViewer => ({
    side: 'client',
    userId: 'u',
    lead: false,
    reviewer: false,
    ...over,
  });
  const blindOpen = { blind: true, decision: null };
  const openOpen = { blind: false, decision: null };
  const decided = (blind: boolean) => ({ blind, decision: 'accept' as const });

  it('never shows the provider the scores, whatever the version', () => {
    const p = viewer({ side: 'provider', lead: true, reviewer: true });
    for (const v of [blindOpen, openOpen, decided(true), decided(false)]) {
      expect(seesScores(p, v, false)).toBe(false);
      expect(seesScores(p, v, true)).toBe(false);
    }
  });

  it('blind: a reviewer sees the others’ scores only once their own review is in', () => {
    const r = viewer({ reviewer: true });
    expect(seesScores(r, blindOpen, false)).toBe(false);
    expect(seesScores(r, blindOpen, true)).toBe(true);
  });

  it('blind: a lead who also reviews is blind like any reviewer until reviewing', () => {
    const lr = viewer({ lead: true, reviewer: true });
    expect(seesScores(lr, blindOpen, false)).toBe(false);
    expect(seesScores(lr, blindOpen, true)).toBe(true);
  });

  it('blind: a lead who does not review sees the scores as they come in', () => {
    expect(seesScores(viewer({ lead: true }), blindOpen, false)).toBe(true);
  });

  it('blind: an observer (neither lead nor reviewer) sees nothing until the version is decided', () => {
    expect(seesScores(viewer(), blindOpen, false)).toBe(false);
    expect(seesScores(viewer(), decided(true), false)).toBe(true);
  });

  it('not blind: reviewers and leads see the scores before reviewing; observers still wait for the decision', () => {
    expect(seesScores(viewer({ reviewer: true }), openOpen, false)).toBe(true);
    expect(seesScores(viewer({ lead: true }), openOpen, false)).toBe(true);
    expect(seesScores(viewer(), openOpen, false)).toBe(false);
    expect(seesScores(viewer(), decided(false), false)).toBe(true);
  });

  it('a decided version shows every client viewer the scores, whatever the decision', () => {
    for (const decision of ['accept', 'accept_with_fixes', 'rework'] as const)
      expect(seesScores(viewer({ reviewer: true }), { blind: true, decision }, false)).toBe(true);
  });
});

describe('decisionEffect', () => {
  const d = (reworkRounds: number, escalatedAt: string | null = null) => ({ reworkRounds, escalatedAt });

  it('accept: the version is accepted, the deliverable too, rounds unchanged, no escalation', () => {
    expect(decisionEffect(d(1), 'accept', 2)).toEqual({
      versionStatus: 'accepted',
      deliverableStatus: 'accepted',
      reworkRounds: 1,
      escalate: false,
    });
  });

  it('accept with fixes: the version says so, the deliverable is accepted', () => {
    expect(decisionEffect(d(0), 'accept_with_fixes', 2)).toEqual({
      versionStatus: 'accepted_with_fixes',
      deliverableStatus: 'accepted',
      reworkRounds: 0,
      escalate: false,
    });
  });

  it('accepting never escalates, even past the maximum', () => {
    expect(decisionEffect(d(5), 'accept', 2).escalate).toBe(false);
    expect(decisionEffect(d(5), 'accept_with_fixes', 0).escalate).toBe(false);
  });

  it('rework counts a round and escalates only when the count goes past the maximum', () => {
    expect(decisionEffect(d(0), 'rework', 2)).toEqual({
      versionStatus: 'rework',
      deliverableStatus: 'rework',
      reworkRounds: 1,
      escalate: false,
    });
    expect(decisionEffect(d(1), 'rework', 2)).toEqual({
      versionStatus: 'rework',
      deliverableStatus: 'rework',
      reworkRounds: 2,
      escalate: false,
    });
    expect(decisionEffect(d(2), 'rework', 2)).toEqual({
      versionStatus: 'rework',
      deliverableStatus: 'rework',
      reworkRounds: 3,
      escalate: true,
    });
  });

  it('escalates once: not again when the deliverable was already escalated', () => {
    expect(decisionEffect(d(3, '2026-02-01T00:00:00.000Z'), 'rework', 2)).toEqual({
      versionStatus: 'rework',
      deliverableStatus: 'rework',
      reworkRounds: 4,
      escalate: false,
    });
  });

  it('with a maximum of 0, the first rework escalates', () => {
    expect(decisionEffect(d(0), 'rework', 0).escalate).toBe(true);
  });

  it('does not change the deliverable it is given', () => {
    const record = d(1);
    decisionEffect(record, 'rework', 2);
    expect(record).toEqual({ reworkRounds: 1, escalatedAt: null });
  });
});
