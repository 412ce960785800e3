import { queryOptions, useQuery } from '@tanstack/react-query';
import { listApiKeys as endpoint } from '../../../../shared/api/api-keys';
import { apiRequest } from '../../../lib/api-client';

export const listApiKeys = () => apiRequest(endpoint);

export const apiKeysQueryOptions = () =>
  queryOptions({ queryKey: ['api-keys'] as const, queryFn: listApiKeys });

export const useApiKeys = () => useQuery(apiKeysQueryOptions());
