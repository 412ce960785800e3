import { zodResolver } from '@hookform/resolvers/zod';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useForm } from 'react-hook-form';
import { EVENT_TYPES } from '../../../../shared/api/events';
import { type CreateWebhookBody, createWebhookBody } from '../../../../shared/api/webhooks';
import CreateDialogActions from '../../../components/CreateDialogActions';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { closeGuard, ShownOnce } from '../../../components/ShownOnce';
import { TextFieldControl } from '../../../components/TextFieldControl';
import { showServerError } from '../../../lib/form-errors';
import { useCreateWebhook } from '../api/create-webhook';
import { EventTypesControl } from './EventTypesControl';

export interface AddWebhookDialogProps {
  open: boolean;
  onClose(): void;
}

/** "Add endpoint": URL, description, event types; then the signing secret, once. */
export default function AddWebhookDialog({ open, onClose }: AddWebhookDialogProps) {
  const create = useCreateWebhook();
  const created = create.data;
  const form = useForm<CreateWebhookBody, unknown, CreateWebhookBody>({
    resolver: zodResolver(createWebhookBody) as never,
    defaultValues: { url: '', description: '', eventTypes: [...EVENT_TYPES] },
  });

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await create.mutateAsync(values);
    } catch (error) {
      const fields = ['url', 'description', 'eventTypes'] as const;
      showServerError(error, fields, form.setError);
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
        <DialogTitle>{created ? 'Endpoint added' : 'Add endpoint'}</DialogTitle>
        <DialogContent>
          {created ? (
            <ShownOnce
              label="Signing secret"
              what="signing secret"
              value={created.secret}
              kept="it encrypted, only to sign deliveries"
            >
              Give it to the application: it verifies each delivery's <code>webhook-signature</code>{' '}
              with it (Standard Webhooks, for example the <code>standardwebhooks</code> package).
            </ShownOnce>
          ) : (
            <>
              <Typography color="text.secondary">
                The console POSTs each event, signed, to this URL, and retries for 3 days when the
                receiver fails.
              </Typography>
              <FormErrorAlert errors={form.formState.errors} />
              <TextFieldControl
                control={form.control}
                name="url"
                label="Endpoint URL"
                hint="https:// and a public address, for example https://app.example.com/webhooks/okta."
                autoComplete="off"
                autoFocus
                slotProps={{ htmlInput: { spellCheck: false, 'aria-required': true } }}
              />
              <TextFieldControl
                control={form.control}
                name="description"
                label="Description (optional)"
                autoComplete="off"
              />
              <EventTypesControl control={form.control as never} />
            </>
          )}
        </DialogContent>
        <CreateDialogActions
          pending={create.isPending}
          pendingText="Checking the address…"
          done={created !== undefined}
          submitLabel="Add endpoint"
          onClose={onClose}
        />
      </form>
    </Dialog>
  );
}
