import Alert from '@mui/material/Alert';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import CreateDialogActions from '../../../components/CreateDialogActions';
import { closeGuard } from '../../../components/ShownOnce';
import { useCreateAccessKey } from '../api/create-access-key';
import { NewAccessKey } from './NewAccessKey';

export interface CreateAccessKeyDialogProps {
  open: boolean;
  /** Most keys that may be active at once, from the list. */
  maxActive: number;
  onClose(): void;
}

/**
 * "Create access key": a confirm step, then the new key once. Closing forgets it: the mutation is
 * reset when the dialog has faded out, so the key is in no cache and no state afterwards.
 */
export default function CreateAccessKeyDialog({
  open,
  maxActive,
  onClose,
}: CreateAccessKeyDialogProps) {
  const create = useCreateAccessKey();
  const created = create.data;

  return (
    <Dialog
      open={open}
      onClose={closeGuard(create.isPending, Boolean(created), onClose)}
      fullWidth
      maxWidth="sm"
      slotProps={{ transition: { onExited: () => create.reset() } }}
    >
      <DialogTitle>Create access key</DialogTitle>
      <DialogContent>
        {created ? (
          <NewAccessKey secret={created.secret} />
        ) : (
          <>
            <Typography>
              Okta's provisioning app sends this key with every SCIM request. It is shown once,
              right after it is created.
            </Typography>
            <Typography sx={{ mt: 1 }} color="text.secondary">
              Up to {maxActive} keys can be active at once, so Okta keeps working with the current
              key until you paste the new one and revoke the old.
            </Typography>
            {create.isError && (
              <Alert severity="error" sx={{ mt: 2 }}>
                {create.error.message}
              </Alert>
            )}
          </>
        )}
      </DialogContent>
      <CreateDialogActions
        pending={create.isPending}
        pendingText="Creating the key…"
        done={created !== undefined}
        submitLabel="Create"
        onClose={onClose}
        onSubmit={() => create.mutate()}
      />
    </Dialog>
  );
}
