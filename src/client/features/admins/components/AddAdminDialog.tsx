import { zodResolver } from '@hookform/resolvers/zod';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useForm } from 'react-hook-form';
import { type AddAdminBody, addAdminBody } from '../../../../shared/api/admins';
import CreateDialogActions from '../../../components/CreateDialogActions';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { closeGuard } from '../../../components/ShownOnce';
import { TextFieldControl } from '../../../components/TextFieldControl';
import { showServerError } from '../../../lib/form-errors';
import { useAddAdmin } from '../api/add-admin';
import { FirstPassword } from './FirstPassword';

export interface AddAdminDialogProps {
  open: boolean;
  onClose(): void;
}

/**
 * "Add administrator": an email, then the first password the server made, once. Closing forgets
 * it: the mutation resets when the dialog has faded out.
 */
export default function AddAdminDialog({ open, onClose }: AddAdminDialogProps) {
  const add = useAddAdmin();
  const added = add.data;
  const form = useForm<AddAdminBody>({
    resolver: zodResolver(addAdminBody),
    defaultValues: { email: '' },
  });

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await add.mutateAsync(values);
    } catch (error) {
      showServerError(error, ['email'], form.setError);
    }
  });

  return (
    <Dialog
      open={open}
      onClose={closeGuard(add.isPending, Boolean(added), onClose)}
      fullWidth
      maxWidth="sm"
      slotProps={{ transition: { onExited: () => add.reset() } }}
    >
      <form onSubmit={onSubmit} noValidate>
        <DialogTitle>Add administrator</DialogTitle>
        <DialogContent>
          {added ? (
            <FirstPassword email={added.admin.email} password={added.password} />
          ) : (
            <>
              <Typography color="text.secondary">
                Administrators can change every setting on these pages. The console makes a first
                password for them and shows it once.
              </Typography>
              <FormErrorAlert errors={form.formState.errors} />
              <TextFieldControl
                control={form.control}
                name="email"
                label="Email"
                type="email"
                autoComplete="off"
                autoFocus
                slotProps={{ htmlInput: { spellCheck: false, 'aria-required': true } }}
              />
            </>
          )}
        </DialogContent>
        <CreateDialogActions
          pending={add.isPending}
          pendingText="Adding…"
          done={added !== undefined}
          submitLabel="Add"
          onClose={onClose}
        />
      </form>
    </Dialog>
  );
}
