import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type SignInBody } from '../../../../shared/api';
import { apiRequest } from '../../../lib/api-client';
import { replaceSession } from './get-session';

export const signIn = (body: SignInBody) => apiRequest(api.signIn, { body });

/** Signs in; the new session goes straight into the cache, so guarded pages render at once. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (session) => replaceSession(queryClient, session),
  });
}
