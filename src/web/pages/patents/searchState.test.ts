import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { highlightParts, PAGE_SIZE, paramsOf, patentsViewOf, searchRequestOf, stepFiltersText, toggleFacet } from './searchState';

describe('the patent tab address', () => {
  it('round-trips a search, a patent and a saved search', () => {
    const search = new URLSearchParams('q=cuff-less AND pulse&corpus=c1&before=2024-03-15&cpc=A61B 5/02,A61B 5/022&page=3');
    const view = patentsViewOf(search);
    expect(view).toEqual({
      kind: 'search',
      search: {
        query: 'cuff-less AND pulse',
        corpusId: 'c1',
        publishedBefore: '2024-03-15',
        classification: ['A61B 5/02', 'A61B 5/022'],
        page: 3,
      },
    });
    expect(patentsViewOf(paramsOf(view))).toEqual(view);

    const patent = patentsViewOf(new URLSearchParams('q=pulse&corpus=c1&patent=JP2020-123456A'));
    expect(patent).toMatchObject({ kind: 'patent', corpusId: 'c1', number: 'JP2020-123456A', back: { query: 'pulse' } });
    expect(patentsViewOf(paramsOf(patent))).toEqual(patent);

    const saved = patentsViewOf(new URLSearchParams('saved=s1&v=2'));
    expect(saved).toEqual({ kind: 'saved', searchId: 's1', version: 2 });
    expect(paramsOf(saved).toString()).toBe('saved=s1&v=2');
  });

  it('reads a broken page number or version as the first and the latest', () => {
    expect(patentsViewOf(new URLSearchParams('q=x&page=-2'))).toMatchObject({ search: { page: 1 } });
    expect(patentsViewOf(new URLSearchParams('q=x&page=abc'))).toMatchObject({ search: { page: 1 } });
    expect(patentsViewOf(new URLSearchParams('saved=s1&v=0'))).toEqual({ kind: 'saved', searchId: 's1', version: null });
    // A patent without its corpus cannot be found: the search is shown.
    expect(patentsViewOf(new URLSearchParams('patent=US1234567B2')).kind).toBe('search');
  });

  it('sends nothing for an empty query, and pages by the page size', () => {
    const base = { query: '  ', corpusId: null, publishedBefore: null, classification: [], page: 1 };
    expect(searchRequestOf(base)).toBeNull();
    expect(searchRequestOf({ ...base, query: 'sensor', page: 3 })).toEqual({
      query: 'sensor',
      facets: true,
      limit: PAGE_SIZE,
      offset: 2 * PAGE_SIZE,
    });
  });

  it('keeps facet filters in the address and sends them; a second click on a value takes it away', () => {
    const view = patentsViewOf(new URLSearchParams('q=pulse&year=2021&year=x&assignee=Lumira Wearables Ltd.&status=alive&status=dead'));
    expect(view).toMatchObject({ search: { years: [2021], assignees: ['Lumira Wearables Ltd.'], statuses: ['alive'] } });
    expect(patentsViewOf(paramsOf(view))).toEqual(view);
    if (view.kind !== 'search') throw new Error('not a search');
    expect(searchRequestOf(view.search)).toMatchObject({ years: [2021], assignees: ['Lumira Wearables Ltd.'], legalStatuses: ['alive'] });
    const more = toggleFacet({ ...view.search, page: 4 }, 'years', '2022');
    expect(more).toMatchObject({ years: [2021, 2022], page: 1 });
    const none = toggleFacet(toggleFacet(more, 'years', '2021'), 'years', '2022');
    expect(none.years).toBeUndefined();
    expect(toggleFacet(view.search, 'statuses', 'alive').statuses).toBeUndefined();
  });
});

describe('highlighted passages', () => {
  it('marks the matched words by their offsets in the whole field', () => {
    // The passage is characters 100–131 of the field.
    const parts = highlightParts({
      text: 'a pressure sensor on the wrist',
      start: 100,
      matches: [
        { start: 111, end: 117 },
        { start: 102, end: 110 },
      ],
    });
    expect(parts).toEqual([
      { text: 'a ', match: false },
      { text: 'pressure', match: true },
      { text: ' ', match: false },
      { text: 'sensor', match: true },
      { text: ' on the wrist', match: false },
    ]);
  });

  it('clips overlapping and out-of-passage ranges instead of showing other text', () => {
    const parts = highlightParts({
      text: '脈波センサ',
      start: 10,
      matches: [
        { start: 8, end: 12 },
        { start: 11, end: 13 },
        { start: 40, end: 45 },
      ],
    });
    expect(parts).toEqual([
      { text: '脈波', match: true },
      { text: 'セ', match: true },
      { text: 'ンサ', match: false },
    ]);
    expect(parts.map((p) => p.text).join('')).toBe('脈波センサ');
  });
});

describe('the filters of a step in one line', () => {
  const t = ((key: string, o?: Record<string, string>) =>
    `${key.split('.').at(-1)}(${Object.values(o ?? {}).join()})`) as unknown as TFunction;
  it('lists the cut-off (dated by the caller) and the codes after the lead, and nothing for no filter', () => {
    const step = { publishedBefore: '2024-03-15', classification: ['A61B', 'G06F 3/01'] };
    expect(stepFiltersText(t, step, (d) => `<${d}>`, 'FTO')).toBe('FTO · filterBefore(<2024-03-15>) · filterCpc(A61B, G06F 3/01)');
    expect(stepFiltersText(t, { publishedBefore: null, classification: [] }, (d) => d)).toBe('');
  });
  it('lists the facet filters a step was saved with: years, assignees and legal statuses (by their labels)', () => {
    const step = { classification: [], years: [2021, 2022], assignees: ['Omron', 'Terumo'], legalStatuses: ['alive', 'pending'] as const };
    expect(stepFiltersText(t, step, (d) => d)).toBe(
      'filterYears(2021, 2022) · filterAssignees(Omron / Terumo) · filterStatuses(alive(), pending())',
    );
    expect(stepFiltersText(t, { classification: [], years: [], assignees: [], legalStatuses: [] }, (d) => d)).toBe('');
  });
});
