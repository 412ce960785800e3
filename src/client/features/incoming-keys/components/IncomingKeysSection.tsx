import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useState } from 'react';
import { Notice } from '../../../components/Notice';
import { useSettings } from '../../settings/api/get-settings';
import { useIncomingKeys } from '../api/get-incoming-keys';
import { IncomingKeysSummary } from './IncomingKeysSummary';
import { OktaPasteValues } from './OktaPasteValues';

const loadDialog = () => import('./IncomingKeysDialog');
const IncomingKeysDialog = lazy(loadDialog);

/** "Incoming keys": what to paste into Okta, what Okta gave back, and the dialog to set it. */
export function IncomingKeysSection() {
  const keys = useIncomingKeys();
  const settings = useSettings();
  // `key` changes on every opening, so the form starts again from the stored values.
  const [dialog, setDialog] = useState({ open: false, key: 0 });
  const [notice, setNotice] = useState({ open: false, message: '' });
  const announce = (message: string) => setNotice({ open: true, message });
  const failure = keys.error ?? settings.error;

  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby="incoming-keys"
      sx={{ p: { xs: 2, sm: 3 } }}
    >
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <Typography id="incoming-keys" variant="h5" component="h2" sx={{ flexGrow: 1 }}>
          Incoming keys
        </Typography>
        <Button
          variant="contained"
          disabled={!keys.data || !settings.data}
          onPointerEnter={loadDialog}
          onFocus={loadDialog}
          onClick={() => setDialog(({ key }) => ({ open: true, key: key + 1 }))}
        >
          Set up incoming keys
        </Button>
      </Box>
      {failure && <Alert severity="error">{failure.message}</Alert>}
      {keys.isPending && <Skeleton variant="rounded" height={120} />}
      {keys.data && !keys.data.configured && (
        <Typography sx={{ mb: 2 }}>
          Sign-in with Okta is not configured yet. Create the OpenID Connect application in Okta,
          then choose <strong>Set up incoming keys</strong> and paste its keys.
        </Typography>
      )}
      {keys.data?.configured && (
        <IncomingKeysSummary
          keys={keys.data}
          onVerified={() => announce('Incoming keys verified with Okta.')}
        />
      )}
      <Typography variant="h6" component="h3" sx={{ mt: 3, mb: 1 }}>
        Paste into the Okta application
      </Typography>
      {settings.data ? (
        <OktaPasteValues settings={settings.data} />
      ) : (
        settings.isPending && <Skeleton variant="rounded" height={80} />
      )}
      {dialog.key > 0 && keys.data && settings.data && (
        <Suspense fallback={null}>
          <IncomingKeysDialog
            key={dialog.key}
            open={dialog.open}
            stored={keys.data}
            allowHttpLoopback={settings.data.allowHttpLoopbackIssuer}
            onClose={() => setDialog((d) => ({ ...d, open: false }))}
            onSaved={() => {
              setDialog((d) => ({ ...d, open: false }));
              announce('Incoming keys saved and verified.');
            }}
          />
        </Suspense>
      )}
      <Notice
        open={notice.open}
        onClose={() => setNotice((n) => ({ ...n, open: false }))}
        message={notice.message}
      />
    </Paper>
  );
}
