import type { WebhookEndpointView } from '../../../../shared/api/webhooks';
import ConfirmDialog from '../../../components/ConfirmDialog';
import { useDeleteWebhook } from '../api/delete-webhook';

/** "Remove endpoint?": nothing is sent until the admin confirms. */
export default function RemoveWebhookDialog({
  open,
  endpoint,
  onClose,
  onRemoved,
}: {
  open: boolean;
  endpoint: WebhookEndpointView;
  onClose(): void;
  onRemoved(): void;
}) {
  const remove = useDeleteWebhook();
  return (
    <ConfirmDialog
      open={open}
      title="Remove endpoint?"
      confirmLabel="Remove"
      mutation={remove}
      onConfirm={() => remove.mutate(endpoint.id, { onSuccess: onRemoved })}
      onClose={onClose}
    >
      <strong>{endpoint.url}</strong> gets no more events, and its delivery log is deleted
      {endpoint.pending > 0 ? `, with ${endpoint.pending} deliveries not sent yet` : ''}.
    </ConfirmDialog>
  );
}
