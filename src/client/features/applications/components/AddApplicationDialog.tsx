import { zodResolver } from '@hookform/resolvers/zod';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import CreateDialogActions from '../../../components/CreateDialogActions';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { closeGuard } from '../../../components/ShownOnce';
import { TextFieldControl } from '../../../components/TextFieldControl';
import { showServerError } from '../../../lib/form-errors';
import { useCreateApplication } from '../api/create-application';
import {
  APPLICATION_FIELDS,
  type ApplicationForm,
  applicationForm,
  toCreateBody,
} from '../utils/application-form';
import { NewClientSecret } from './NewClientSecret';

const LINES = { multiline: true, minRows: 2 } as const;

/** "Add application": name and addresses, then the client ID and the secret, once. */
export default function AddApplicationDialog({
  open,
  onClose,
}: {
  open: boolean;
  onClose(): void;
}) {
  const create = useCreateApplication();
  const created = create.data;
  const form = useForm<ApplicationForm, unknown, z.output<typeof applicationForm>>({
    resolver: zodResolver(applicationForm),
    defaultValues: { name: '', redirectUris: '', postLogoutRedirectUris: '' },
  });

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await create.mutateAsync(toCreateBody(values));
    } catch (error) {
      showServerError(error, APPLICATION_FIELDS, form.setError);
    }
  });

  return (
    <Dialog
      open={open}
      onClose={closeGuard(create.isPending, Boolean(created), onClose)}
      fullWidth
      maxWidth="sm"
      slotProps={{ transition: { onExited: () => create.reset() } }}
    >
      <form onSubmit={onSubmit} noValidate>
        <DialogTitle>Add application</DialogTitle>
        <DialogContent>
          {created ? (
            <NewClientSecret
              name={created.application.name}
              clientId={created.application.clientId}
              secret={created.clientSecret}
            />
          ) : (
            <>
              <Typography color="text.secondary">
                The application sends people here to sign in, and gets back who they are and their
                licence. The console makes its client ID and secret.
              </Typography>
              <FormErrorAlert errors={form.formState.errors} />
              <TextFieldControl
                control={form.control}
                name="name"
                label="Name"
                autoComplete="off"
                autoFocus
                hint="As people will see it when they sign out, for example Time tracker."
                slotProps={{ htmlInput: { 'aria-required': true } }}
              />
              <TextFieldControl
                control={form.control}
                name="redirectUris"
                label="Redirect URIs"
                hint="One per line: where the console sends people back with a code, for example https://time.acme.com/callback."
                slotProps={{
                  input: LINES,
                  htmlInput: { spellCheck: false, 'aria-required': true },
                }}
              />
              <TextFieldControl
                control={form.control}
                name="postLogoutRedirectUris"
                label="Post-logout redirect URIs (optional)"
                hint="One per line: where people may land after signing out."
                slotProps={{ input: LINES, htmlInput: { spellCheck: false } }}
              />
            </>
          )}
        </DialogContent>
        <CreateDialogActions
          pending={create.isPending}
          pendingText="Adding…"
          done={created !== undefined}
          submitLabel="Add"
          onClose={onClose}
        />
      </form>
    </Dialog>
  );
}
