import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { CopyButton } from '../../../components/CopyButton';

// Stable, so React calls it once when the field appears: focus and select the key to copy it.
function selectOnMount(input: HTMLTextAreaElement | null) {
  input?.focus();
  input?.select();
}

/** The new key, shown this once, with a copy button and where to paste it. */
export function NewAccessKey({ secret }: { secret: string }) {
  return (
    <>
      <Alert severity="warning">
        Copy the key now. It will not be shown again: the console keeps only a hash of it.
      </Alert>
      <TextField
        label="Access key"
        value={secret}
        fullWidth
        margin="normal"
        // Multiline, so the whole key is in view: 60 characters do not fit on one line.
        multiline
        inputRef={selectOnMount}
        slotProps={{
          htmlInput: {
            readOnly: true,
            spellCheck: false,
            autoComplete: 'off',
            style: {
              fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
              wordBreak: 'break-all',
            },
          },
        }}
      />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minHeight: 34 }}>
        <CopyButton label="access key" value={secret} />
      </Box>
      <Typography sx={{ mt: 1 }}>
        Paste it into the <strong>Okta API Token</strong> field of{' '}
        <strong>Configure API Integration</strong>, choose <strong>Test the Integration</strong>,
        then <strong>Save</strong>.
      </Typography>
    </>
  );
}
