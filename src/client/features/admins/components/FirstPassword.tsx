import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { CopyButton } from '../../../components/CopyButton';

function selectOnMount(input: HTMLInputElement | null) {
  input?.focus();
  input?.select();
}

/** A new admin's first password, shown this once, with what to tell them. */
export function FirstPassword({ email, password }: { email: string; password: string }) {
  return (
    <>
      <Alert severity="warning">
        Copy the password now. It will not be shown again: the console keeps only a hash of it.
      </Alert>
      <TextField
        label="First password"
        value={password}
        fullWidth
        margin="normal"
        inputRef={selectOnMount}
        slotProps={{
          htmlInput: {
            readOnly: true,
            spellCheck: false,
            autoComplete: 'off',
            style: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
          },
        }}
      />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minHeight: 34 }}>
        <CopyButton label="first password" value={password} />
      </Box>
      <Typography sx={{ mt: 1 }}>
        Give it to <strong>{email}</strong> in person or through a password manager, not by email.
        They sign in with it, then choose <strong>Change password</strong> on this page.
      </Typography>
    </>
  );
}
