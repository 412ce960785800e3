import { queryOptions, useQuery } from '@tanstack/react-query';
import { listApplications as listApplicationsEndpoint } from '../../../../shared/api/applications';
import { apiRequest } from '../../../lib/api-client';

export const listApplications = () => apiRequest(listApplicationsEndpoint);

export const applicationsQueryOptions = () =>
  queryOptions({ queryKey: ['applications'] as const, queryFn: listApplications });

export const useApplications = () => useQuery(applicationsQueryOptions());
