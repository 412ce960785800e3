import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Notice } from '../../../components/Notice';
import { useScimSummary } from '../api/get-scim-summary';
import { AccessKeysPanel } from './AccessKeysPanel';
import { ScimActivity } from './ScimActivity';
import { ScimConnection } from './ScimConnection';

/** "SCIM provisioning": where Okta pushes to, what it has pushed, and the keys it uses. */
export function ScimProvisioningSection() {
  const summary = useScimSummary();
  const [notice, setNotice] = useState({ open: false, message: '' });

  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby="scim-provisioning"
      sx={{ p: { xs: 2, sm: 3 }, mt: 3 }}
    >
      <Typography id="scim-provisioning" variant="h5" component="h2" sx={{ mb: 1 }}>
        SCIM provisioning
      </Typography>
      <Typography sx={{ mb: 2 }}>
        Okta's provisioning app pushes users, their updates and deactivations, groups and
        memberships here over SCIM 2.0.
      </Typography>
      {summary.error && <Alert severity="error">{summary.error.message}</Alert>}
      {summary.isPending && <Skeleton variant="rounded" height={200} />}
      {summary.data && (
        <>
          <ScimConnection scimBaseUrl={summary.data.scimBaseUrl} />
          <Typography variant="h6" component="h3" sx={{ mt: 3, mb: 1 }}>
            What Okta has pushed
          </Typography>
          <ScimActivity summary={summary.data} now={summary.dataUpdatedAt} />
        </>
      )}
      <Box sx={{ mt: 3 }}>
        <AccessKeysPanel onNotice={(message) => setNotice({ open: true, message })} />
      </Box>
      <Notice
        open={notice.open}
        onClose={() => setNotice((n) => ({ ...n, open: false }))}
        message={notice.message}
      />
    </Paper>
  );
}
