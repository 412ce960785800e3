import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../../shared/api';
import { apiRequest } from '../../../lib/api-client';

export const getIncomingKeys = () => apiRequest(api.getIncomingKeys);

export const incomingKeysQueryOptions = () =>
  queryOptions({ queryKey: ['incoming-keys'] as const, queryFn: getIncomingKeys });

export const useIncomingKeys = () => useQuery(incomingKeysQueryOptions());
