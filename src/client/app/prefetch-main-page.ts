import type { QueryClient } from '@tanstack/react-query';
import { incomingKeysQueryOptions } from '../features/incoming-keys/api/get-incoming-keys';
import { settingsQueryOptions } from '../features/settings/api/get-settings';

/** What the main page shows first, through the same options factories its components use. */
export function prefetchMainPage(queryClient: QueryClient): void {
  void queryClient.prefetchQuery(settingsQueryOptions());
  void queryClient.prefetchQuery(incomingKeysQueryOptions());
}
