import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../../shared/api';
import { apiRequest } from '../../../lib/api-client';

/** How often the page asks again, so the admin sees Okta's requests arrive. */
export const SCIM_ACTIVITY_REFRESH_MS = 10_000;

export const getScimSummary = () => apiRequest(api.getScimSummary);

export const scimSummaryQueryOptions = () =>
  queryOptions({
    queryKey: ['scim-summary'] as const,
    queryFn: getScimSummary,
    refetchInterval: SCIM_ACTIVITY_REFRESH_MS,
  });

export const useScimSummary = () => useQuery(scimSummaryQueryOptions());
