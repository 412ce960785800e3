import { queryOptions, useQuery } from '@tanstack/react-query';
import { listSignInEvents as listSignInEventsEndpoint } from '../../../../shared/api/sign-in-events';
import { apiRequest } from '../../../lib/api-client';

/** How many refusals the users view lists. */
export const RECENT_REFUSALS = 10;

export const listRecentRefusals = () =>
  apiRequest(listSignInEventsEndpoint, { query: { outcome: 'refused', limit: RECENT_REFUSALS } });

export const recentRefusalsQueryOptions = () =>
  queryOptions({ queryKey: ['sign-in-events', 'refused'] as const, queryFn: listRecentRefusals });

export const useRecentRefusals = () => useQuery(recentRefusalsQueryOptions());
