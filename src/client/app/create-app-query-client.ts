import { replaceSession, sessionQueryOptions } from '../features/session/api/get-session';
import { connectApiClientToSession } from '../lib/api-client';
import { createQueryClient, type QueryClientOptions } from '../lib/query-client';

/**
 * The app's one QueryClient, with the API client reading the CSRF token from the cached session
 * and treating an admin endpoint's 401 as "signed out" (the guard then shows the sign-in page).
 */
export function createAppQueryClient(options?: QueryClientOptions) {
  const queryClient = createQueryClient(options);
  connectApiClientToSession({
    csrfToken: () => queryClient.getQueryData(sessionQueryOptions().queryKey)?.csrfToken,
    onUnauthenticated: () => replaceSession(queryClient, null),
  });
  return queryClient;
}
