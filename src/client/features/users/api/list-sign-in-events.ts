import { queryOptions, useQuery } from '@tanstack/react-query';
import {
  listSignInEvents as listSignInEventsEndpoint,
  RECENT_REFUSALS_QUERY,
} from '../../../../shared/api/sign-in-events';
import { apiRequest } from '../../../lib/api-client';

/** How many refusals the users view lists. */
export const RECENT_REFUSALS = RECENT_REFUSALS_QUERY.limit;

export const listRecentRefusals = () =>
  apiRequest(listSignInEventsEndpoint, { query: RECENT_REFUSALS_QUERY });

export const recentRefusalsQueryOptions = () =>
  queryOptions({ queryKey: ['sign-in-events', 'refused'] as const, queryFn: listRecentRefusals });

export const useRecentRefusals = () => useQuery(recentRefusalsQueryOptions());
