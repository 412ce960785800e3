import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import type { AdminView } from '../../../../shared/api/admins';
import { useRemoveAdmin } from '../api/remove-admin';

export interface RemoveAdminDialogProps {
  open: boolean;
  admin: AdminView;
  onClose(): void;
  onRemoved(): void;
  /** After the dialog has faded out; the removed row has no button to return focus to. */
  onExited(removed: boolean): void;
}

/** "Remove administrator?": nothing is sent until the admin confirms. */
export default function RemoveAdminDialog({
  open,
  admin,
  onClose,
  onRemoved,
  onExited,
}: RemoveAdminDialogProps) {
  const remove = useRemoveAdmin();
  return (
    <Dialog
      open={open}
      onClose={remove.isPending ? undefined : onClose}
      fullWidth
      maxWidth="xs"
      disableRestoreFocus={remove.isSuccess}
      slotProps={{ transition: { onExited: () => onExited(remove.isSuccess) } }}
    >
      <DialogTitle>Remove administrator?</DialogTitle>
      <DialogContent>
        <Typography>
          <strong>{admin.email}</strong> can no longer sign in to this console
          {admin.activeSessions > 0 ? ', and is signed out everywhere at once' : ''}. Okta sign-in
          and provisioning are not affected.
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
          onClick={() => remove.mutate(admin.id, { onSuccess: onRemoved })}
        >
          Remove
        </Button>
      </DialogActions>
    </Dialog>
  );
}
