import { useMutation, useQueryClient } from '@tanstack/react-query';
import { revokeAccessKey as revokeAccessKeyEndpoint } from '../../../../shared/api/access-keys';
import { apiRequest } from '../../../lib/api-client';
import { accessKeysQueryOptions } from './list-access-keys';

/** From the next SCIM request on, Okta gets 401 with this key. */
export const revokeAccessKey = (id: number) =>
  apiRequest(revokeAccessKeyEndpoint, { params: { id } });

export function useRevokeAccessKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeAccessKey,
    // Returned, so the dialog closes on a list that already shows the key revoked.
    onSettled: () => queryClient.invalidateQueries({ queryKey: accessKeysQueryOptions().queryKey }),
  });
}
