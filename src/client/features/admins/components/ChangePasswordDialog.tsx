import { zodResolver } from '@hookform/resolvers/zod';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useForm } from 'react-hook-form';
import { MIN_PASSWORD_LENGTH } from '../../../../shared/api/admins';
import { DialogStatus } from '../../../components/DialogStatus';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { SecretFieldControl } from '../../../components/SecretFieldControl';
import { showServerError } from '../../../lib/form-errors';
import { useChangePassword } from '../api/change-password';
import {
  type ChangePasswordFormValues,
  changePasswordForm,
  changePasswordRequest,
  emptyChangePasswordForm,
} from '../utils/change-password-form';

export interface ChangePasswordDialogProps {
  open: boolean;
  onClose(): void;
  onChanged(): void;
}

/** "Change password": the current one, then the new one twice; other sessions end on Save. */
export default function ChangePasswordDialog({
  open,
  onClose,
  onChanged,
}: ChangePasswordDialogProps) {
  const change = useChangePassword();
  const form = useForm<ChangePasswordFormValues>({
    resolver: zodResolver(changePasswordForm),
    defaultValues: emptyChangePasswordForm,
  });

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await change.mutateAsync(changePasswordRequest(values));
      onChanged();
    } catch (error) {
      showServerError(error, ['currentPassword', 'newPassword'], form.setError);
    }
  });

  return (
    <Dialog open={open} onClose={change.isPending ? undefined : onClose} fullWidth maxWidth="xs">
      <form onSubmit={onSubmit} noValidate>
        <DialogTitle>Change password</DialogTitle>
        <DialogContent>
          <Typography color="text.secondary">
            Your other sessions end when the password changes; this one stays signed in.
          </Typography>
          <FormErrorAlert errors={form.formState.errors} />
          <SecretFieldControl
            control={form.control}
            name="currentPassword"
            label="Current password"
            autoComplete="current-password"
            autoFocus
          />
          <SecretFieldControl
            control={form.control}
            name="newPassword"
            label="New password"
            autoComplete="new-password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a good one.`}
          />
          <SecretFieldControl
            control={form.control}
            name="confirmPassword"
            label="Confirm new password"
            autoComplete="new-password"
          />
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2, gap: 1 }}>
          <DialogStatus pending={change.isPending}>Changing the password…</DialogStatus>
          <Button onClick={onClose} disabled={change.isPending}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="contained"
            loading={change.isPending}
            loadingPosition="start"
          >
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
