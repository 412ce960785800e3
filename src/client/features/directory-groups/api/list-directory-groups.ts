import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import {
  type DirectoryGroupsQuery,
  listDirectoryGroups as listDirectoryGroupsEndpoint,
} from '../../../../shared/api/directory-groups';
import { apiRequest } from '../../../lib/api-client';
import { SCIM_ACTIVITY_REFRESH_MS } from '../../access-keys/api/get-scim-summary';

/** One page of mappings: the server pages, sorts and filters, so 10,000 groups stay fast. */
export const listDirectoryGroups = (query: DirectoryGroupsQuery, signal?: AbortSignal) =>
  apiRequest(listDirectoryGroupsEndpoint, { query, signal });

/**
 * Keys start with 'directory-groups', so `directoryGroupsQueryOptions().queryKey[0]` names every
 * page, suggestion and seat-effect preview at once: what a change to a mapping invalidates.
 * Asked again as often as the licence totals above it: Okta's pushes change member counts, and
 * another admin (or another instance) may map a group.
 */
export const directoryGroupsQueryOptions = (query: DirectoryGroupsQuery = {}) =>
  queryOptions({
    queryKey: ['directory-groups', 'list', query] as const,
    queryFn: ({ signal }) => listDirectoryGroups(query, signal),
    refetchInterval: SCIM_ACTIVITY_REFRESH_MS,
  });

/** Every cached answer about directory groups, for invalidation. */
export const allDirectoryGroupsKey = () => [directoryGroupsQueryOptions().queryKey[0]] as const;

/** Keeps the previous page on screen while the next one loads, so the table does not jump. */
export const useDirectoryGroups = (query: DirectoryGroupsQuery) =>
  useQuery({ ...directoryGroupsQueryOptions(query), placeholderData: keepPreviousData });
