import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { PageSpinner } from '../components/PageSpinner';
import { RequireSession } from '../features/session/components/RequireSession';
import {
  loadActivityPage,
  loadConfigurationPage,
  loadSignInPage,
  loadUsersPage,
} from './page-loaders';

const SignInPage = lazy(loadSignInPage);
const ConfigurationPage = lazy(loadConfigurationPage);
const UsersPage = lazy(loadUsersPage);
const ActivityPage = lazy(loadActivityPage);
const NotFoundPage = lazy(() => import('../features/not-found/NotFoundPage'));

export function AppRoutes() {
  return (
    <Suspense fallback={<PageSpinner />}>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route element={<RequireSession />}>
          <Route path="/" element={<ConfigurationPage />} />
          <Route path="/users" element={<UsersPage />} />
          <Route path="/activity" element={<ActivityPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}
