import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';
import { DialogStatus } from './DialogStatus';

export interface CreateDialogActionsProps {
  /** The request is running: the submit button spins and Cancel is disabled. */
  pending: boolean;
  /** What the live region says while it runs: "Adding…". */
  pendingText: string;
  /** Created: the only button left is "Done" (the secret is shown once, above it). */
  done: boolean;
  /** "Add", "Create", "Add endpoint". */
  submitLabel: string;
  onClose(): void;
  /** Without it, the button submits the dialog's form. */
  onSubmit?(): void;
}

/** The footer of an Add/Create dialog: status, Cancel and the submit button; then "Done". */
export default function CreateDialogActions({
  pending,
  pendingText,
  done,
  submitLabel,
  onClose,
  onSubmit,
}: CreateDialogActionsProps) {
  return (
    <DialogActions sx={{ px: 3, pb: 2, gap: 1 }}>
      <DialogStatus pending={pending}>{pendingText}</DialogStatus>
      {done ? (
        <Button variant="contained" onClick={onClose}>
          Done
        </Button>
      ) : (
        <>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button
            type={onSubmit ? 'button' : 'submit'}
            variant="contained"
            loading={pending}
            loadingPosition="start"
            onClick={onSubmit}
          >
            {submitLabel}
          </Button>
        </>
      )}
    </DialogActions>
  );
}
