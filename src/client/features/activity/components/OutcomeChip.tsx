import type { ProvisioningOutcome } from '../../../../shared/api/activity';
import { Badge, type BadgeColor } from '../../../components/Badge';
import { outcomeLabels } from '../utils/labels';

const outcomeColor: Record<ProvisioningOutcome, BadgeColor> = {
  success: 'success',
  not_applied: 'warning',
  error: 'error',
};

/** "Success", "Accepted but not applied" or "Error", coloured to match. */
export function OutcomeChip({ outcome }: { outcome: ProvisioningOutcome }) {
  return <Badge variant="outlined" color={outcomeColor[outcome]} label={outcomeLabels[outcome]} />;
}
