import type { QueryClient } from '@tanstack/react-query';
import { FIRST_DIRECTORY_GROUPS_PAGE } from '../../shared/api/directory-groups';
import { scimSummaryQueryOptions } from '../features/access-keys/api/get-scim-summary';
import { accessKeysQueryOptions } from '../features/access-keys/api/list-access-keys';
import { activityChartQueryOptions } from '../features/activity/api/get-activity-chart';
import { syncHealthQueryOptions } from '../features/activity/api/get-sync-health';
import { directoryGroupsQueryOptions } from '../features/directory-groups/api/list-directory-groups';
import { incomingKeysQueryOptions } from '../features/incoming-keys/api/get-incoming-keys';
import { settingsQueryOptions } from '../features/settings/api/get-settings';
import { setupStatusQueryOptions } from '../features/setup/api/get-setup-status';
import { licenceTotalsQueryOptions } from '../features/users/api/get-licence-totals';
import { webhooksQueryOptions } from '../features/webhooks/api/list-webhooks';

/**
 * Everything the main page's first screen shows, through the same options factories its
 * components use: the requests of FIRST_SCREEN_TARGETS['/'] in shared/api/first-screen.ts, which
 * the server answers inside the page. Resolves when all are in the cache (or have failed: a
 * failure shows in its section, which asks again).
 */
export async function prefetchMainPage(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.prefetchQuery(settingsQueryOptions()),
    queryClient.prefetchQuery(setupStatusQueryOptions()),
    queryClient.prefetchQuery(incomingKeysQueryOptions()),
    queryClient.prefetchQuery(accessKeysQueryOptions()),
    queryClient.prefetchQuery(scimSummaryQueryOptions()),
    queryClient.prefetchQuery(syncHealthQueryOptions()),
    queryClient.prefetchQuery(activityChartQueryOptions()),
    queryClient.prefetchQuery(licenceTotalsQueryOptions()),
    queryClient.prefetchQuery(directoryGroupsQueryOptions(FIRST_DIRECTORY_GROUPS_PAGE)),
    queryClient.prefetchQuery(webhooksQueryOptions()),
  ]);
}
