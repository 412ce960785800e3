import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type IncomingKeysBody,
  saveIncomingKeys as saveIncomingKeysEndpoint,
} from '../../../../shared/api/incoming-keys';
import { apiRequest } from '../../../lib/api-client';
import { incomingKeysQueryOptions } from './get-incoming-keys';

/** The server checks discovery and the client pair at Okta before it stores anything. */
export const saveIncomingKeys = (body: IncomingKeysBody) =>
  apiRequest(saveIncomingKeysEndpoint, { body });

export function useSaveIncomingKeys() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveIncomingKeys,
    onSuccess: (view) => {
      const { queryKey } = incomingKeysQueryOptions();
      queryClient.setQueryData(queryKey, view);
      void queryClient.invalidateQueries({ queryKey });
    },
  });
}
