import { queryOptions, useQuery } from '@tanstack/react-query';
import { listAdmins as listAdminsEndpoint } from '../../../../shared/api/admins';
import { apiRequest } from '../../../lib/api-client';

export const listAdmins = () => apiRequest(listAdminsEndpoint);

export const adminsQueryOptions = () =>
  queryOptions({ queryKey: ['admins'] as const, queryFn: listAdmins });

export const useAdmins = () => useQuery(adminsQueryOptions());
