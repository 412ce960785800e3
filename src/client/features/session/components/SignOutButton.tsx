import Button from '@mui/material/Button';
import { Notice } from '../../../components/Notice';
import { useNavigate } from '../../../lib/router';
import { useSignOut } from '../api/sign-out';

/** Ends the session on the server, then shows the sign-in page. */
export function SignOutButton() {
  const signOut = useSignOut();
  const navigate = useNavigate();

  return (
    <>
      <Button
        color="inherit"
        variant="outlined"
        loading={signOut.isPending}
        onClick={() =>
          signOut.mutate(undefined, { onSuccess: () => navigate('/sign-in', { replace: true }) })
        }
      >
        Sign out
      </Button>
      <Notice
        open={signOut.isError}
        onClose={() => signOut.reset()}
        autoHideDuration={8000}
        message={`Sign-out failed: ${signOut.error?.message ?? ''}`}
      />
    </>
  );
}
