/**
 * What the mock server does with directory groups and users: the same paging, sorting and
 * filtering as the real one (src/server/services), over arrays in mockBackend.
 */
import type { z } from 'zod';
import type {
  DirectoryGroupList,
  DirectoryGroupView,
  directoryGroupsQuery,
  UserList,
  UserRow,
  usersQuery,
} from '../shared/api';

function page<T>(rows: T[], query: { page: number; pageSize: number }): T[] {
  const start = (query.page - 1) * query.pageSize;
  return rows.slice(start, start + query.pageSize);
}

const compare = (a: string | number, b: string | number) =>
  typeof a === 'number' && typeof b === 'number'
    ? a - b
    : String(a).localeCompare(String(b), 'en', { sensitivity: 'base' });

export function listGroups(
  groups: DirectoryGroupView[],
  query: z.output<typeof directoryGroupsQuery>,
): DirectoryGroupList {
  const name = query.name?.toLowerCase();
  const matching = name ? groups.filter((g) => g.name.toLowerCase().includes(name)) : groups;
  const direction = query.order === 'asc' ? 1 : -1;
  const sorted = [...matching].sort(
    (a, b) => direction * (compare(a[query.sort], b[query.sort]) || a.id - b.id),
  );
  return {
    groups: page(sorted, query),
    total: matching.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export function listUsers(users: UserRow[], query: z.output<typeof usersQuery>): UserList {
  const q = query.q?.toLowerCase();
  const matching = users.filter(
    (u) =>
      (!q ||
        [u.name, u.userName, u.email ?? ''].some((value) => value.toLowerCase().startsWith(q))) &&
      (!query.licence || u.licence === query.licence) &&
      (!query.status || u.active === (query.status === 'active')),
  );
  const direction = query.order === 'asc' ? 1 : -1;
  const sorted = [...matching].sort((a, b) => direction * compare(a[query.sort], b[query.sort]));
  return {
    users: page(sorted, query),
    total: matching.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}
