import type { ApplicationView } from '../../../../shared/api/applications';
import ConfirmDialog from '../../../components/ConfirmDialog';
import { useRemoveApplication } from '../api/remove-application';

/** "Remove application?": nothing is sent until the admin confirms. */
export default function RemoveApplicationDialog({
  open,
  application,
  onClose,
  onRemoved,
  onExited,
}: {
  open: boolean;
  application: ApplicationView;
  onClose(): void;
  onRemoved(): void;
  onExited(removed: boolean): void;
}) {
  const remove = useRemoveApplication();
  return (
    <ConfirmDialog
      open={open}
      title="Remove application?"
      confirmLabel="Remove"
      mutation={remove}
      onConfirm={() => remove.mutate(application.clientId, { onSuccess: onRemoved })}
      onClose={onClose}
      onExited={onExited}
    >
      <strong>{application.name}</strong> can no longer sign anyone in through this console.
      Everyone signed in to it through the console is signed out of it at once.
    </ConfirmDialog>
  );
}
