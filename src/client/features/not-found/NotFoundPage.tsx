import Container from '@mui/material/Container';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from '../../lib/router';

export default function NotFoundPage() {
  return (
    <Container component="main" maxWidth="sm" sx={{ py: 8 }}>
      <title>Page not found · Okta SSO Console</title>
      <Typography variant="h4" component="h1" gutterBottom>
        Page not found
      </Typography>
      <Typography sx={{ mb: 2 }}>There is no page at this address.</Typography>
      <Link component={RouterLink} to="/">
        Go to the Okta single-sign on configuration
      </Link>
    </Container>
  );
}
