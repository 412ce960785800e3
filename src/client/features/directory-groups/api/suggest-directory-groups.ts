import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { suggestDirectoryGroups as suggestEndpoint } from '../../../../shared/api/directory-groups';
import { apiRequest } from '../../../lib/api-client';
import { directoryGroupsQueryOptions } from './list-directory-groups';

const SUGGESTIONS = 10;

/** Pushed groups whose name starts with `prefix`, ignoring case, with whether each is mapped. */
export const suggestDirectoryGroups = (prefix: string, signal?: AbortSignal) =>
  apiRequest(suggestEndpoint, { query: { prefix, limit: SUGGESTIONS }, signal });

export const groupSuggestionsQueryOptions = (prefix: string) =>
  queryOptions({
    queryKey: [directoryGroupsQueryOptions().queryKey[0], 'suggestions', prefix] as const,
    queryFn: ({ signal }) => suggestDirectoryGroups(prefix, signal),
  });

export const useGroupSuggestions = (prefix: string) =>
  useQuery({ ...groupSuggestionsQueryOptions(prefix), placeholderData: keepPreviousData });
