import type { QueryClient } from '@tanstack/react-query';
import { provisioningActivityQueryOptions } from '../features/activity/api/list-provisioning-activity';
import {
  provisioningFiltersFromSearch,
  provisioningQueryFor,
} from '../features/activity/utils/activity-filters';
import { adminsQueryOptions } from '../features/admins/api/list-admins';
import { apiKeysQueryOptions } from '../features/api-keys/api/list-api-keys';
import { applicationsQueryOptions } from '../features/applications/api/list-applications';
import { licenceTotalsQueryOptions } from '../features/users/api/get-licence-totals';
import { userQueryOptions } from '../features/users/api/get-user';
import { recentRefusalsQueryOptions } from '../features/users/api/list-sign-in-events';
import { usersQueryOptions } from '../features/users/api/list-users';
import { filtersFromSearch, usersQueryFor } from '../features/users/utils/licence';
import { webhooksQueryOptions } from '../features/webhooks/api/list-webhooks';

/** An address with no filters: the pages' first screen, which the server sends with them. */
const NO_FILTERS = new URLSearchParams();

/**
 * "/users" with nothing in its address: the requests of FIRST_SCREEN_TARGETS['/users'] in
 * shared/api/first-screen.ts, built as the page's components build them.
 */
export async function prefetchUsersPage(queryClient: QueryClient): Promise<void> {
  const users = usersQueryFor(filtersFromSearch(NO_FILTERS));
  await Promise.all([
    queryClient.prefetchQuery(licenceTotalsQueryOptions()),
    queryClient.prefetchQuery(usersQueryOptions(users)),
    queryClient.prefetchQuery(recentRefusalsQueryOptions()),
  ]);
}

/** "/activity" with nothing in its address: the Provisioning tab's first page. */
export async function prefetchActivityPage(queryClient: QueryClient, now: number): Promise<void> {
  const query = provisioningQueryFor(provisioningFiltersFromSearch(NO_FILTERS), now);
  await queryClient.prefetchQuery(provisioningActivityQueryOptions(query));
}

/** "/admins": the list of administrators. */
export async function prefetchAdminsPage(queryClient: QueryClient): Promise<void> {
  await queryClient.prefetchQuery(adminsQueryOptions());
}

/** "/webhooks": the endpoints. */
export async function prefetchWebhooksPage(queryClient: QueryClient): Promise<void> {
  await queryClient.prefetchQuery(webhooksQueryOptions());
}

/** "/users/{id}": the person. */
export async function prefetchUserPage(queryClient: QueryClient, id: string): Promise<void> {
  await queryClient.prefetchQuery(userQueryOptions(id));
}

export async function prefetchApplicationsPage(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.prefetchQuery(applicationsQueryOptions()),
    queryClient.prefetchQuery(apiKeysQueryOptions()),
  ]);
}
