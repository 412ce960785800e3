import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../../shared/api';
import { apiRequest } from '../../../lib/api-client';

export const getSettings = () => apiRequest(api.getSettings);

/** Server settings change only on restart, so the answer stays fresh for the whole visit. */
export const settingsQueryOptions = () =>
  queryOptions({ queryKey: ['settings'] as const, queryFn: getSettings, staleTime: Infinity });

export const useSettings = () => useQuery(settingsQueryOptions());
