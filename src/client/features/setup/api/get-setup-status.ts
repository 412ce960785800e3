import { queryOptions, useQuery } from '@tanstack/react-query';
import { getSetupStatus as getSetupStatusEndpoint } from '../../../../shared/api/setup-status';
import { apiRequest } from '../../../lib/api-client';

export const getSetupStatus = () => apiRequest(getSetupStatusEndpoint);

export const setupStatusQueryOptions = () =>
  queryOptions({ queryKey: ['setup-status'] as const, queryFn: getSetupStatus });

const allDone = (s: { [step: string]: boolean } | undefined) =>
  s !== undefined && Object.values(s).every(Boolean);

/** Live while steps are left: Okta's first request or a first sign-in can come at any moment. */
export const useSetupStatus = () =>
  useQuery({
    ...setupStatusQueryOptions(),
    refetchInterval: (query) => (allDone(query.state.data) ? false : 10_000),
  });
