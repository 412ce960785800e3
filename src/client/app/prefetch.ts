import type { QueryClient } from '@tanstack/react-query';
import { userIdInPath } from '../../shared/user-path';
import { sessionQueryOptions } from '../features/session/api/get-session';

/** `now`: what a "last 24 hours" counts back from (the server's render time when it renders). */
type Prefetch = (queryClient: QueryClient, now: number) => Promise<void>;

/** The pages whose first screen the server sends with them (shared/api/first-screen.ts). */
const FIRST_SCREENS: Record<string, () => Promise<Prefetch>> = {
  '/': () => import('./prefetch-main-page').then((m) => m.prefetchMainPage),
  '/users': () => import('./prefetch-pages').then((m) => m.prefetchUsersPage),
  '/activity': () => import('./prefetch-pages').then((m) => m.prefetchActivityPage),
  '/admins': () => import('./prefetch-pages').then((m) => m.prefetchAdminsPage),
  '/applications': () => import('./prefetch-pages').then((m) => m.prefetchApplicationsPage),
  '/webhooks': () => import('./prefetch-pages').then((m) => m.prefetchWebhooksPage),
};

/** The prefetch of the page at `pathname`, the page of one person included. */
function firstScreenOf(pathname: string): Promise<Prefetch> | undefined {
  const userId = userIdInPath(pathname);
  if (userId !== undefined) {
    return import('./prefetch-pages').then(
      (m) => (queryClient) => m.prefetchUserPage(queryClient, userId),
    );
  }
  return Object.hasOwn(FIRST_SCREENS, pathname) ? FIRST_SCREENS[pathname]?.() : undefined;
}

/**
 * Starts the first page's requests before React renders it: the session check at once, and the
 * page's data as soon as that check says someone is signed in (not after the page's code has
 * loaded and rendered). Signed out, nothing else is asked for, so there is no 401 to log. With
 * filters in the address (`/users?page=2`) the page asks for its own data as it renders.
 *
 * Resolves when the first screen's data is in the cache. When the server sent the answers with
 * the page that is a few microtasks away, and start.tsx waits for it so that the first render is
 * the complete page; otherwise it does not wait, and the page shows its loading state.
 */
export async function prefetchFor(
  { pathname, search }: { pathname: string; search: string },
  queryClient: QueryClient,
  now = Date.now(),
): Promise<void> {
  const prefetchPage = search === '' ? firstScreenOf(pathname) : undefined;
  try {
    const signedIn = await queryClient.fetchQuery(sessionQueryOptions());
    if (signedIn && prefetchPage) await (await prefetchPage)(queryClient, now);
  } catch {
    // A failed check shows on the page, which asks again.
  }
}
