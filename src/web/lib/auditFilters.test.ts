import { describe, expect, it } from 'vitest';
import { changeFilter, filtersFromSearch, filtersToQuery, filtersToSearch, hasFilters, sameFilters, withFilter } from './auditFilters';

const ORG = '9bf639c9-94e8-428c-a83a-cfe44c57e592';
const USER = 'e2531eb5-3d31-4b5c-9c28-6ff0c6f60e3e';

describe('filtersFromSearch', () => {
  it('reads every filter from the address', () => {
    const params = new URLSearchParams(
      `orgId=${ORG}&actorUserId=${USER}&type=auth.login_succeeded&resourceType=session&resourceId=abc&fromDate=2026-11-01&toDate=2026-11-27`,
    );
    expect(filtersFromSearch(params)).toEqual({
      orgId: ORG,
      actorUserId: USER,
      type: 'auth.login_succeeded',
      resourceType: 'session',
      resourceId: 'abc',
      fromDate: '2026-11-01',
      toDate: '2026-11-27',
    });
  });

  it('drops values the form could not have produced', () => {
    const params = new URLSearchParams('orgId=nope&type=auth.hacked&resourceType=planet&fromDate=2026-02-30&toDate=yesterday&extra=1');
    expect(filtersFromSearch(params)).toEqual({});
  });

  it('round-trips through the address', () => {
    const filters = { type: 'invitation.created' as const, fromDate: '2026-11-01' };
    expect(filtersFromSearch(filtersToSearch(filters))).toEqual(filters);
  });
});

describe('filtersToQuery', () => {
  it('turns whole days in Japan into an ISO range that includes the last day', () => {
    expect(filtersToQuery({ fromDate: '2026-11-01', toDate: '2026-11-30' })).toEqual({
      from: '2026-11-01T00:00:00+09:00',
      to: '2026-12-01T00:00:00+09:00',
    });
  });

  it('crosses month and year ends', () => {
    expect(filtersToQuery({ toDate: '2026-12-31' })).toEqual({ to: '2027-01-01T00:00:00+09:00' });
    expect(filtersToQuery({ toDate: '2028-02-28' })).toEqual({ to: '2028-02-29T00:00:00+09:00' });
  });

  it('passes the other filters through', () => {
    expect(filtersToQuery({ actorUserId: USER, type: 'auth.logout' })).toEqual({ actorUserId: USER, type: 'auth.logout' });
  });
});

describe('withFilter', () => {
  it('sets and clears one filter', () => {
    const set = withFilter({}, 'type', 'auth.logout');
    expect(set).toEqual({ type: 'auth.logout' });
    expect(withFilter(set, 'type', null)).toEqual({});
    expect(hasFilters(set)).toBe(true);
    expect(hasFilters({})).toBe(false);
  });
});

describe('changeFilter', () => {
  it('clears the actor when another organisation is chosen, and keeps it otherwise', () => {
    const OTHER = '2c5e1a4e-1f6b-4a53-9d38-0d3f5d7a2b11';
    const start = { orgId: ORG, actorUserId: USER, type: 'auth.logout' as const };
    expect(changeFilter(start, 'orgId', OTHER)).toEqual({ orgId: OTHER, type: 'auth.logout' });
    expect(changeFilter(start, 'orgId', ORG)).toEqual(start);
    expect(changeFilter(start, 'type', 'auth.login_succeeded')).toEqual({ ...start, type: 'auth.login_succeeded' });
  });
});

describe('the address holds the filters', () => {
  it('round-trips every filter through the query string, as a reload or back and forward would read it', () => {
    const filters = {
      orgId: ORG,
      actorUserId: USER,
      type: 'membership.added' as const,
      resourceType: 'membership' as const,
      resourceId: `${ORG}:${USER}`,
      fromDate: '2026-10-01',
      toDate: '2026-11-30',
    };
    const address = `/audit?${filtersToSearch(filters).toString()}`;
    expect(filtersFromSearch(new URL(address, 'https://kpo.example').searchParams)).toEqual(filters);
  });

  it('compares filters as the address writes them, so an unchanged choice adds no history entry', () => {
    expect(sameFilters({ type: 'auth.logout', fromDate: '2026-11-01' }, { fromDate: '2026-11-01', type: 'auth.logout' })).toBe(true);
    expect(sameFilters({ type: 'auth.logout' }, {})).toBe(false);
  });
});
