import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { listUsers as listUsersEndpoint, type UsersQuery } from '../../../../shared/api/users';
import { apiRequest } from '../../../lib/api-client';

/** One page of users: searched, filtered and paged by the server, which holds 100,000 of them. */
export const listUsers = (query: UsersQuery, signal?: AbortSignal) =>
  apiRequest(listUsersEndpoint, { query, signal });

/** Keys start with 'users'; `allUsersKey()` names every page and the totals at once. */
export const usersQueryOptions = (query: UsersQuery = {}) =>
  queryOptions({
    queryKey: ['users', 'list', query] as const,
    queryFn: ({ signal }) => listUsers(query, signal),
  });

export const allUsersKey = () => [usersQueryOptions().queryKey[0]] as const;

export const useUsers = (query: UsersQuery) =>
  useQuery({ ...usersQueryOptions(query), placeholderData: keepPreviousData });
