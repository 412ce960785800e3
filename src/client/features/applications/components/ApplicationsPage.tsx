import Alert from '@mui/material/Alert';
import Container from '@mui/material/Container';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { ApiKeysSection } from '../../api-keys/components/ApiKeysSection';
import { AppHeader } from '../../configuration/components/AppHeader';
import { useApplications } from '../api/list-applications';
import { ApplicationsSection } from './ApplicationsSection';
import { ProviderSettingsSection } from './ProviderSettingsSection';

/**
 * "/applications": the console as the applications' OpenID Provider, and the read-only API keys
 * their backends use for /api/v1 (events, users, groups).
 */
export default function ApplicationsPage() {
  const list = useApplications();
  return (
    <>
      <title>Applications · Okta SSO Console</title>
      <AppHeader />
      <Container component="main" maxWidth="lg" sx={{ py: 4 }}>
        <Typography variant="h4" component="h1" gutterBottom>
          Applications
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 3 }}>
          The applications that sign people in through this console. Each one learns who signed in
          and whether they hold a Basic or Pro licence.
        </Typography>
        {list.error && <Alert severity="error">{list.error.message}</Alert>}
        {list.isPending && <Skeleton variant="rounded" height={160} />}
        {list.data && (
          <>
            <ProviderSettingsSection
              issuer={list.data.issuer}
              discoveryUrl={list.data.discoveryUrl}
            />
            <ApplicationsSection applications={list.data.applications} />
          </>
        )}
        <ApiKeysSection />
      </Container>
    </>
  );
}
