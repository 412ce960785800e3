import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { Navigate, useLocation } from '../../../lib/router';
import { useSession } from '../api/get-session';
import { returnPathFrom } from '../utils/return-path';
import { SignInForm } from './SignInForm';

/** /sign-in. Someone already signed in goes on to the page they wanted. */
export default function SignInPage() {
  const { data: session } = useSession();
  const location = useLocation();
  if (session) return <Navigate to={returnPathFrom(location.state)} replace />;

  return (
    <Box
      component="main"
      sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2, bgcolor: 'grey.100' }}
    >
      <title>Sign in · Okta SSO Console</title>
      <Paper variant="outlined" sx={{ width: '100%', maxWidth: 400, p: 4 }}>
        <Typography variant="h5" component="h1" gutterBottom>
          Sign in to Okta SSO Console
        </Typography>
        <Typography color="text.secondary">
          Use the administrator account of this console.
        </Typography>
        <SignInForm />
      </Paper>
    </Box>
  );
}
