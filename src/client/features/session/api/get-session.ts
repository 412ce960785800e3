import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { type AdminSession, api } from '../../../../shared/api';
import { apiRequest, isApiError } from '../../../lib/api-client';

/** The signed-in admin, or null when nobody is signed in (the server answers 401). */
export async function getSession(): Promise<AdminSession | null> {
  try {
    return await apiRequest(api.getSession);
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export const sessionQueryOptions = () =>
  queryOptions({ queryKey: ['session'] as const, queryFn: getSession, staleTime: 5 * 60_000 });

export const useSession = () => useQuery(sessionQueryOptions());

/**
 * Stores who is signed in (null: nobody) and drops every other cached answer, so one admin never
 * sees what was loaded for the previous one.
 */
export function replaceSession(queryClient: QueryClient, session: AdminSession | null): void {
  const sessionKey = sessionQueryOptions().queryKey;
  queryClient.setQueryData(sessionKey, session);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
}
