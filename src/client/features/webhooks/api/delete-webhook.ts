import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deleteWebhook as endpoint } from '../../../../shared/api/webhooks';
import { apiRequest } from '../../../lib/api-client';
import { webhooksQueryOptions } from './list-webhooks';

export const deleteWebhook = (id: number) => apiRequest(endpoint, { params: { id } });

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteWebhook,
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhooksQueryOptions().queryKey }),
  });
}
