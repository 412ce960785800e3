import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../shared/api';
import { apiRequest } from '../../../lib/api-client';
import { incomingKeysQueryOptions } from './get-incoming-keys';

export const verifyIncomingKeys = () => apiRequest(api.verifyIncomingKeys);

/** "Verify now": checks the stored keys against Okta again. */
export function useVerifyIncomingKeys() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifyIncomingKeys,
    onSuccess: (view) => {
      const { queryKey } = incomingKeysQueryOptions();
      queryClient.setQueryData(queryKey, view);
      void queryClient.invalidateQueries({ queryKey });
    },
  });
}
