import { queryOptions, useQuery } from '@tanstack/react-query';
import { getSyncHealth as getSyncHealthEndpoint } from '../../../../shared/api/activity';
import { apiRequest } from '../../../lib/api-client';
import { SCIM_ACTIVITY_REFRESH_MS } from '../../access-keys/api/get-scim-summary';

export const getSyncHealth = () => apiRequest(getSyncHealthEndpoint);

/** Refreshed with the SCIM activity, so a deprovisioning burst shows while it happens. */
export const syncHealthQueryOptions = () =>
  queryOptions({
    queryKey: ['sync-health'] as const,
    queryFn: getSyncHealth,
    refetchInterval: SCIM_ACTIVITY_REFRESH_MS,
  });

export const useSyncHealth = () => useQuery(syncHealthQueryOptions());
