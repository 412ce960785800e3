import type { ApiKeyView } from '../../../../shared/api/api-keys';
import ConfirmDialog from '../../../components/ConfirmDialog';
import { useRevokeApiKey } from '../api/revoke-api-key';

/** "Revoke API key?": its next request gets 401. */
export default function RevokeApiKeyDialog({
  open,
  apiKey,
  onClose,
}: {
  open: boolean;
  apiKey: ApiKeyView;
  onClose(): void;
}) {
  const revoke = useRevokeApiKey();
  return (
    <ConfirmDialog
      open={open}
      title="Revoke API key?"
      confirmLabel="Revoke"
      mutation={revoke}
      onConfirm={() => revoke.mutate(apiKey.id, { onSuccess: onClose })}
      onClose={onClose}
    >
      <strong>{apiKey.name}</strong> ({apiKey.prefix}…) stops working at once: the application's
      next request with it gets 401.
    </ConfirmDialog>
  );
}
