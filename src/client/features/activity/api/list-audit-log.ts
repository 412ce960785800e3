import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import {
  type AuditLogQuery,
  listAuditLog as listAuditLogEndpoint,
} from '../../../../shared/api/activity';
import { apiRequest } from '../../../lib/api-client';
import { allActivityKey } from './list-provisioning-activity';

/** One page of admin changes, sign-ins and refusals, filtered and paged by the server. */
export const listAuditLog = (query: AuditLogQuery, signal?: AbortSignal) =>
  apiRequest(listAuditLogEndpoint, { query, signal });

export const auditLogQueryOptions = (query: AuditLogQuery = {}) =>
  queryOptions({
    queryKey: [...allActivityKey(), 'audit', query] as const,
    queryFn: ({ signal }) => listAuditLog(query, signal),
  });

export const useAuditLog = (query: AuditLogQuery, enabled = true) =>
  useQuery({ ...auditLogQueryOptions(query), placeholderData: keepPreviousData, enabled });
