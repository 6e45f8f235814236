import { describe, expect, it } from 'vitest';
import type { ClaimChart } from '../../../shared/contracts/patent-report';
import type { SavedSearchView } from '../../../shared/contracts/patents-api';
import {
  acceptSuggestions,
  chartKeyFor,
  claimsOf,
  corporaOfSteps,
  decided,
  passageOfValue,
  passageValue,
  reportDraftOf,
  stepsFromSavedSearch,
  updateCell,
} from './reportDraft';

const chart: ClaimChart = {
  key: 'k',
  claim: { patent: 'JP7158342B2', number: 1, independent: true, text: '…' },
  elements: [
    { label: 'A', text: 'a', claim: 1 },
    { label: 'B', text: 'b', claim: 1 },
  ],
  documents: [{ number: 'JP2015030607A', title: 't' }],
  cells: [
    {
      element: 'A',
      document: 'JP2015030607A',
      suggestion: { judgement: 'disclosed', passages: [{ kind: 'paragraph', ref: '0012', score: 0.8, matched: ['x'], excerpt: 'e' }] },
      judgement: null,
      passage: null,
      note: '',
    },
    { element: 'B', document: 'JP2015030607A', suggestion: { judgement: 'not', passages: [] }, judgement: null, passage: null, note: '' },
    {
      element: 'B',
      document: 'JP4418630B2',
      suggestion: { judgement: 'not', passages: [{ kind: 'abstract', ref: 'abstract', score: 0.1, matched: ['y'], excerpt: 'e' }] },
      judgement: null,
      passage: null,
      note: '',
    },
  ],
};

describe('the patent report draft', () => {
  it('starts empty for a new report and from the version for a resubmission', () => {
    const empty = reportDraftOf(undefined, '2026-12-06', 'ja');
    expect(empty).toMatchObject({ kind: 'fto', language: 'ja', reportDate: '2026-12-06', steps: [], charts: [] });
    expect(empty.scope.searchDate).toBe('2026-12-06');
    const back = reportDraftOf({ type: 'patent_research', ...empty, purpose: 'p', sections: [], references: [] }, '2030-01-01', 'en');
    expect(back).toEqual({ ...empty, purpose: 'p' });
  });

  it('reads claim numbers as people type them', () => {
    expect(claimsOf('1, 4-5')).toEqual([1, 4, 5]);
    expect(claimsOf('3、1 1 x 0 2000')).toEqual([1, 3]);
  });

  it('gives each chart a key of its own', () => {
    expect(chartKeyFor('JP7158342B2', 1, [])).toBe('jp7158342b2-claim-1');
    expect(chartKeyFor('JP7158342B2', 1, [{ key: 'jp7158342b2-claim-1' }, { key: 'jp7158342b2-claim-1-2' }])).toBe('jp7158342b2-claim-1-3');
  });

  it('decides a cell by hand; the suggestions fill only the undecided cells', () => {
    const one = updateCell(chart, 'B', 'JP2015030607A', { judgement: 'partly', passage: { kind: 'abstract', ref: 'abstract' } });
    expect(decided(one)).toEqual({ decided: 1, total: 3 });
    const all = acceptSuggestions(one);
    // A "not" rests on no passage.
    expect(all.cells.map((c) => [c.judgement, passageValue(c.passage)])).toEqual([
      ['disclosed', 'paragraph:0012'],
      ['partly', 'abstract:abstract'],
      ['not', ''],
    ]);
    expect(passageOfValue('claim:3')).toEqual({ kind: 'claim', ref: '3' });
    expect(passageOfValue('other:3')).toBeNull();
  });

  it("takes a saved search's steps with their counts and filters; a combination names no corpus", () => {
    const none = { years: [], assignees: [], legalStatuses: [] };
    const saved = {
      id: 's',
      steps: [
        {
          label: 'S1',
          query: '血圧',
          corpusId: 'c1',
          publishedBefore: '2024-03-15',
          classification: [],
          ...none,
          hits: 9,
          corpusDocuments: 60,
        },
        {
          label: 'S2',
          query: 'wrist',
          corpusId: null,
          publishedBefore: null,
          classification: ['A61B 5/02'],
          years: [2021],
          assignees: ['Omron'],
          legalStatuses: ['alive'],
          hits: 4,
          corpusDocuments: 70,
        },
        {
          label: 'S3',
          query: 'S1 AND S2',
          corpusId: null,
          publishedBefore: null,
          classification: [],
          ...none,
          hits: 2,
          corpusDocuments: 70,
          combines: ['S1', 'S2'],
        },
      ],
    } as unknown as SavedSearchView;
    const corpora = [
      { id: 'c1', name: 'FTO', scope: 'engagement' as const, documents: 60 },
      { id: 'c2', name: 'Platform', scope: 'platform' as const, documents: 10 },
    ];
    const names = { allCorpora: 'all', combined: '(combined)' };
    const steps = stepsFromSavedSearch(saved, corpora, names);
    expect(steps.map((s) => [s.formula, s.corpus, s.hits, s.savedSearchId])).toEqual([
      ['血圧', 'FTO', 9, 's'],
      ['wrist', 'all', 4, 's'],
      ['S1 AND S2', '(combined)', 2, 's'],
    ]);
    // The facet filters go with the step, so the report says what narrowed its count.
    expect(steps.map((s) => [s.years, s.assignees, s.legalStatuses])).toEqual([
      [[], [], []],
      [[2021], ['Omron'], ['alive']],
      [[], [], []],
    ]);
    expect(corporaOfSteps(steps, corpora, names)).toEqual(['FTO', 'Platform']);
  });
});
