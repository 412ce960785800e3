import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateWebhook as endpoint, type UpdateWebhookBody } from '../../../../shared/api/webhooks';
import { apiRequest } from '../../../lib/api-client';
import { webhooksQueryOptions } from './list-webhooks';

export const updateWebhook = ({ id, ...body }: UpdateWebhookBody & { id: number }) =>
  apiRequest(endpoint, { params: { id }, body });

export function useUpdateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateWebhook,
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhooksQueryOptions().queryKey }),
  });
}
