import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  listWebhookDeliveries,
  resendWebhookDelivery,
  sendTestWebhook,
} from '../../../../shared/api/webhooks';
import { apiRequest } from '../../../lib/api-client';

export const listDeliveries = (id: number, page: number) =>
  apiRequest(listWebhookDeliveries, { params: { id }, query: { page, pageSize: 25 } });

/** The log refreshes every 2 s while it is open, so a delivery's attempts show as they happen. */
export const deliveriesQueryOptions = (id: number, page = 1) =>
  queryOptions({
    queryKey: ['webhooks', id, 'deliveries', page] as const,
    queryFn: () => listDeliveries(id, page),
    refetchInterval: 2000,
  });

export const useDeliveries = (id: number, page = 1) => useQuery(deliveriesQueryOptions(id, page));

export function useSendTestEvent(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest(sendTestWebhook, { params: { id } }),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: deliveriesQueryOptions(id).queryKey.slice(0, 3) }),
  });
}

export function useResendDelivery(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: number) =>
      apiRequest(resendWebhookDelivery, { params: { id, deliveryId } }),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: deliveriesQueryOptions(id).queryKey.slice(0, 3) }),
  });
}
