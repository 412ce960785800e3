import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/** The state of the mutation a confirm dialog runs: TanStack Query's useMutation result fits. */
export interface ConfirmMutation {
  isPending: boolean;
  isSuccess: boolean;
  isError: boolean;
  error: Error | null;
}

export interface ConfirmDialogProps {
  open: boolean;
  /** "Remove administrator?" */
  title: string;
  /** What happens when the admin confirms, as a sentence. */
  children: ReactNode;
  /** The destructive button's label: "Remove", "Revoke". */
  confirmLabel: string;
  mutation: ConfirmMutation;
  onConfirm(): void;
  onClose(): void;
  /**
   * After the dialog has faded out, with whether the action succeeded. When given, focus does
   * not return to the opening button after success (its row is gone): the caller moves it.
   */
  onExited?(succeeded: boolean): void;
}

/**
 * "Remove …?" / "Revoke …?": nothing is sent until the admin confirms. While the request runs the
 * dialog cannot be dismissed; a failure shows in the dialog and it stays open.
 */
export default function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  mutation,
  onConfirm,
  onClose,
  onExited,
}: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={mutation.isPending ? undefined : onClose}
      fullWidth
      maxWidth="xs"
      disableRestoreFocus={onExited !== undefined && mutation.isSuccess}
      slotProps={
        onExited ? { transition: { onExited: () => onExited(mutation.isSuccess) } } : undefined
      }
    >
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <Typography>{children}</Typography>
        {mutation.isError && mutation.error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {mutation.error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2, gap: 1 }}>
        <Button onClick={onClose} disabled={mutation.isPending}>
          Cancel
        </Button>
        <Button
          variant="contained"
          color="error"
          loading={mutation.isPending}
          loadingPosition="start"
          onClick={onConfirm}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
