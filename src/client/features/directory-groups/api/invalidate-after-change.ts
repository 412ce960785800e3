import type { QueryClient } from '@tanstack/react-query';
import { allUsersKey } from '../../users/api/list-users';
import { allDirectoryGroupsKey } from './list-directory-groups';

/** A mapping change moves seats: the groups, their previews, users and totals are all stale. */
export function invalidateAfterMappingChange(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: allDirectoryGroupsKey() }),
    queryClient.invalidateQueries({ queryKey: allUsersKey() }),
  ]);
}
