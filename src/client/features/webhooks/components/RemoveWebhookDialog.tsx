import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import type { WebhookEndpointView } from '../../../../shared/api/webhooks';
import { useDeleteWebhook } from '../api/delete-webhook';

/** "Remove endpoint?": nothing is sent until the admin confirms. */
export default function RemoveWebhookDialog({
  open,
  endpoint,
  onClose,
  onRemoved,
}: {
  open: boolean;
  endpoint: WebhookEndpointView;
  onClose(): void;
  onRemoved(): void;
}) {
  const remove = useDeleteWebhook();
  return (
    <Dialog open={open} onClose={remove.isPending ? undefined : onClose} fullWidth maxWidth="xs">
      <DialogTitle>Remove endpoint?</DialogTitle>
      <DialogContent>
        <Typography>
          <strong>{endpoint.url}</strong> gets no more events, and its delivery log is deleted
          {endpoint.pending > 0 ? `, with ${endpoint.pending} deliveries not sent yet` : ''}.
        </Typography>
        {remove.isError && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {remove.error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2, gap: 1 }}>
        <Button onClick={onClose} disabled={remove.isPending}>
          Cancel
        </Button>
        <Button
          variant="contained"
          color="error"
          loading={remove.isPending}
          loadingPosition="start"
          onClick={() => remove.mutate(endpoint.id, { onSuccess: onRemoved })}
        >
          Remove
        </Button>
      </DialogActions>
    </Dialog>
  );
}
