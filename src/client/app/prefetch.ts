import type { QueryClient } from '@tanstack/react-query';
import { sessionQueryOptions } from '../features/session/api/get-session';

/**
 * Starts the first page's requests before React renders it: the session check at once, and the
 * main page's data as soon as that check says someone is signed in (not after the page's code has
 * loaded and rendered). Signed out, nothing else is asked for, so there is no 401 to log.
 *
 * Resolves when the first screen's data is in the cache. When the server sent the answers with
 * the page that is a few microtasks away, and start.tsx waits for it so that the first render is
 * the complete page; otherwise it does not wait, and the page shows its loading state.
 */
export async function prefetchFor(pathname: string, queryClient: QueryClient): Promise<void> {
  const mainPage = pathname === '/' ? import('./prefetch-main-page') : undefined;
  try {
    const signedIn = await queryClient.fetchQuery(sessionQueryOptions());
    if (signedIn && mainPage) await (await mainPage).prefetchMainPage(queryClient);
  } catch {
    // A failed check shows on the page, which asks again.
  }
}
