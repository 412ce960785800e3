import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import type { AccessKeyView } from '../../../../shared/api/access-keys';
import { useRevokeAccessKey } from '../api/revoke-access-key';
import { keyLabel } from '../utils/access-keys';

export interface RevokeAccessKeyDialogProps {
  open: boolean;
  accessKey: AccessKeyView;
  onClose(): void;
  onRevoked(): void;
  /** After the dialog has faded out; the revoked row has no button to return focus to. */
  onExited(revoked: boolean): void;
}

/** "Revoke access key?": nothing is sent until the admin confirms. */
export default function RevokeAccessKeyDialog({
  open,
  accessKey,
  onClose,
  onRevoked,
  onExited,
}: RevokeAccessKeyDialogProps) {
  const revoke = useRevokeAccessKey();
  const label = keyLabel(accessKey);

  return (
    <Dialog
      open={open}
      onClose={revoke.isPending ? undefined : onClose}
      fullWidth
      maxWidth="xs"
      disableRestoreFocus={revoke.isSuccess}
      slotProps={{ transition: { onExited: () => onExited(revoke.isSuccess) } }}
    >
      <DialogTitle>Revoke access key?</DialogTitle>
      <DialogContent>
        <Typography>
          Okta requests with <code>{label}</code> get 401 from the next request on. If Okta still
          uses this key, provisioning stops until you paste another key into Okta.
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
          onClick={() => revoke.mutate(accessKey.id, { onSuccess: onRevoked })}
        >
          Revoke
        </Button>
      </DialogActions>
    </Dialog>
  );
}
