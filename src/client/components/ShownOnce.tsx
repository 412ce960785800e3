import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { CopyButton } from './CopyButton';

// Stable, so React calls it once when the field appears: focus and select the value to copy it.
function selectOnMount(input: HTMLInputElement | HTMLTextAreaElement | null) {
  input?.focus();
  input?.select();
}

const MONOSPACE = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

/**
 * A secret the server returned this once (an access key, a first password): a warning, the value
 * in a read-only field, selected, with a copy button, then what to do with it (`children`).
 */
export function ShownOnce({
  label,
  what,
  value,
  multiline = false,
  kept = 'only a hash of it',
  children,
}: {
  /** The field's label; the copy button says "Copy" and this, in lower case. */
  label: string;
  /** "key", "password": the warning's noun. */
  what: string;
  value: string;
  /** For values too long for one line: the whole value stays in view. */
  multiline?: boolean;
  /** How the console keeps it, for the warning: "only a hash of it" unless said otherwise. */
  kept?: string;
  children: ReactNode;
}) {
  return (
    <>
      <Alert severity="warning">
        Copy the {what} now. It will not be shown again: the console keeps {kept}.
      </Alert>
      <TextField
        label={label}
        value={value}
        fullWidth
        margin="normal"
        multiline={multiline}
        inputRef={selectOnMount}
        slotProps={{
          htmlInput: {
            readOnly: true,
            spellCheck: false,
            autoComplete: 'off',
            style: { fontFamily: MONOSPACE, ...(multiline ? { wordBreak: 'break-all' } : {}) },
          },
        }}
      />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minHeight: 34 }}>
        <CopyButton label={label.toLowerCase()} value={value} />
      </Box>
      <Typography sx={{ mt: 1 }}>{children}</Typography>
    </>
  );
}

/**
 * A dialog's `onClose` that does nothing while its request runs, and ignores a stray click beside
 * it while a secret shown once is on screen (Escape and the dialog's own buttons still close it).
 */
export function closeGuard(busy: boolean, showingSecret: boolean, onClose: () => void) {
  return (_event: unknown, reason?: 'backdropClick' | 'escapeKeyDown') => {
    if (busy) return;
    if (showingSecret && reason === 'backdropClick') return;
    onClose();
  };
}
