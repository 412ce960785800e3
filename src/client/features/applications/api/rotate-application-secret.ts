import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type RotateSecretBody,
  rotateApplicationSecret as rotateEndpoint,
} from '../../../../shared/api/applications';
import { apiRequest } from '../../../lib/api-client';
import { applicationsQueryOptions } from './list-applications';

export const rotateApplicationSecret = (input: { clientId: string; body: RotateSecretBody }) =>
  apiRequest(rotateEndpoint, { params: { clientId: input.clientId }, body: input.body });

/** The new secret lives only in this mutation's result, like a new application's. */
export function useRotateApplicationSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rotateApplicationSecret,
    gcTime: 0,
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: applicationsQueryOptions().queryKey }),
  });
}
