import { queryOptions, useQuery } from '@tanstack/react-query';
import { getSettings as getSettingsEndpoint } from '../../../../shared/api/settings';
import { apiRequest } from '../../../lib/api-client';

export const getSettings = () => apiRequest(getSettingsEndpoint);

/** Server settings change only on restart, so the answer stays fresh for the whole visit. */
export const settingsQueryOptions = () =>
  queryOptions({ queryKey: ['settings'] as const, queryFn: getSettings, staleTime: Infinity });

export const useSettings = () => useQuery(settingsQueryOptions());
