import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../../shared/api';
import { apiRequest } from '../../../lib/api-client';
import { SCIM_ACTIVITY_REFRESH_MS } from './get-scim-summary';

export const listAccessKeys = () => apiRequest(api.listAccessKeys);

/** Refreshed with the SCIM activity: "last used" and "safe to revoke" change as Okta calls. */
export const accessKeysQueryOptions = () =>
  queryOptions({
    queryKey: ['access-keys'] as const,
    queryFn: listAccessKeys,
    refetchInterval: SCIM_ACTIVITY_REFRESH_MS,
  });

export const useAccessKeys = () => useQuery(accessKeysQueryOptions());
