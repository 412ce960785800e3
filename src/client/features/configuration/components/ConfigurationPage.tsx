import Container from '@mui/material/Container';
import Typography from '@mui/material/Typography';
import { ScimProvisioningSection } from '../../access-keys/components/ScimProvisioningSection';
import { SyncHealthSection } from '../../activity/components/SyncHealthSection';
import { DirectoryGroupsSection } from '../../directory-groups/components/DirectoryGroupsSection';
import { IncomingKeysSection } from '../../incoming-keys/components/IncomingKeysSection';
import { LoopbackIssuerWarning } from '../../settings/components/LoopbackIssuerWarning';
import { SetupChecklist } from '../../setup/components/SetupChecklist';
import { WebhookDisabledAlert } from '../../webhooks/components/WebhookDisabledAlert';
import { AppHeader } from './AppHeader';

/** "/": the Okta single-sign on configuration page. Later issues add SCIM keys and groups. */
export default function ConfigurationPage() {
  return (
    <>
      <title>Okta single-sign on configuration · Okta SSO Console</title>
      <AppHeader />
      <Container component="main" maxWidth="md" sx={{ py: 4 }}>
        <Typography variant="h4" component="h1" gutterBottom>
          Okta single-sign on configuration
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 3 }}>
          Connect this console to Okta: people sign in through an Okta OpenID Connect application,
          and Okta's provisioning app keeps users and groups in step.
        </Typography>
        <LoopbackIssuerWarning />
        <WebhookDisabledAlert />
        <SetupChecklist />
        <IncomingKeysSection />
        <ScimProvisioningSection />
        <SyncHealthSection />
        <DirectoryGroupsSection />
      </Container>
    </>
  );
}
