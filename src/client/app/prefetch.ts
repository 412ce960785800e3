import type { QueryClient } from '@tanstack/react-query';
import { sessionQueryOptions } from '../features/session/api/get-session';

/**
 * Starts the first page's requests before React renders it: the session check at once, and the
 * main page's data as soon as that check says someone is signed in (not after the page's code has
 * loaded and rendered). Signed out, nothing else is asked for, so there is no 401 to log.
 */
export function prefetchFor(pathname: string, queryClient: QueryClient): void {
  const session = queryClient.fetchQuery(sessionQueryOptions());
  const mainPage = pathname === '/' ? import('./prefetch-main-page') : undefined;
  session
    .then(async (signedIn) => {
      if (signedIn && mainPage) (await mainPage).prefetchMainPage(queryClient);
    })
    // A failed check shows on the page, which asks again.
    .catch(() => {});
}
