import { queryOptions, useQuery } from '@tanstack/react-query';
import { listAccessKeys as listAccessKeysEndpoint } from '../../../../shared/api/access-keys';
import { apiRequest } from '../../../lib/api-client';
import { SCIM_ACTIVITY_REFRESH_MS } from './get-scim-summary';

export const listAccessKeys = () => apiRequest(listAccessKeysEndpoint);

/** Refreshed with the SCIM activity: "last used" and "safe to revoke" change as Okta calls. */
export const accessKeysQueryOptions = () =>
  queryOptions({
    queryKey: ['access-keys'] as const,
    queryFn: listAccessKeys,
    refetchInterval: SCIM_ACTIVITY_REFRESH_MS,
  });

export const useAccessKeys = () => useQuery(accessKeysQueryOptions());
