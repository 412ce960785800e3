import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createAccessKey as createAccessKeyEndpoint } from '../../../../shared/api/access-keys';
import { apiRequest } from '../../../lib/api-client';
import { accessKeysQueryOptions } from './list-access-keys';

/** 201 carries the whole key, once; 409 says to revoke a key first. */
export const createAccessKey = () => apiRequest(createAccessKeyEndpoint);

/**
 * The whole key lives only in this mutation's result: never in a query, and `gcTime: 0` drops it
 * from the mutation cache as soon as the dialog resets the mutation on close.
 */
export function useCreateAccessKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAccessKey,
    gcTime: 0,
    // After a 409 too: another admin may have created a key since the list was fetched.
    onSettled: () => queryClient.invalidateQueries({ queryKey: accessKeysQueryOptions().queryKey }),
  });
}
