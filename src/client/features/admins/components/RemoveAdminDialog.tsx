import type { AdminView } from '../../../../shared/api/admins';
import ConfirmDialog from '../../../components/ConfirmDialog';
import { useRemoveAdmin } from '../api/remove-admin';

export interface RemoveAdminDialogProps {
  open: boolean;
  admin: AdminView;
  onClose(): void;
  onRemoved(): void;
  /** After the dialog has faded out; the removed row has no button to return focus to. */
  onExited(removed: boolean): void;
}

/** "Remove administrator?": nothing is sent until the admin confirms. */
export default function RemoveAdminDialog({
  open,
  admin,
  onClose,
  onRemoved,
  onExited,
}: RemoveAdminDialogProps) {
  const remove = useRemoveAdmin();
  return (
    <ConfirmDialog
      open={open}
      title="Remove administrator?"
      confirmLabel="Remove"
      mutation={remove}
      onConfirm={() => remove.mutate(admin.id, { onSuccess: onRemoved })}
      onClose={onClose}
      onExited={onExited}
    >
      <strong>{admin.email}</strong> can no longer sign in to this console
      {admin.activeSessions > 0 ? ', and is signed out everywhere at once' : ''}. Okta sign-in and
      provisioning are not affected.
    </ConfirmDialog>
  );
}
