import Chip, { type ChipProps } from '@mui/material/Chip';
import type { ProvisioningOutcome } from '../../../../shared/api/activity';
import { outcomeLabels } from '../utils/labels';

const outcomeColor: Record<ProvisioningOutcome, ChipProps['color']> = {
  success: 'success',
  not_applied: 'warning',
  error: 'error',
};

/** "Success", "Accepted but not applied" or "Error", coloured to match. */
export function OutcomeChip({ outcome }: { outcome: ProvisioningOutcome }) {
  return (
    <Chip
      size="small"
      variant="outlined"
      color={outcomeColor[outcome]}
      label={outcomeLabels[outcome]}
      // MUI's warning orange on white is too pale for text; the border keeps the hue.
      sx={outcome === 'not_applied' ? { '& .MuiChip-label': { color: 'text.primary' } } : undefined}
    />
  );
}
