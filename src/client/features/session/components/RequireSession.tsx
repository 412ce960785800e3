import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Container from '@mui/material/Container';
import type { ReactNode } from 'react';
import { PageSpinner } from '../../../components/PageSpinner';
import { Navigate, useLocation } from '../../../lib/router';
import { useSession } from '../api/get-session';

/** Renders its page only for a signed-in admin; anyone else is sent to sign in first. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();

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
  if (!session.data) return <Navigate to="/sign-in" replace state={{ from: location }} />;
  return children;
}
