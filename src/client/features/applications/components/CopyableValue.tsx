import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { CopyButton } from '../../../components/CopyButton';

const MONOSPACE = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

/** A value to paste into the application's settings, with its own copy button. */
export function CopyableValue({ label, value }: { label: string; value: string }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', minHeight: 34 }}>
      <Typography component="span" sx={{ fontFamily: MONOSPACE, overflowWrap: 'anywhere' }}>
        {value}
      </Typography>
      <CopyButton label={label} value={value} />
    </Box>
  );
}
