import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import type { ApiKeyView } from '../../../../shared/api/api-keys';
import { useRevokeApiKey } from '../api/revoke-api-key';

/** "Revoke API key?": its next request gets 401. */
export default function RevokeApiKeyDialog({
  open,
  apiKey,
  onClose,
}: {
  open: boolean;
  apiKey: ApiKeyView;
  onClose(): void;
}) {
  const revoke = useRevokeApiKey();
  return (
    <Dialog open={open} onClose={revoke.isPending ? undefined : onClose} fullWidth maxWidth="xs">
      <DialogTitle>Revoke API key?</DialogTitle>
      <DialogContent>
        <Typography>
          <strong>{apiKey.name}</strong> ({apiKey.prefix}…) stops working at once: the application's
          next request with it gets 401.
        </Typography>
        {revoke.isError && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {revoke.error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2, gap: 1 }}>
        <Button onClick={onClose} disabled={revoke.isPending}>
          Cancel
        </Button>
        <Button
          variant="contained"
          color="error"
          loading={revoke.isPending}
          loadingPosition="start"
          onClick={() => revoke.mutate(apiKey.id, { onSuccess: onClose })}
        >
          Revoke
        </Button>
      </DialogActions>
    </Dialog>
  );
}
