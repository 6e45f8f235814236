import { describe, expect, it } from 'vitest';
import type { Rubric } from '../../../shared/contracts/deliverables';
import type { Translator } from '../errorText';
import {
  criterionWords,
  decisionSplit,
  latestByType,
  levelsOf,
  percentTotal,
  resizeAnchors,
  rubricDraftOf,
  rubricInputOf,
  spreadOf,
  weightedScore,
  weightPercent,
} from './rubric';

const rubric: Rubric = {
  id: 'r1',
  orgId: null,
  name: 'kpo standard',
  engagementType: 'market_research',
  version: 1,
  scale: { min: 1, max: 5 },
  criteria: [
    { key: 'accuracy', title: 'Accuracy', weight: 0.5, anchors: ['a1', 'a2', 'a3', 'a4', 'a5'] },
    { key: 'clarity', title: 'Clarity', weight: 0.3, anchors: ['c1', 'c2', 'c3', 'c4', 'c5'] },
    { key: 'mine', title: 'Own', weight: 0.2, anchors: ['m1', 'm2', 'm3', 'm4', 'm5'] },
  ],
  createdAt: '2026-01-01T00:00:00.000Z',
};

const catalogue: Record<string, string> = {
  'deliverables.criteria.accuracy.title': '正確性',
  'deliverables.criteria.accuracy.levels.l1': '使えない',
  'deliverables.criteria.accuracy.levels.l5': '非常に良い',
  'deliverables.criteria.clarity.title': 'わかりやすさ',
  'deliverables.rubric.builtInName': 'kpo 標準',
};
const tr: Translator = { t: (key) => catalogue[key] ?? key, exists: (key) => key in catalogue };

describe('scores', () => {
  it('lists the levels of the scale', () => {
    expect(levelsOf({ min: 1, max: 5 })).toEqual([1, 2, 3, 4, 5]);
    expect(levelsOf({ min: 0, max: 2 })).toEqual([0, 1, 2]);
  });

  it('weights a complete review as the server does, and waits for every criterion', () => {
    expect(weightedScore(rubric, { accuracy: 4, clarity: 3, mine: 5 })).toBe(3.9);
    expect(weightedScore(rubric, { accuracy: 4, clarity: 3 })).toBeNull();
  });

  it('measures the spread of the levels shown and the split of decisions', () => {
    expect(spreadOf([2, 5, null])).toBe(3);
    expect(spreadOf([4, null])).toBeNull();
    expect(decisionSplit([{ decision: 'accept' }, { decision: 'rework' }, { decision: null }])).toEqual({
      decisions: ['accept', 'rework'],
      split: true,
    });
    expect(decisionSplit([{ decision: 'accept' }, { decision: 'accept' }]).split).toBe(false);
  });
});

describe('criterion words', () => {
  it('words a built-in criterion from the catalogue by its key, level by level, falling back to the English', () => {
    const words = criterionWords(rubric, rubric.criteria[0] as Rubric['criteria'][number], tr);
    expect(words).toEqual({ title: '正確性', anchors: ['使えない', 'a2', 'a3', 'a4', '非常に良い'] });
    expect(criterionWords(rubric, rubric.criteria[2] as Rubric['criteria'][number], tr).title).toBe('Own');
  });

  it("shows a client's own rubric as written", () => {
    const own = { ...rubric, orgId: 'org' };
    expect(criterionWords(own, rubric.criteria[0] as Rubric['criteria'][number], tr).title).toBe('Accuracy');
  });
});

describe('the template editor', () => {
  it('turns weights into percentages and back, totalling 100', () => {
    const draft = rubricDraftOf(rubric, tr);
    expect(draft.name).toBe('kpo 標準');
    expect(draft.criteria.map((c) => c.weight)).toEqual([50, 30, 20]);
    expect(percentTotal(draft.criteria)).toBe(100);
    const input = rubricInputOf({ ...draft, criteria: draft.criteria.map((c, i) => ({ ...c, weight: [33.3, 33.3, 33.4][i] ?? 0 })) });
    expect(input.criteria.map((c) => c.weight)).toEqual([0.333, 0.333, 0.334]);
    expect(Math.abs(input.criteria.reduce((s, c) => s + c.weight, 0) - 1)).toBeLessThan(1e-6);
    expect(weightPercent(0.15)).toBe(15);
  });

  it('counts an empty weight as nothing and resizes anchors with the scale', () => {
    expect(percentTotal([{ weight: 60 }, { weight: '' }])).toBe(60);
    expect(resizeAnchors(['a', 'b', 'c'], 5)).toEqual(['a', 'b', 'c', '', '']);
    expect(resizeAnchors(['a', 'b', 'c'], 2)).toEqual(['a', 'b']);
  });
});

describe('the templates per engagement type', () => {
  it("takes the organisation's newest version over kpo's", () => {
    const own = (version: number): Rubric => ({ ...rubric, id: `own-${version}`, orgId: 'org', version });
    const patent: Rubric = { ...rubric, id: 'p', engagementType: 'patent_research' };
    const latest = latestByType([own(1), rubric, own(3), own(2), patent]);
    expect(latest.get('market_research')?.id).toBe('own-3');
    expect(latest.get('patent_research')?.id).toBe('p');
  });
});
