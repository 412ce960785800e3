import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type SignInBody, signIn as signInEndpoint } from '../../../../shared/api/session';
import { apiRequest } from '../../../lib/api-client';
import { replaceSession } from './get-session';

export const signIn = (body: SignInBody) => apiRequest(signInEndpoint, { body });

/** Signs in; the new session goes straight into the cache, so guarded pages render at once. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (session) => replaceSession(queryClient, session),
  });
}
