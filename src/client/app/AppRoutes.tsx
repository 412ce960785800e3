import { lazy, type ReactNode, Suspense } from 'react';
import { PageSpinner } from '../components/PageSpinner';
import { RequireSession } from '../features/session/components/RequireSession';
import { useLocation } from '../lib/router';
import {
  loadActivityPage,
  loadAdminsPage,
  loadConfigurationPage,
  loadUsersPage,
} from './page-loaders';

const ConfigurationPage = lazy(loadConfigurationPage);
const UsersPage = lazy(loadUsersPage);
const ActivityPage = lazy(loadActivityPage);
const AdminsPage = lazy(loadAdminsPage);
const NotFoundPage = lazy(() => import('../features/not-found/NotFoundPage'));

/** The admin's pages, behind the session check. */
const ADMIN_PAGES: Record<string, () => ReactNode> = {
  '/': () => <ConfigurationPage />,
  '/users': () => <UsersPage />,
  '/activity': () => <ActivityPage />,
  '/admins': () => <AdminsPage />,
};

function page(pathname: string): ReactNode {
  const admin = Object.hasOwn(ADMIN_PAGES, pathname) ? ADMIN_PAGES[pathname] : undefined;
  if (admin) return <RequireSession>{admin()}</RequireSession>;
  return <NotFoundPage />;
}

export function AppRoutes() {
  const { pathname } = useLocation();
  return <Suspense fallback={<PageSpinner />}>{page(pathname)}</Suspense>;
}
