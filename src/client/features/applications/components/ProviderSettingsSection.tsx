import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { CopyableValue } from './CopyableValue';

/** What every application needs to find the console: its issuer and discovery document. */
export function ProviderSettingsSection({
  issuer,
  discoveryUrl,
}: {
  issuer: string;
  discoveryUrl: string;
}) {
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby="provider-settings"
      sx={{ p: { xs: 2, sm: 3 }, mb: 3 }}
    >
      <Typography id="provider-settings" variant="h5" component="h2" gutterBottom>
        OpenID Connect settings
      </Typography>
      <Typography color="text.secondary">
        Your applications sign people in through this console with OpenID Connect (authorization
        code with PKCE). Most libraries need only the issuer, or the discovery URL, and the client
        ID and secret of the application.
      </Typography>
      <Typography component="h3" variant="subtitle1" sx={{ mt: 2, fontWeight: 600 }}>
        Issuer
      </Typography>
      <CopyableValue label="issuer" value={issuer} />
      <Typography component="h3" variant="subtitle1" sx={{ mt: 1, fontWeight: 600 }}>
        Discovery URL
      </Typography>
      <CopyableValue label="discovery URL" value={discoveryUrl} />
    </Paper>
  );
}
