import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import {
  type CreateDirectoryGroupBody,
  type CreateDirectoryGroupInput,
  createDirectoryGroupBody,
  type DirectoryGroupView,
  GROUP_NOT_FOUND,
} from '../../../../shared/api/directory-groups';
import { AutocompleteControl } from '../../../components/AutocompleteControl';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { RadioGroupControl } from '../../../components/RadioGroupControl';
import { isApiError } from '../../../lib/api-client';
import { showServerError } from '../../../lib/form-errors';
import { FILTER_DEBOUNCE_MS, useDebouncedCallback } from '../../../lib/use-debounced-callback';
import { useCreateDirectoryGroup } from '../api/create-directory-group';
import { useGroupSuggestions } from '../api/suggest-directory-groups';
import { SeatEffectPreview } from './SeatEffectPreview';

const CAPABILITIES = [
  { value: 'basic', label: 'Basic' },
  { value: 'pro', label: 'Pro' },
] as const;

export interface AddGroupsDialogProps {
  open: boolean;
  onClose(): void;
  onAdded(group: DirectoryGroupView): void;
}

/** "Add new groups": a pushed group's exact name and Basic or Pro; "Add anyway" when not found. */
export default function AddGroupsDialog({ open, onClose, onAdded }: AddGroupsDialogProps) {
  const create = useCreateDirectoryGroup();
  const form = useForm<CreateDirectoryGroupBody, unknown, CreateDirectoryGroupInput>({
    resolver: zodResolver(createDirectoryGroupBody),
    defaultValues: { groupName: '', capability: 'basic' },
  });
  const [groupName, capability] = useWatch({
    control: form.control,
    name: ['groupName', 'capability'],
  });
  const name = groupName.trim();

  const [prefix, setPrefix] = useState('');
  const askForSuggestions = useDebouncedCallback(
    (text: string) => setPrefix(text.trim()),
    FILTER_DEBOUNCE_MS,
  );
  const suggestions = useGroupSuggestions(prefix);
  const current = suggestions.data && !suggestions.isPlaceholderData && prefix === name;
  const pushed = current ? suggestions.data?.groups.find((g) => g.name === name) : undefined;
  const nearly = current
    ? suggestions.data?.groups.find(
        (g) => g.name !== name && g.name.toLowerCase() === name.toLowerCase(),
      )
    : undefined;

  // The name the server did not find; shown while the field still holds it.
  const [notFound, setNotFound] = useState<string>();
  const showNotFound = notFound !== undefined && notFound === name;

  async function save(values: CreateDirectoryGroupInput) {
    try {
      onAdded(await create.mutateAsync(values));
    } catch (error) {
      if (isApiError(error) && error.code === GROUP_NOT_FOUND) {
        setNotFound(values.groupName);
        return;
      }
      showServerError(error, ['groupName', 'capability'], form.setError);
    }
  }
  const onSubmit = form.handleSubmit((values) => save({ ...values, addAnyway: undefined }));
  const addAnyway = form.handleSubmit((values) => save({ ...values, addAnyway: true }));

  let hint = 'The exact name of a group on the Push Groups tab of the Okta SCIM app.';
  if (pushed?.mapped) hint = 'This group is mapped already: change its capability in the table.';
  else if (pushed) hint = 'Okta pushed this group.';

  return (
    <Dialog open={open} onClose={create.isPending ? undefined : onClose} fullWidth maxWidth="sm">
      <form onSubmit={onSubmit} noValidate>
        <DialogTitle>Add new groups</DialogTitle>
        <DialogContent>
          <Typography color="text.secondary">
            Type the name of a directory group that Okta pushes, and choose whether its members get
            Basic or Pro capabilities. That decides their licence and cost.
          </Typography>
          <FormErrorAlert errors={form.formState.errors} />
          <AutocompleteControl
            control={form.control}
            name="groupName"
            label="Group name"
            autoFocus
            hint={hint}
            loading={suggestions.isFetching}
            suggestions={(suggestions.data?.groups ?? []).map((g) => ({
              value: g.name,
              note: g.mapped ? 'mapped already' : undefined,
            }))}
            onTextChange={askForSuggestions}
          />
          <RadioGroupControl
            control={form.control}
            name="capability"
            label="Capability"
            row
            options={CAPABILITIES}
          />
          {showNotFound && (
            <Alert severity="warning" sx={{ mt: 1 }}>
              <AlertTitle>Group "{notFound}" was not found</AlertTitle>
              Okta may not have finished pushing it. Wait a few minutes and try again.
              {nearly &&
                ` Okta pushed "${nearly.name}": the name must match exactly, capitals included.`}{' '}
              Or add it anyway: it shows as waiting for Okta and takes effect by itself when Okta
              pushes a group with this exact name.
              <Box sx={{ mt: 1 }}>
                <Button
                  variant="outlined"
                  color="inherit"
                  size="small"
                  onClick={addAnyway}
                  loading={create.isPending}
                >
                  Add anyway
                </Button>
              </Box>
            </Alert>
          )}
          <SeatEffectPreview
            query={{ groupName: name, capability: capability === 'pro' ? 'pro' : 'basic' }}
            enabled={Boolean(pushed && !pushed.mapped)}
          />
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2, gap: 1 }}>
          <Button onClick={onClose} disabled={create.isPending}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="contained"
            loading={create.isPending}
            loadingPosition="start"
          >
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
