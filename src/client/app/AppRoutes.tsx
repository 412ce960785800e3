import { lazy, type ReactNode, Suspense } from 'react';
import { userIdInPath } from '../../shared/user-path';
import { PageSpinner } from '../components/PageSpinner';
import { RequireSession } from '../features/session/components/RequireSession';
import { useLocation } from '../lib/router';
import { Interactive } from './Interactive';
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

function page(pathname: string): ReactNode {
  const userId = userIdInPath(pathname);
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
  return (
    <Suspense fallback={<PageSpinner />}>
      {page(pathname)}
      <Interactive />
    </Suspense>
  );
}
