import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type CreateApiKeyBody, createApiKey as endpoint } from '../../../../shared/api/api-keys';
import { apiRequest } from '../../../lib/api-client';
import { apiKeysQueryOptions } from './list-api-keys';

/** 201 carries the key, once. */
export const createApiKey = (body: CreateApiKeyBody) => apiRequest(endpoint, { body });

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiKey,
    gcTime: 0,
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryOptions().queryKey }),
  });
}
