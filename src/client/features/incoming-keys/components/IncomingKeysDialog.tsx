import { zodResolver } from '@hookform/resolvers/zod';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useForm } from 'react-hook-form';
import type { IncomingKeysView } from '../../../../shared/api/incoming-keys';
import { DialogStatus } from '../../../components/DialogStatus';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { showServerError } from '../../../lib/form-errors';
import { useSaveIncomingKeys } from '../api/save-incoming-keys';
import {
  formDefaults,
  type IncomingKeysFormOutput,
  type IncomingKeysFormValues,
  incomingKeysFormSchema,
} from '../utils/incoming-keys-form';
import { IncomingKeysFields } from './IncomingKeysFields';

export interface IncomingKeysDialogProps {
  open: boolean;
  stored: IncomingKeysView;
  /** The server's ALLOW_HTTP_LOOPBACK_ISSUER, so the dialog judges issuers exactly as it will. */
  allowHttpLoopback: boolean;
  onClose(): void;
  onSaved(): void;
}

/** "Setup incoming Okta keys": checked here first, then by the server against Okta itself. */
export default function IncomingKeysDialog({
  open,
  stored,
  allowHttpLoopback,
  onClose,
  onSaved,
}: IncomingKeysDialogProps) {
  const save = useSaveIncomingKeys();
  const form = useForm<IncomingKeysFormValues, unknown, IncomingKeysFormOutput>({
    resolver: zodResolver(incomingKeysFormSchema({ allowHttpLoopback }, stored)),
    defaultValues: formDefaults(stored),
  });

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await save.mutateAsync(values);
      onSaved();
    } catch (error) {
      showServerError(error, ['clientId', 'clientSecret', 'issuerUri'], form.setError);
    }
  });

  return (
    <Dialog open={open} onClose={save.isPending ? undefined : onClose} fullWidth maxWidth="sm">
      <form onSubmit={onSubmit} noValidate>
        <DialogTitle>Setup incoming Okta keys</DialogTitle>
        <DialogContent>
          <Typography color="text.secondary">
            Paste the Client ID and Client secret from the Okta application's General tab, and the
            Issuer URI from the Okta API page. Saving checks them with Okta.
          </Typography>
          <FormErrorAlert errors={form.formState.errors} />
          <IncomingKeysFields
            control={form.control}
            stored={stored}
            rules={{ allowHttpLoopback }}
          />
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2, gap: 1 }}>
          <DialogStatus pending={save.isPending}>Checking with Okta…</DialogStatus>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="contained"
            loading={save.isPending}
            loadingPosition="start"
          >
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
