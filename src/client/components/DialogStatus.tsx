import Box from '@mui/material/Box';

/**
 * The left end of a dialog's actions: what the dialog is waiting for ("Checking with Okta…"), as a
 * live region, so a screen reader hears it; empty (but present) otherwise.
 */
export function DialogStatus({ pending, children }: { pending: boolean; children: string }) {
  return (
    <Box role="status" sx={{ flexGrow: 1, color: 'text.secondary', typography: 'body2' }}>
      {pending ? children : ''}
    </Box>
  );
}
