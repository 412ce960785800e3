import { zodResolver } from '@hookform/resolvers/zod';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useForm } from 'react-hook-form';
import { type CreateApiKeyBody, createApiKeyBody } from '../../../../shared/api/api-keys';
import CreateDialogActions from '../../../components/CreateDialogActions';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { closeGuard, ShownOnce } from '../../../components/ShownOnce';
import { TextFieldControl } from '../../../components/TextFieldControl';
import { showServerError } from '../../../lib/form-errors';
import { useCreateApiKey } from '../api/create-api-key';

/** "Create API key": a name, then the key, once. */
export default function CreateApiKeyDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const create = useCreateApiKey();
  const created = create.data;
  const form = useForm<CreateApiKeyBody>({
    resolver: zodResolver(createApiKeyBody),
    defaultValues: { name: '' },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await create.mutateAsync(values);
    } catch (error) {
      showServerError(error, ['name'], form.setError);
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
        <DialogTitle>{created ? 'API key created' : 'Create API key'}</DialogTitle>
        <DialogContent>
          {created ? (
            <ShownOnce label="API key" what="key" value={created.secret}>
              Store it with the application's backend. It reads <code>/api/v1</code> only; it cannot
              change anything.
            </ShownOnce>
          ) : (
            <>
              <FormErrorAlert errors={form.formState.errors} />
              <TextFieldControl
                control={form.control}
                name="name"
                label="Name"
                hint='Who uses it, for example "Billing backend".'
                autoComplete="off"
                autoFocus
                slotProps={{ htmlInput: { 'aria-required': true } }}
              />
            </>
          )}
        </DialogContent>
        <CreateDialogActions
          pending={create.isPending}
          pendingText="Creating…"
          done={created !== undefined}
          submitLabel="Create"
          onClose={onClose}
        />
      </form>
    </Dialog>
  );
}
