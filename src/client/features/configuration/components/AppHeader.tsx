import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { NavLink } from '../../../lib/router';
import { useSession } from '../../session/api/get-session';
import { SignOutButton } from '../../session/components/SignOutButton';

const NAV = [
  { to: '/', label: 'Configuration' },
  { to: '/users', label: 'Users' },
  { to: '/activity', label: 'Activity' },
  { to: '/applications', label: 'Applications' },
  { to: '/webhooks', label: 'Webhooks' },
  { to: '/admins', label: 'Administrators' },
];

/** The top bar: product name, the pages, who is signed in, and "Sign out". Rendered as the page's header. */
export function AppHeader() {
  const { data: session } = useSession();
  return (
    <AppBar position="static" elevation={0}>
      {/* On a phone the bar wraps to a second line rather than pushing "Sign out" off its edge. */}
      <Toolbar sx={{ columnGap: 2, rowGap: 0.5, flexWrap: 'wrap', py: { xs: 1, sm: 0 } }}>
        <Typography component="p" variant="h6" sx={{ fontWeight: 600 }}>
          Okta SSO Console
        </Typography>
        <Box
          component="nav"
          aria-label="Main"
          sx={{ flexGrow: 1, display: 'flex', flexWrap: 'wrap', gap: { xs: 0, sm: 1 } }}
        >
          {NAV.map(({ to, label }) => (
            <Button
              key={to}
              component={NavLink}
              to={to}
              color="inherit"
              sx={{ '&[aria-current="page"]': { textDecoration: 'underline 2px' } }}
            >
              {label}
            </Button>
          ))}
        </Box>
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
