import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import type { DeprovisioningBurst } from '../../../../shared/api/activity';
import { useReactivateBurst } from '../api/reactivate-burst';
import { plural } from '../utils/labels';
import { reactivateLabel } from './BurstAlert';

export interface ReactivateBurstDialogProps {
  open: boolean;
  burst: DeprovisioningBurst;
  onClose(): void;
  /** Done; `reactivated` users are active again. */
  onDone(reactivated: number): void;
  /** After the dialog has faded out; the burst's alert, and its button, are gone when done. */
  onExited(done: boolean): void;
}

/** "Reactivate N users?": nothing is sent until the admin confirms. */
export default function ReactivateBurstDialog({
  open,
  burst,
  onClose,
  onDone,
  onExited,
}: ReactivateBurstDialogProps) {
  const reactivate = useReactivateBurst();
  return (
    <Dialog
      open={open}
      onClose={reactivate.isPending ? undefined : onClose}
      fullWidth
      maxWidth="sm"
      disableRestoreFocus={reactivate.isSuccess}
      slotProps={{ transition: { onExited: () => onExited(reactivate.isSuccess) } }}
    >
      <DialogTitle>{reactivateLabel(burst)}?</DialogTitle>
      <DialogContent>
        <Typography>
          The {plural(burst.deactivated, 'user')} that Okta deactivated in this burst become active
          here again, with the licences their groups give. Okta is not told: if they were unassigned
          in Okta by mistake, assign them again there too.
        </Typography>
        {reactivate.isError && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {reactivate.error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2, gap: 1 }}>
        <Button onClick={onClose} disabled={reactivate.isPending}>
          Cancel
        </Button>
        <Button
          variant="contained"
          loading={reactivate.isPending}
          loadingPosition="start"
          onClick={() =>
            reactivate.mutate(burst.id, { onSuccess: (result) => onDone(result.reactivated) })
          }
        >
          Reactivate
        </Button>
      </DialogActions>
    </Dialog>
  );
}
