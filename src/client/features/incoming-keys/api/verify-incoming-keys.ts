import { useMutation, useQueryClient } from '@tanstack/react-query';
import { verifyIncomingKeys as verifyIncomingKeysEndpoint } from '../../../../shared/api/incoming-keys';
import { apiRequest } from '../../../lib/api-client';
import { incomingKeysQueryOptions } from './get-incoming-keys';

export const verifyIncomingKeys = () => apiRequest(verifyIncomingKeysEndpoint);

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
