import { describe, expect, it } from 'vitest';
import type { GoldItemView } from '../../../shared/contracts/deliverables';
import { emptyGoldDraft, goldDraftReady, goldOnVersion, plantRequestOf, sortGold } from './gold';

const item = (over: Partial<GoldItemView>): Pick<GoldItemView, 'withdrawnAt' | 'results' | 'createdAt'> => ({
  withdrawnAt: null,
  results: [],
  createdAt: '2026-05-01T00:00:00.000Z',
  ...over,
});
const result = (deliverableId: string, version: number, hit: boolean) => ({ deliverableId, deliverableTitle: 'レポート', version, hit });

describe('goldOnVersion', () => {
  it('counts the live items scored on that version, and those it caught', () => {
    const items = [
      item({ results: [result('d1', 1, false), result('d1', 2, true)] }),
      item({ results: [result('d1', 2, false)] }),
      item({ results: [result('d2', 2, true)] }),
    ];
    expect(goldOnVersion(items, 'd1', 2)).toEqual({ caught: 1, total: 2 });
    expect(goldOnVersion(items, 'd1', 1)).toEqual({ caught: 0, total: 1 });
  });

  it('leaves withdrawn items out, and says nothing where none was looked for', () => {
    const items = [item({ withdrawnAt: '2026-05-02T00:00:00.000Z', results: [result('d1', 1, true)] })];
    expect(goldOnVersion(items, 'd1', 1)).toBeNull();
    expect(goldOnVersion([], 'd1', 1)).toBeNull();
  });
});

describe('sortGold', () => {
  it('puts live items first, newest first', () => {
    const a = item({ createdAt: '2026-05-01T00:00:00.000Z' });
    const b = item({ createdAt: '2026-05-03T00:00:00.000Z' });
    const gone = item({ createdAt: '2026-05-04T00:00:00.000Z', withdrawnAt: '2026-05-05T00:00:00.000Z' });
    expect(sortGold([a, gone, b])).toEqual([b, a, gone]);
  });
});

describe('plantRequestOf', () => {
  it('trims the terms, drops blanks and repeats, and turns the empty choices into null', () => {
    expect(
      plantRequestOf({
        kind: 'planted_error',
        label: ' 誤った数値 ',
        terms: [' 1,200 億円', '', '1,200 億円', '  '],
        documentId: '',
        deliverableId: '',
      }),
    ).toEqual({ kind: 'planted_error', label: '誤った数値', terms: ['1,200 億円'], documentId: null, deliverableId: null });
    expect(plantRequestOf({ ...emptyGoldDraft(), label: 'x', documentId: 'doc', deliverableId: 'del' })).toMatchObject({
      documentId: 'doc',
      deliverableId: 'del',
    });
  });
});

describe('goldDraftReady', () => {
  it('needs a label and a term or a document', () => {
    expect(goldDraftReady(emptyGoldDraft())).toBe(false);
    expect(goldDraftReady({ ...emptyGoldDraft(), label: '出典' })).toBe(false);
    expect(goldDraftReady({ ...emptyGoldDraft(), label: '出典', terms: [' '] })).toBe(false);
    expect(goldDraftReady({ ...emptyGoldDraft(), label: '出典', terms: ['経済センサス'] })).toBe(true);
    expect(goldDraftReady({ ...emptyGoldDraft(), label: '出典', documentId: 'doc' })).toBe(true);
  });
});
