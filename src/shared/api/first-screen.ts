import { listAccessKeys } from './access-keys';
import { CHART_HOURS, getActivityChart, getSyncHealth } from './activity';
import { FIRST_DIRECTORY_GROUPS_PAGE, listDirectoryGroups } from './directory-groups';
import { requestTarget } from './endpoint';
import { getIncomingKeys } from './incoming-keys';
import { getScimSummary } from './scim-summary';
import { getSession } from './session';
import { getSettings } from './settings';
import { getLicenceTotals } from './users';

/** The session check every page of the console starts with. */
export const SESSION_TARGET = requestTarget(getSession);

/**
 * The GET requests a page makes for its first screen, as the client sends them. When it serves
 * the page to a signed-in admin, the server answers these itself and puts the answers in the HTML
 * (`EMBEDDED_ANSWERS_ID`), so the first screen is drawn once, complete, with no API round trip.
 * The client's prefetch for the page asks for the same (src/client/app/prefetch-main-page.ts);
 * the end-to-end test "the main page needs no API round trip" fails when they drift apart.
 */
export const FIRST_SCREEN_TARGETS: Readonly<Record<string, readonly string[]>> = {
  '/': [
    requestTarget(getSettings),
    requestTarget(getIncomingKeys),
    requestTarget(listAccessKeys),
    requestTarget(getScimSummary),
    requestTarget(getSyncHealth),
    requestTarget(getActivityChart, { query: { hours: CHART_HOURS } }),
    requestTarget(getLicenceTotals),
    requestTarget(listDirectoryGroups, { query: FIRST_DIRECTORY_GROUPS_PAGE }),
  ],
};
