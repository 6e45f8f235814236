import { describe, expect, it } from 'vitest';
import { emptyFilters, filtersFromSearch, filtersToQuery, filtersToSearch, hasFilters, pageCount, withFilters } from './listFilters';

const PROVIDER = '0b6c1a52-4c64-4c1e-9b7e-2b8f3f1c9a10';

describe('engagement list filters in the address', () => {
  it('reads comma lists, the provider, the search and the page', () => {
    const f = filtersFromSearch(
      new URLSearchParams(`status=in_progress,contracted&type=patent_research&risk=missed_update&provider=${PROVIDER}&q= sakura &page=3`),
    );
    // In the order of the contract's lists, not of the address.
    expect(f).toEqual({
      status: ['contracted', 'in_progress'],
      type: ['patent_research'],
      risk: ['missed_update'],
      providerOrgId: PROVIDER,
      q: 'sakura',
      page: 3,
    });
  });

  it('drops what could not have come from the form', () => {
    const f = filtersFromSearch(new URLSearchParams('status=nonsense,draft,draft&risk=&provider=not-a-uuid&page=-2'));
    expect(f).toEqual({ ...emptyFilters, status: ['draft'] });
    expect(filtersFromSearch(new URLSearchParams('page=1.5')).page).toBe(1);
  });

  it('round-trips, leaving out what is empty and page 1', () => {
    const f = { ...emptyFilters, status: ['requested' as const], q: '市場', page: 2 };
    expect(filtersToSearch(f).toString()).toBe(`status=requested&q=${encodeURIComponent('市場')}&page=2`);
    expect(filtersFromSearch(filtersToSearch(f))).toEqual(f);
    expect(filtersToSearch(emptyFilters).toString()).toBe('');
  });

  it('goes back to the first page when a filter changes', () => {
    expect(withFilters({ ...emptyFilters, page: 4 }, { type: ['other'] })).toEqual({ ...emptyFilters, type: ['other'], page: 1 });
  });

  it('asks the API only for the filters set', () => {
    expect(filtersToQuery(emptyFilters)).toEqual({});
    expect(filtersToQuery({ ...emptyFilters, risk: ['over_budget'], q: '  x ', providerOrgId: PROVIDER })).toEqual({
      risk: ['over_budget'],
      q: 'x',
      providerOrgId: PROVIDER,
    });
  });

  it('knows whether any filter is set, and how many pages there are', () => {
    expect(hasFilters(emptyFilters)).toBe(false);
    expect(hasFilters({ ...emptyFilters, page: 3 })).toBe(false);
    expect(hasFilters({ ...emptyFilters, q: 'a' })).toBe(true);
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(41, 20)).toBe(3);
  });
});
