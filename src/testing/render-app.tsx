import type { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { AppProviders } from '../client/app/AppProviders';
import { AppRoutes } from '../client/app/AppRoutes';
import { createAppQueryClient } from '../client/app/create-app-query-client';
import { MemoryRouter } from '../client/lib/router';

/**
 * The whole app at `path`, as a person would open it, with a fresh cache and no retries.
 * `leftFor` lists the server pages (the sign-in page) the app sent the browser to.
 */
export function renderApp(path = '/') {
  const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
  const queryClient = createAppQueryClient({ retry: false });
  const leftFor: string[] = [];
  const view = render(
    <AppProviders queryClient={queryClient}>
      <MemoryRouter initialPath={path} onLeave={(to) => leftFor.push(to)}>
        <AppRoutes />
      </MemoryRouter>
    </AppProviders>,
  );
  return { user, queryClient, leftFor, ...view };
}

/** Everything TanStack Query holds, queries and mutations, as text: to prove a secret is not there. */
export function cachedText(queryClient: QueryClient): string {
  return JSON.stringify([
    queryClient
      .getQueryCache()
      .getAll()
      .map((q) => q.state.data),
    queryClient
      .getMutationCache()
      .getAll()
      .map((m) => m.state.data),
  ]);
}
