import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import { useId } from 'react';
import { type Control, useController } from 'react-hook-form';
import { EVENT_TYPES, type EventType } from '../../../../shared/api/events';
import type { CreateWebhookBody } from '../../../../shared/api/webhooks';

export const EVENT_TYPE_LABELS: Record<EventType, string> = {
  'user.created': 'User created',
  'user.updated': 'User updated',
  'user.deactivated': 'User deactivated',
  'user.reactivated': 'User reactivated',
  'user.deleted': 'User deleted',
  'user.licence_changed': 'Licence changed (Basic, Pro, none)',
  'group.created': 'Group pushed',
  'group.renamed': 'Group renamed',
  'group.deleted': 'Group deleted',
  'mapping.changed': 'Directory-group mapping changed',
};

/** The event types an endpoint hears, as a group of checkboxes with one error under them. */
export function EventTypesControl({
  control,
}: {
  control: Control<CreateWebhookBody, unknown, unknown>;
}) {
  const { field, fieldState } = useController({ control, name: 'eventTypes' });
  const helperId = useId();
  const chosen = new Set(field.value ?? []);
  const toggle = (type: EventType, on: boolean) => {
    const next = EVENT_TYPES.filter((t) => (t === type ? on : chosen.has(t)));
    field.onChange(next);
  };
  const error = fieldState.error?.message ?? fieldState.error?.root?.message;
  return (
    <FormControl
      component="fieldset"
      error={Boolean(error)}
      margin="normal"
      aria-describedby={error ? helperId : undefined}
    >
      <FormLabel component="legend">Event types</FormLabel>
      <FormGroup sx={{ display: 'grid', gridTemplateColumns: { sm: '1fr 1fr' } }}>
        {EVENT_TYPES.map((type) => (
          <FormControlLabel
            key={type}
            label={EVENT_TYPE_LABELS[type]}
            control={
              <Checkbox
                checked={chosen.has(type)}
                onChange={(e) => toggle(type, e.target.checked)}
                onBlur={field.onBlur}
                slotProps={{ input: { ref: type === EVENT_TYPES[0] ? field.ref : undefined } }}
              />
            }
          />
        ))}
      </FormGroup>
      {error && <FormHelperText id={helperId}>{error}</FormHelperText>}
    </FormControl>
  );
}
