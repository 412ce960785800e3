import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { ApplicationView } from '../../../../shared/api/applications';
import { DialogStatus } from '../../../components/DialogStatus';
import { RadioGroupControl } from '../../../components/RadioGroupControl';
import { closeGuard } from '../../../components/ShownOnce';
import { useRotateApplicationSecret } from '../api/rotate-application-secret';
import { DEFAULT_GRACE, GRACE_OPTIONS, rotateForm } from '../utils/application-form';
import { NewClientSecret } from './NewClientSecret';

/** "Rotate secret": how long the old secret keeps working, then the new one, once. */
export default function RotateSecretDialog({
  open,
  application,
  onClose,
}: {
  open: boolean;
  application: ApplicationView;
  onClose(): void;
}) {
  const rotate = useRotateApplicationSecret();
  const rotated = rotate.data;
  const form = useForm<z.input<typeof rotateForm>>({
    resolver: zodResolver(rotateForm),
    defaultValues: { graceHours: DEFAULT_GRACE },
  });
  const onSubmit = form.handleSubmit(async ({ graceHours }) => {
    await rotate
      .mutateAsync({
        clientId: application.clientId,
        body: { graceHours: Number(graceHours) as 0 | 1 | 24 | 168 },
      })
      .catch(() => undefined);
  });

  return (
    <Dialog
      open={open}
      onClose={closeGuard(rotate.isPending, Boolean(rotated), onClose)}
      fullWidth
      maxWidth="sm"
      slotProps={{ transition: { onExited: () => rotate.reset() } }}
    >
      <form onSubmit={onSubmit} noValidate>
        <DialogTitle>Rotate the secret of {application.name}</DialogTitle>
        <DialogContent>
          {rotated ? (
            <NewClientSecret
              name={rotated.application.name}
              clientId={rotated.application.clientId}
              secret={rotated.clientSecret}
            />
          ) : (
            <>
              <Typography color="text.secondary">
                The console makes a new secret. Keep the old one working long enough to put the new
                one in the application's settings.
              </Typography>
              <RadioGroupControl
                control={form.control}
                name="graceHours"
                label="The old secret keeps working for"
                options={GRACE_OPTIONS}
              />
              {rotate.isError && (
                <Alert severity="error" sx={{ mt: 2 }}>
                  {rotate.error.message}
                </Alert>
              )}
            </>
          )}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2, gap: 1 }}>
          <DialogStatus pending={rotate.isPending}>Rotating…</DialogStatus>
          {rotated ? (
            <Button variant="contained" onClick={onClose}>
              Done
            </Button>
          ) : (
            <>
              <Button onClick={onClose} disabled={rotate.isPending}>
                Cancel
              </Button>
              <Button
                type="submit"
                variant="contained"
                loading={rotate.isPending}
                loadingPosition="start"
              >
                Rotate secret
              </Button>
            </>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
