// Each page is its own chunk: the first load carries only the shell and the session check.
// The sign-in page is not one of them: the server renders it (http/pages/sign-in-page.ts).
export const loadConfigurationPage = () =>
  import('../features/configuration/components/ConfigurationPage');
export const loadUsersPage = () => import('../features/users/components/UsersPage');
export const loadUserPage = () => import('../features/users/components/UserPage');
export const loadActivityPage = () => import('../features/activity/components/ActivityPage');
export const loadAdminsPage = () => import('../features/admins/components/AdminsPage');
export const loadApplicationsPage = () =>
  import('../features/applications/components/ApplicationsPage');
export const loadWebhooksPage = () => import('../features/webhooks/components/WebhooksPage');

/**
 * Starts loading the first page's code. main.tsx calls it before the app's own code has arrived,
 * so the page chunk downloads alongside it instead of after it (or, for a page the server
 * rendered, as a step of its own before the app's).
 */
export function preloadPageFor(pathname: string): Promise<unknown> | undefined {
  if (pathname === '/') return loadConfigurationPage();
  if (pathname === '/users') return loadUsersPage();
  if (pathname.startsWith('/users/')) return loadUserPage();
  if (pathname === '/activity') return loadActivityPage();
  if (pathname === '/admins') return loadAdminsPage();
  if (pathname === '/applications') return loadApplicationsPage();
  if (pathname === '/webhooks') return loadWebhooksPage();
  return undefined;
}
