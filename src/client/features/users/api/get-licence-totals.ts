import { queryOptions, useQuery } from '@tanstack/react-query';
import { getLicenceTotals as getLicenceTotalsEndpoint } from '../../../../shared/api/users';
import { apiRequest } from '../../../lib/api-client';
import { usersQueryOptions } from './list-users';

export const getLicenceTotals = () => apiRequest(getLicenceTotalsEndpoint);

/** Under the 'users' key, so whatever invalidates users refreshes the totals too. */
export const licenceTotalsQueryOptions = () =>
  queryOptions({
    queryKey: [usersQueryOptions().queryKey[0], 'totals'] as const,
    queryFn: getLicenceTotals,
  });

export const useLicenceTotals = () => useQuery(licenceTotalsQueryOptions());
