import { describe, expect, it } from 'vitest';
import type { ReportSection } from '../../../shared/contracts/deliverables';
import { changeCounts, compareSections, textDiff } from './sectionDiff';

const s = (key: string, body = `${key} body`, over: Partial<ReportSection> = {}): ReportSection => ({
  key,
  title: key.toUpperCase(),
  role: 'other',
  body,
  citations: [],
  ...over,
});

describe('textDiff', () => {
  it('compares English by words and keeps every character of both texts', () => {
    const parts = textDiff('The market grew 8% last year.', 'The market grew 9% last year.');
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual(['8']);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text)).toEqual(['9']);
    expect(
      parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe('The market grew 8% last year.');
    expect(
      parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe('The market grew 9% last year.');
  });

  it('compares Japanese word by word, a figure as one word', () => {
    expect(textDiff('2025 年の市場規模は 1,200 億円。', '2025 年の市場規模は 1,350 億円。')).toEqual([
      { text: '2025 年の市場規模は ', kind: 'same' },
      { text: '1,200', kind: 'removed' },
      { text: '1,350', kind: 'added' },
      { text: ' 億円。', kind: 'same' },
    ]);
    const parts = textDiff('国内市場は年 8% で成長している。', '国内市場は年 9% で急成長している。');
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text)).toEqual(['9', '急']);
  });

  it('says nothing changed for equal texts', () => {
    expect(textDiff('same', 'same')).toEqual([{ text: 'same', kind: 'same' }]);
    expect(textDiff('', '')).toEqual([]);
  });
});

describe('compareSections', () => {
  it('finds added, removed, changed and unchanged sections by key', () => {
    const before = [s('summary'), s('market'), s('old')];
    const after = [s('summary'), s('market', 'new text', { citations: ['census'] }), s('method')];
    const rows = compareSections(before, after);
    expect(rows.map((r) => [r.key, r.change])).toEqual([
      ['summary', 'unchanged'],
      ['market', 'changed'],
      ['old', 'removed'],
      ['method', 'added'],
    ]);
    expect(rows[1]?.changed).toEqual(['body', 'citations']);
    expect(rows[1]?.body.length).toBeGreaterThan(0);
    expect(changeCounts(rows)).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
  });

  it('keeps a removed section where it stood, before the sections that followed it', () => {
    expect(compareSections([s('a'), s('gone'), s('b')], [s('a'), s('b')]).map((r) => r.key)).toEqual(['a', 'gone', 'b']);
    expect(compareSections([s('gone'), s('a')], [s('new'), s('a')]).map((r) => r.key)).toEqual(['gone', 'new', 'a']);
  });

  it('follows the newer order when sections moved, listing each once', () => {
    const rows = compareSections([s('a'), s('b'), s('c')], [s('c'), s('a'), s('b')]);
    expect(rows.map((r) => [r.key, r.change])).toEqual([
      ['c', 'unchanged'],
      ['a', 'unchanged'],
      ['b', 'unchanged'],
    ]);
  });

  it('notes a renamed or re-roled section without a body diff', () => {
    const [row] = compareSections([s('a')], [s('a', 'a body', { title: 'Renamed', role: 'summary' })]);
    expect(row?.changed).toEqual(['title', 'role']);
    expect(row?.body).toEqual([]);
  });

  it('handles a first version (nothing before) and an emptied report', () => {
    expect(compareSections([], [s('a')]).map((r) => r.change)).toEqual(['added']);
    expect(compareSections([s('a')], []).map((r) => r.change)).toEqual(['removed']);
  });
});
