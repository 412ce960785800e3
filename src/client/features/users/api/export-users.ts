import { exportUsers, type UsersExportQuery } from '../../../../shared/api/user-details';
import type { UsersQuery } from '../../../../shared/api/users';

/**
 * The CSV export of what the Users page's filters select (every page): a link, not a fetch, so
 * the browser downloads it with the session cookie and 100,000 rows never pass through the page.
 */
export function usersExportHref({ page: _page, pageSize: _size, ...query }: UsersQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query satisfies UsersExportQuery)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${exportUsers.path}?${search}` : exportUsers.path;
}
