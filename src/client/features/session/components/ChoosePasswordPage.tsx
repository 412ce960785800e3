import { zodResolver } from '@hookform/resolvers/zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { MIN_PASSWORD_LENGTH } from '../../../../shared/api/admins';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { SecretFieldControl } from '../../../components/SecretFieldControl';
import { showServerError } from '../../../lib/form-errors';
import { useChangePassword } from '../../admins/api/change-password';
import {
  type ChangePasswordFormValues,
  changePasswordForm,
  changePasswordRequest,
  emptyChangePasswordForm,
} from '../../admins/utils/change-password-form';
import { sessionQueryOptions } from '../api/get-session';
import { SignOutButton } from './SignOutButton';

/**
 * Shown instead of every page while the admin's password is one the console made (the first
 * admin's, printed in the log; one from "Add administrator" or `npm run admin:password`). The
 * server refuses everything else until then (403 password_change_required).
 */
export default function ChoosePasswordPage() {
  const queryClient = useQueryClient();
  const change = useChangePassword();
  const form = useForm<ChangePasswordFormValues>({
    resolver: zodResolver(changePasswordForm),
    defaultValues: emptyChangePasswordForm,
  });

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await change.mutateAsync(changePasswordRequest(values));
      // The page the admin opened renders now, and asks for its data.
      queryClient.setQueryData(sessionQueryOptions().queryKey, (session) =>
        session ? { ...session, mustChangePassword: false } : session,
      );
    } catch (error) {
      showServerError(error, ['currentPassword', 'newPassword'], form.setError);
    }
  });

  return (
    <Box
      component="main"
      sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2, bgcolor: 'grey.100' }}
    >
      <title>Choose a new password · Okta SSO Console</title>
      <Paper variant="outlined" sx={{ width: '100%', maxWidth: 440, p: 4 }}>
        <Typography variant="h5" component="h1" gutterBottom>
          Choose a new password
        </Typography>
        <Typography color="text.secondary">
          The console made the password you signed in with. Choose your own to continue; nobody else
          will see it.
        </Typography>
        <form onSubmit={onSubmit} noValidate>
          <FormErrorAlert errors={form.formState.errors} />
          <SecretFieldControl
            control={form.control}
            name="currentPassword"
            label="Current password"
            autoComplete="current-password"
            hint="The password you just signed in with."
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
          <Box sx={{ display: 'flex', gap: 2, mt: 3, justifyContent: 'space-between' }}>
            <SignOutButton />
            <Button type="submit" variant="contained" loading={change.isPending}>
              Save and continue
            </Button>
          </Box>
        </form>
      </Paper>
    </Box>
  );
}
