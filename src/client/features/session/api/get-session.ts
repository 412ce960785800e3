import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import {
  type AdminSession,
  getSession as getSessionEndpoint,
} from '../../../../shared/api/session';
import { apiRequest } from '../../../lib/api-client';

/** The signed-in admin, or null when nobody is signed in. */
export async function getSession(): Promise<AdminSession | null> {
  const state = await apiRequest(getSessionEndpoint);
  if (!state.signedIn) return null;
  return {
    admin: state.admin,
    csrfToken: state.csrfToken,
    mustChangePassword: state.mustChangePassword,
  };
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
