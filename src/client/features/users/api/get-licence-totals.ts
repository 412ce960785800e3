import { queryOptions, useQuery } from '@tanstack/react-query';
import { getLicenceTotals as getLicenceTotalsEndpoint } from '../../../../shared/api/users';
import { apiRequest } from '../../../lib/api-client';
import { SCIM_ACTIVITY_REFRESH_MS } from '../../access-keys/api/get-scim-summary';
import { usersQueryOptions } from './list-users';

export const getLicenceTotals = () => apiRequest(getLicenceTotalsEndpoint);

/**
 * Under the 'users' key, so whatever invalidates users refreshes the totals too. Asked again as
 * often as the SCIM summary beside it: Okta's pushes (to this instance or another) change them.
 */
export const licenceTotalsQueryOptions = () =>
  queryOptions({
    queryKey: [usersQueryOptions().queryKey[0], 'totals'] as const,
    queryFn: getLicenceTotals,
    refetchInterval: SCIM_ACTIVITY_REFRESH_MS,
  });

export const useLicenceTotals = () => useQuery(licenceTotalsQueryOptions());
