import { lazy, type ReactNode, Suspense } from 'react';
import { PageSpinner } from '../components/PageSpinner';
import { RequireSession } from '../features/session/components/RequireSession';
import { useLocation } from '../lib/router';
import {
  loadActivityPage,
  loadAdminsPage,
  loadApplicationsPage,
  loadConfigurationPage,
  loadUserPage,
  loadUsersPage,
  loadWebhooksPage,
} from './page-loaders';

const ConfigurationPage = lazy(loadConfigurationPage);
const UsersPage = lazy(loadUsersPage);
const UserPage = lazy(loadUserPage);
const ActivityPage = lazy(loadActivityPage);
const AdminsPage = lazy(loadAdminsPage);
const ApplicationsPage = lazy(loadApplicationsPage);
const WebhooksPage = lazy(loadWebhooksPage);
const NotFoundPage = lazy(() => import('../features/not-found/NotFoundPage'));

/** The admin's pages, behind the session check. */
const ADMIN_PAGES: Record<string, () => ReactNode> = {
  '/': () => <ConfigurationPage />,
  '/users': () => <UsersPage />,
  '/activity': () => <ActivityPage />,
  '/applications': () => <ApplicationsPage />,
  '/admins': () => <AdminsPage />,
  '/webhooks': () => <WebhooksPage />,
};

/** The id in `/users/{id}`, decoded; undefined for any other address. */
function userIdIn(pathname: string): string | undefined {
  const segment = /^\/users\/([^/]+)$/.exec(pathname)?.[1];
  try {
    return segment === undefined ? undefined : decodeURIComponent(segment);
  } catch {
    return segment; // Malformed escapes: the server answers 400 for them, shown on the page.
  }
}

function page(pathname: string): ReactNode {
  const userId = userIdIn(pathname);
  if (userId !== undefined) {
    return (
      <RequireSession>
        <UserPage id={userId} />
      </RequireSession>
    );
  }
  const admin = Object.hasOwn(ADMIN_PAGES, pathname) ? ADMIN_PAGES[pathname] : undefined;
  if (admin) return <RequireSession>{admin()}</RequireSession>;
  return <NotFoundPage />;
}

export function AppRoutes() {
  const { pathname } = useLocation();
  return <Suspense fallback={<PageSpinner />}>{page(pathname)}</Suspense>;
}
