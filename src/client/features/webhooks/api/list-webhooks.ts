import { queryOptions, useQuery } from '@tanstack/react-query';
import { listWebhooks as endpoint } from '../../../../shared/api/webhooks';
import { apiRequest } from '../../../lib/api-client';

export const listWebhooks = () => apiRequest(endpoint);

export const webhooksQueryOptions = () =>
  queryOptions({ queryKey: ['webhooks'] as const, queryFn: listWebhooks });

export const useWebhooks = () => useQuery(webhooksQueryOptions());
