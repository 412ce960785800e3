import type { Licence, UsersQuery } from '../../../../shared/api/users';

export const licenceLabel: Record<Licence, string> = { pro: 'Pro', basic: 'Basic', none: 'None' };

export type LicenceFilter = NonNullable<UsersQuery['licence']>;
export type StatusFilter = NonNullable<UsersQuery['status']>;

/** The users view's filters, as its address carries them (so a total can link to them). */
export interface UserFilters {
  q: string;
  licence?: LicenceFilter;
  status?: StatusFilter;
  page: number;
  pageSize: number;
}

export const USER_PAGE_SIZES = [25, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 25;

const LICENCES: readonly string[] = ['pro', 'basic', 'none'];
const STATUSES: readonly string[] = ['active', 'deactivated'];

function positive(value: string | null, fallback: number, max: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

/** Reads the filters from the address; anything unknown falls back to "All". */
export function filtersFromSearch(params: URLSearchParams): UserFilters {
  const licence = params.get('licence') ?? '';
  const status = params.get('status') ?? '';
  const pageSize = positive(params.get('pageSize'), DEFAULT_PAGE_SIZE, 200);
  return {
    q: params.get('q') ?? '',
    licence: LICENCES.includes(licence) ? (licence as LicenceFilter) : undefined,
    status: STATUSES.includes(status) ? (status as StatusFilter) : undefined,
    page: positive(params.get('page'), 1, 1_000_000),
    pageSize,
  };
}

/** The address for these filters: defaults left out, so links stay short. */
export function searchFromFilters(filters: UserFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.licence) params.set('licence', filters.licence);
  if (filters.status) params.set('status', filters.status);
  if (filters.page > 1) params.set('page', String(filters.page));
  if (filters.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(filters.pageSize));
  return params;
}

/** The request for these filters. */
export function usersQueryFor(filters: UserFilters): UsersQuery {
  return {
    page: filters.page,
    pageSize: filters.pageSize,
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.licence ? { licence: filters.licence } : {}),
    ...(filters.status ? { status: filters.status } : {}),
  };
}

/** The users view showing exactly the users one total counts. */
export function usersLink(filters: Partial<UserFilters>): string {
  const search = searchFromFilters({ q: '', page: 1, pageSize: DEFAULT_PAGE_SIZE, ...filters });
  const text = search.toString();
  return text ? `/users?${text}` : '/users';
}
