import { userIdInPath } from '../user-path';
import { listAccessKeys } from './access-keys';
import { CHART_HOURS, getActivityChart, getSyncHealth, listProvisioningActivity } from './activity';
import { listAdmins } from './admins';
import { listApiKeys } from './api-keys';
import { listApplications } from './applications';
import { FIRST_DIRECTORY_GROUPS_PAGE, listDirectoryGroups } from './directory-groups';
import { requestTarget } from './endpoint';
import { getIncomingKeys } from './incoming-keys';
import { getScimSummary } from './scim-summary';
import { getSession } from './session';
import { getSettings } from './settings';
import { getSetupStatus } from './setup-status';
import { listSignInEvents, RECENT_REFUSALS_QUERY } from './sign-in-events';
import { getUser } from './user-details';
import { getLicenceTotals, listUsers } from './users';
import { listWebhooks } from './webhooks';

/** The session check every page of the console starts with. */
export const SESSION_TARGET = requestTarget(getSession);

/** A server-paged list (users, provisioning activity) as its page first asks for it. */
const FIRST_PAGE = { page: 1, pageSize: 25 } as const;

/**
 * The GET requests a page makes for its first screen with nothing in its address (no filters,
 * no page), as the client sends them. When it serves such a page to a signed-in admin, the server
 * answers these itself and puts the answers in the HTML (`EMBEDDED_ANSWERS_ID`), so the first
 * screen is drawn once, complete, with no API round trip. The client's prefetch for the page asks
 * for the same (src/client/app/prefetch-*.ts); the end-to-end tests "... needs no API round trip"
 * (e2e/first-screen.spec.ts) fail when they drift apart.
 */
export const FIRST_SCREEN_TARGETS: Readonly<Record<string, readonly string[]>> = {
  '/': [
    requestTarget(getSettings),
    requestTarget(getSetupStatus),
    requestTarget(getIncomingKeys),
    requestTarget(listAccessKeys),
    requestTarget(getScimSummary),
    requestTarget(getSyncHealth),
    requestTarget(getActivityChart, { query: { hours: CHART_HOURS } }),
    requestTarget(getLicenceTotals),
    requestTarget(listDirectoryGroups, { query: FIRST_DIRECTORY_GROUPS_PAGE }),
    // The notice of endpoints the console disabled.
    requestTarget(listWebhooks),
  ],
  '/users': [
    requestTarget(getLicenceTotals),
    requestTarget(listUsers, { query: FIRST_PAGE }),
    requestTarget(listSignInEvents, { query: RECENT_REFUSALS_QUERY }),
  ],
  // The Provisioning tab; the Audit log tab has `?tab=audit` in its address.
  '/activity': [requestTarget(listProvisioningActivity, { query: FIRST_PAGE })],
  '/admins': [requestTarget(listAdmins)],
  '/applications': [requestTarget(listApplications), requestTarget(listApiKeys)],
  '/webhooks': [requestTarget(listWebhooks)],
};

/** FIRST_SCREEN_TARGETS for any page, the page of one person included. */
export function firstScreenTargets(pathname: string): readonly string[] {
  const userId = userIdInPath(pathname);
  if (userId !== undefined) return [requestTarget(getUser, { params: { id: userId } })];
  return Object.hasOwn(FIRST_SCREEN_TARGETS, pathname)
    ? (FIRST_SCREEN_TARGETS[pathname] ?? [])
    : [];
}
