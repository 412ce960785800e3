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
 * Starts loading the first page's code at once. main.tsx calls it before the app's own code has
 * arrived, so the page chunk downloads alongside it instead of after it.
 */
export function preloadPageFor(pathname: string): void {
  if (pathname === '/') void loadConfigurationPage();
  else if (pathname === '/users') void loadUsersPage();
  else if (pathname.startsWith('/users/')) void loadUserPage();
  else if (pathname === '/activity') void loadActivityPage();
  else if (pathname === '/admins') void loadAdminsPage();
  else if (pathname === '/applications') void loadApplicationsPage();
  else if (pathname === '/webhooks') void loadWebhooksPage();
}
