import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import MuiLink from '@mui/material/Link';
import { Link } from '../../../lib/router';
import { useWebhooks } from '../api/list-webhooks';

/** On the main page: endpoints the console disabled because deliveries kept failing. */
export function WebhookDisabledAlert() {
  const { data } = useWebhooks();
  const disabled = data?.endpoints.filter((e) => !e.enabled && e.disabledReason) ?? [];
  if (disabled.length === 0) return null;
  return (
    <Alert severity="warning" sx={{ mb: 3 }}>
      <AlertTitle>
        {disabled.length === 1
          ? 'A webhook endpoint was disabled'
          : 'Webhook endpoints were disabled'}
      </AlertTitle>
      {disabled.map((e) => (
        <p key={e.id} style={{ margin: '0 0 4px' }}>
          <strong>{e.url}</strong>: {e.disabledReason}
        </p>
      ))}
      Fix the receiver, then enable it again on the{' '}
      <MuiLink component={Link} to="/webhooks">
        Webhooks page
      </MuiLink>
      : the events it missed are sent then.
    </Alert>
  );
}
