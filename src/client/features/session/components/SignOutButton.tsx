import Button from '@mui/material/Button';
import { signInPath } from '../../../../shared/return-path';
import { Notice } from '../../../components/Notice';
import { useLeave, useLocation } from '../../../lib/router';
import { useSignOut } from '../api/sign-out';

/** Ends the session on the server, then opens the sign-in page (the server's), to return here. */
export function SignOutButton() {
  const signOut = useSignOut();
  const leave = useLeave();
  const { pathname, search } = useLocation();
  // The same address the session guard goes to once it sees nobody signed in: back here after.
  const signIn = signInPath(`${pathname}${search}`);

  return (
    <>
      <Button
        color="inherit"
        variant="outlined"
        loading={signOut.isPending}
        onClick={() => signOut.mutate(undefined, { onSuccess: () => leave(signIn) })}
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
