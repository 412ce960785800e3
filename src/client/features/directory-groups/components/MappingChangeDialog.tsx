import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import type { Capability, DirectoryGroupView } from '../../../../shared/api/directory-groups';
import { useDeleteDirectoryGroup } from '../api/delete-directory-group';
import { useUpdateDirectoryGroup } from '../api/update-directory-group';
import { capabilityLabel } from '../utils/seat-effect';
import { SeatEffectPreview } from './SeatEffectPreview';

/** A new capability for the mapping, or its removal. */
export type MappingChange = { kind: 'capability'; capability: Capability } | { kind: 'remove' };

export interface MappingChangeDialogProps {
  open: boolean;
  group: DirectoryGroupView;
  change: MappingChange;
  onClose(): void;
  /** Saved; `message` says what changed, for a notice. */
  onDone(message: string): void;
}

/** Asks before a capability change or a removal, with its effect on seats; sends only on confirm. */
export default function MappingChangeDialog({
  open,
  group,
  change,
  onClose,
  onDone,
}: MappingChangeDialogProps) {
  const update = useUpdateDirectoryGroup();
  const remove = useDeleteDirectoryGroup();
  const pending = update.isPending || remove.isPending;
  const error = update.error ?? remove.error;
  const removing = change.kind === 'remove';
  const to = removing ? undefined : capabilityLabel[change.capability];

  function confirm() {
    if (change.kind === 'remove') {
      remove.mutate(group.id, { onSuccess: () => onDone(`"${group.name}" removed.`) });
    } else {
      update.mutate(
        { id: group.id, capability: change.capability },
        { onSuccess: () => onDone(`"${group.name}" now gives ${to}.`) },
      );
    }
  }

  return (
    <Dialog open={open} onClose={pending ? undefined : onClose} fullWidth maxWidth="sm">
      <DialogTitle>
        {removing ? `Remove "${group.name}"?` : `Change "${group.name}" to ${to}?`}
      </DialogTitle>
      <DialogContent>
        <Typography>
          {removing
            ? `Members of "${group.name}" lose the ${capabilityLabel[group.capability]} licence it gives, unless another mapped group gives them one. People with no licence cannot sign in.`
            : to === 'Pro'
              ? `Members of "${group.name}" get Pro capabilities, and the Pro licence and cost.`
              : `Members of "${group.name}" get Basic instead of Pro, unless another mapped group gives them Pro.`}
        </Typography>
        <SeatEffectPreview
          query={{ mappingId: group.id, capability: removing ? 'none' : change.capability }}
        />
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2, gap: 1 }}>
        <Button onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <Button
          variant="contained"
          color={removing ? 'error' : 'primary'}
          loading={pending}
          loadingPosition="start"
          onClick={confirm}
        >
          {removing ? 'Remove' : 'Save'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
