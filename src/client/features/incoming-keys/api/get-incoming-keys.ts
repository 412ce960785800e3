import { queryOptions, useQuery } from '@tanstack/react-query';
import { getIncomingKeys as getIncomingKeysEndpoint } from '../../../../shared/api/incoming-keys';
import { apiRequest } from '../../../lib/api-client';

export const getIncomingKeys = () => apiRequest(getIncomingKeysEndpoint);

export const incomingKeysQueryOptions = () =>
  queryOptions({ queryKey: ['incoming-keys'] as const, queryFn: getIncomingKeys });

export const useIncomingKeys = () => useQuery(incomingKeysQueryOptions());
