import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../shared/api';
import { apiRequest } from '../../../lib/api-client';
import { replaceSession } from './get-session';

export const signOut = () => apiRequest(api.signOut);

/** Ends the session on the server, then forgets everything the console had cached. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSuccess: () => replaceSession(queryClient, null),
  });
}
