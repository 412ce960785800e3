import { queryOptions, useQuery } from '@tanstack/react-query';
import { getUser as getUserEndpoint } from '../../../../shared/api/user-details';
import { apiRequest } from '../../../lib/api-client';

/** One person, for their page /users/{id}. */
export const getUser = (id: string, signal?: AbortSignal) =>
  apiRequest(getUserEndpoint, { params: { id }, signal });

export const userQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['users', 'one', id] as const,
    queryFn: ({ signal }) => getUser(id, signal),
  });

export const useUser = (id: string) => useQuery(userQueryOptions(id));
