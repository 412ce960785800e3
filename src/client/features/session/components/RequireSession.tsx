import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Container from '@mui/material/Container';
import { lazy, type ReactNode, useEffect } from 'react';
import { signInPath } from '../../../../shared/return-path';
import { PageSpinner } from '../../../components/PageSpinner';
import { useLeave, useLocation } from '../../../lib/router';
import { useSession } from '../api/get-session';

const ChoosePasswordPage = lazy(() => import('./ChoosePasswordPage'));

/** The server's sign-in page, which returns here afterwards: a full page load, not a route. */
function GoToSignIn({ to }: { to: string }) {
  const leave = useLeave();
  useEffect(() => {
    leave(to);
  }, [leave, to]);
  return <PageSpinner />;
}

/**
 * Renders its page only for a signed-in admin; anyone else is sent to sign in first, and an admin
 * whose password the console made chooses their own before anything else.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const { pathname, search, hash } = useLocation();

  if (session.isPending) return <PageSpinner />;
  if (session.isError) {
    return (
      <Container component="main" maxWidth="sm" sx={{ py: 6 }}>
        <Alert
          severity="error"
          action={
            <Button color="inherit" onClick={() => session.refetch()}>
              Try again
            </Button>
          }
        >
          {session.error.message}
        </Alert>
      </Container>
    );
  }
  if (!session.data) return <GoToSignIn to={signInPath(`${pathname}${search}${hash}`)} />;
  if (session.data.mustChangePassword) return <ChoosePasswordPage />;
  return children;
}
