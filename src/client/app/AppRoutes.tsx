import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { PageSpinner } from '../components/PageSpinner';
import { RequireSession } from '../features/session/components/RequireSession';

// Each page is its own chunk: the first load carries only the shell and the session check.
const loadSignInPage = () => import('../features/session/components/SignInPage');
const loadConfigurationPage = () =>
  import('../features/configuration/components/ConfigurationPage');
const SignInPage = lazy(loadSignInPage);
const ConfigurationPage = lazy(loadConfigurationPage);
const NotFoundPage = lazy(() => import('../features/not-found/NotFoundPage'));

/** Starts loading the first page's code at once, in parallel with the session check. */
export function preloadPageFor(pathname: string): void {
  if (pathname === '/') void loadConfigurationPage();
  else if (pathname === '/sign-in') void loadSignInPage();
}

export function AppRoutes() {
  return (
    <Suspense fallback={<PageSpinner />}>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route element={<RequireSession />}>
          <Route path="/" element={<ConfigurationPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}
