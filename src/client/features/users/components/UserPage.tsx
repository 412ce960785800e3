import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Container from '@mui/material/Container';
import Link from '@mui/material/Link';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { Badge } from '../../../components/Badge';
import { isApiError } from '../../../lib/api-error';
import { Link as RouterLink } from '../../../lib/router';
import { AppHeader } from '../../configuration/components/AppHeader';
import { useUser } from '../api/get-user';
import { licenceLabel } from '../utils/licence';
import { ProvisioningHistory, SignInHistory } from './UserHistory';
import { LicenceWhy, UserAttributes, UserGroups } from './UserSections';

function Frame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <>
      <title>{`${title} · Users · Okta SSO Console`}</title>
      <AppHeader />
      <Container component="main" maxWidth="lg" sx={{ py: 4 }}>
        <Link component={RouterLink} to="/users" sx={{ display: 'inline-block', mb: 1 }}>
          ← All users
        </Link>
        {children}
      </Container>
    </>
  );
}

/** "/users/{id}": one person, what Okta sent about them, their licence and why, their history. */
export default function UserPage({ id }: { id: string }) {
  const user = useUser(id);
  if (user.isPending) {
    return (
      <Frame title="User">
        <Skeleton variant="text" width="40%" height={48} />
        <Skeleton variant="rounded" height={240} />
      </Frame>
    );
  }
  if (user.isError) {
    const error = user.error;
    const notFound = isApiError(error) && error.status === 404;
    const message = isApiError(error) ? (error.fields.id ?? error.message) : error.message;
    return (
      <Frame title={notFound ? 'User not found' : 'User'}>
        <Typography variant="h4" component="h1" gutterBottom>
          {notFound ? 'User not found' : 'User'}
        </Typography>
        <Alert severity={notFound ? 'info' : 'error'}>
          {notFound ? 'Okta has not provisioned a user with this id, or deleted them.' : message}
        </Alert>
      </Frame>
    );
  }
  const data = user.data;
  return (
    <Frame title={data.name}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1.5, mb: 3 }}>
        <Typography variant="h4" component="h1" sx={{ overflowWrap: 'anywhere' }}>
          {data.name}
        </Typography>
        <Badge
          variant={data.licence === 'none' ? 'outlined' : 'filled'}
          color={data.licence === 'pro' ? 'primary' : 'default'}
          label={`Licence ${licenceLabel[data.licence]}`}
        />
        <Badge
          variant="outlined"
          color={data.active ? 'success' : 'warning'}
          label={data.active ? 'Active' : 'Deactivated'}
        />
      </Box>
      <LicenceWhy user={data} />
      <UserAttributes user={data} />
      <UserGroups user={data} />
      <ProvisioningHistory entries={data.provisioning} />
      <SignInHistory events={data.signIns} />
    </Frame>
  );
}
