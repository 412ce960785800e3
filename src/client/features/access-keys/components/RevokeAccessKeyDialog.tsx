import type { AccessKeyView } from '../../../../shared/api/access-keys';
import ConfirmDialog from '../../../components/ConfirmDialog';
import { useRevokeAccessKey } from '../api/revoke-access-key';
import { keyLabel } from '../utils/access-keys';

export interface RevokeAccessKeyDialogProps {
  open: boolean;
  accessKey: AccessKeyView;
  onClose(): void;
  onRevoked(): void;
  /** After the dialog has faded out; the revoked row has no button to return focus to. */
  onExited(revoked: boolean): void;
}

/** "Revoke access key?": nothing is sent until the admin confirms. */
export default function RevokeAccessKeyDialog({
  open,
  accessKey,
  onClose,
  onRevoked,
  onExited,
}: RevokeAccessKeyDialogProps) {
  const revoke = useRevokeAccessKey();
  return (
    <ConfirmDialog
      open={open}
      title="Revoke access key?"
      confirmLabel="Revoke"
      mutation={revoke}
      onConfirm={() => revoke.mutate(accessKey.id, { onSuccess: onRevoked })}
      onClose={onClose}
      onExited={onExited}
    >
      Okta requests with <code>{keyLabel(accessKey)}</code> get 401 from the next request on. If
      Okta still uses this key, provisioning stops until you paste another key into Okta.
    </ConfirmDialog>
  );
}
