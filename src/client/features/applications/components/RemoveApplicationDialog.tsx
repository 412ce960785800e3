import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import type { ApplicationView } from '../../../../shared/api/applications';
import { useRemoveApplication } from '../api/remove-application';

/** "Remove application?": nothing is sent until the admin confirms. */
export default function RemoveApplicationDialog({
  open,
  application,
  onClose,
  onRemoved,
  onExited,
}: {
  open: boolean;
  application: ApplicationView;
  onClose(): void;
  onRemoved(): void;
  onExited(removed: boolean): void;
}) {
  const remove = useRemoveApplication();
  return (
    <Dialog
      open={open}
      onClose={remove.isPending ? undefined : onClose}
      fullWidth
      maxWidth="xs"
      disableRestoreFocus={remove.isSuccess}
      slotProps={{ transition: { onExited: () => onExited(remove.isSuccess) } }}
    >
      <DialogTitle>Remove application?</DialogTitle>
      <DialogContent>
        <Typography>
          <strong>{application.name}</strong> can no longer sign anyone in through this console.
          Everyone signed in to it through the console is signed out of it at once.
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
          onClick={() => remove.mutate(application.clientId, { onSuccess: onRemoved })}
        >
          Remove
        </Button>
      </DialogActions>
    </Dialog>
  );
}
