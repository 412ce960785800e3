import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  listWebhookDeliveries,
  resendWebhookDelivery,
  sendTestWebhook,
} from '../../../../shared/api/webhooks';
import { apiRequest } from '../../../lib/api-client';

export const DELIVERY_PAGE_SIZES = [25, 50, 100] as const;

export interface DeliveryPaging {
  page: number;
  pageSize: number;
}

export const listDeliveries = (id: number, { page, pageSize }: DeliveryPaging) =>
  apiRequest(listWebhookDeliveries, { params: { id }, query: { page, pageSize } });

/** The log refreshes every 2 s while it is open, so a delivery's attempts show as they happen. */
export const deliveriesQueryOptions = (id: number, paging: DeliveryPaging) =>
  queryOptions({
    queryKey: ['webhooks', id, 'deliveries', paging.page, paging.pageSize] as const,
    queryFn: () => listDeliveries(id, paging),
    refetchInterval: 2000,
  });

/** The previous page stays on screen while the next one loads. */
export const useDeliveries = (id: number, paging: DeliveryPaging) =>
  useQuery({ ...deliveriesQueryOptions(id, paging), placeholderData: keepPreviousData });

/** Every page of one endpoint's log. */
const allPages = (id: number) =>
  deliveriesQueryOptions(id, { page: 1, pageSize: 25 }).queryKey.slice(0, 3);

export function useSendTestEvent(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest(sendTestWebhook, { params: { id } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: allPages(id) }),
  });
}

export function useResendDelivery(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: number) =>
      apiRequest(resendWebhookDelivery, { params: { id, deliveryId } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: allPages(id) }),
  });
}
