import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import {
  listProvisioningActivity as listProvisioningActivityEndpoint,
  type ProvisioningActivityQuery,
} from '../../../../shared/api/activity';
import { apiRequest } from '../../../lib/api-client';

/** One page of the SCIM requests Okta sent, filtered and paged by the server. */
export const listProvisioningActivity = (query: ProvisioningActivityQuery, signal?: AbortSignal) =>
  apiRequest(listProvisioningActivityEndpoint, { query, signal });

/** Keys start with 'activity', so `allActivityKey()` names every page, the audit log and chart. */
export const provisioningActivityQueryOptions = (query: ProvisioningActivityQuery = {}) =>
  queryOptions({
    queryKey: ['activity', 'provisioning', query] as const,
    queryFn: ({ signal }) => listProvisioningActivity(query, signal),
  });

export const allActivityKey = () => [provisioningActivityQueryOptions().queryKey[0]] as const;

/** Keeps the previous page on screen while the next one loads, so the table does not jump. */
export const useProvisioningActivity = (query: ProvisioningActivityQuery, enabled = true) =>
  useQuery({
    ...provisioningActivityQueryOptions(query),
    placeholderData: keepPreviousData,
    enabled,
  });
