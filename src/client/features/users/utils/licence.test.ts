import { describe, expect, it } from 'vitest';
import { filtersFromSearch, searchFromFilters, usersLink, usersQueryFor } from './licence';

describe('users view filters in the address', () => {
  it('reads known values and ignores the rest', () => {
    expect(
      filtersFromSearch(new URLSearchParams('q=ann&licence=pro&status=active&page=3&pageSize=50')),
    ).toEqual({ q: 'ann', licence: 'pro', status: 'active', page: 3, pageSize: 50 });
    expect(
      filtersFromSearch(new URLSearchParams('licence=gold&status=x&page=-1&pageSize=9999')),
    ).toEqual({
      q: '',
      licence: undefined,
      status: undefined,
      page: 1,
      pageSize: 25,
    });
  });

  it('writes only what differs from the defaults, and round-trips', () => {
    const filters = {
      q: ' ann ',
      licence: 'none',
      status: 'deactivated',
      page: 2,
      pageSize: 25,
    } as const;
    expect(searchFromFilters(filters).toString()).toBe(
      'q=ann&licence=none&status=deactivated&page=2',
    );
    expect(filtersFromSearch(searchFromFilters(filters))).toEqual({ ...filters, q: 'ann' });
  });

  it('links a total to its users and asks the server for exactly that', () => {
    expect(usersLink({ licence: 'pro', status: 'active' })).toBe(
      '/users?licence=pro&status=active',
    );
    expect(usersLink({})).toBe('/users');
    expect(usersQueryFor({ q: '', page: 1, pageSize: 25 })).toEqual({ page: 1, pageSize: 25 });
  });
});
