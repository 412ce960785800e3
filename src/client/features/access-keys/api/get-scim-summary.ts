import { queryOptions, useQuery } from '@tanstack/react-query';
import { getScimSummary as getScimSummaryEndpoint } from '../../../../shared/api/scim-summary';
import { apiRequest } from '../../../lib/api-client';

/** How often the page asks again, so the admin sees Okta's requests arrive. */
export const SCIM_ACTIVITY_REFRESH_MS = 10_000;

export const getScimSummary = () => apiRequest(getScimSummaryEndpoint);

export const scimSummaryQueryOptions = () =>
  queryOptions({
    queryKey: ['scim-summary'] as const,
    queryFn: getScimSummary,
    refetchInterval: SCIM_ACTIVITY_REFRESH_MS,
  });

export const useScimSummary = () => useQuery(scimSummaryQueryOptions());
