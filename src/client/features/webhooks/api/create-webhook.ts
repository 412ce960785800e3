import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type CreateWebhookBody, createWebhook as endpoint } from '../../../../shared/api/webhooks';
import { apiRequest } from '../../../lib/api-client';
import { webhooksQueryOptions } from './list-webhooks';

/** 201 carries the signing secret, once. */
export const createWebhook = (body: CreateWebhookBody) => apiRequest(endpoint, { body });

/** The secret lives only in this mutation's result, dropped when the dialog resets it. */
export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWebhook,
    gcTime: 0,
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhooksQueryOptions().queryKey }),
  });
}
