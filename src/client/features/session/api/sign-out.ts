import { useMutation, useQueryClient } from '@tanstack/react-query';
import { signOut as signOutEndpoint } from '../../../../shared/api/session';
import { apiRequest } from '../../../lib/api-client';
import { replaceSession } from './get-session';

export const signOut = () => apiRequest(signOutEndpoint);

/** Ends the session on the server, then forgets everything the console had cached. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSuccess: () => replaceSession(queryClient, null),
  });
}
