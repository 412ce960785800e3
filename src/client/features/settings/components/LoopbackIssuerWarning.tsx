import Alert from '@mui/material/Alert';
import { useSettings } from '../api/get-settings';

/** Says loudly when the server accepts http loopback issuers, a mode meant only for tests. */
export function LoopbackIssuerWarning() {
  const { data: settings } = useSettings();
  if (!settings?.allowHttpLoopbackIssuer) return null;
  return (
    <Alert severity="warning" sx={{ mb: 3 }}>
      ALLOW_HTTP_LOOPBACK_ISSUER is on: http issuers on 127.0.0.1 and localhost are accepted. Use
      this for tests and demos only, never in production.
    </Alert>
  );
}
