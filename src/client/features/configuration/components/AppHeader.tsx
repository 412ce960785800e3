import AppBar from '@mui/material/AppBar';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useSession } from '../../session/api/get-session';
import { SignOutButton } from '../../session/components/SignOutButton';

/** The top bar: product name, who is signed in, and "Sign out". Rendered as the page's header. */
export function AppHeader() {
  const { data: session } = useSession();
  return (
    <AppBar position="static" elevation={0}>
      <Toolbar sx={{ gap: 2 }}>
        <Typography component="p" variant="h6" sx={{ flexGrow: 1, fontWeight: 600 }}>
          Okta SSO Console
        </Typography>
        {session && (
          <Typography variant="body2" sx={{ display: { xs: 'none', sm: 'block' } }}>
            {session.admin.email}
          </Typography>
        )}
        <SignOutButton />
      </Toolbar>
    </AppBar>
  );
}
