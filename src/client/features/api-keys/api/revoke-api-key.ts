import { useMutation, useQueryClient } from '@tanstack/react-query';
import { revokeApiKey as endpoint } from '../../../../shared/api/api-keys';
import { apiRequest } from '../../../lib/api-client';
import { apiKeysQueryOptions } from './list-api-keys';

export const revokeApiKey = (id: number) => apiRequest(endpoint, { params: { id } });

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiKey,
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryOptions().queryKey }),
  });
}
