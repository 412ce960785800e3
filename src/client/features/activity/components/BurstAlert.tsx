import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import type { DeprovisioningBurst } from '../../../../shared/api/activity';
import { FormattedDate } from '../../../components/FormattedDate';
import { formatShare, plural, warningTitles } from '../utils/labels';

/** How long the burst lasted, in whole minutes, at least one. */
export function burstMinutes(burst: DeprovisioningBurst): number {
  const ms = Date.parse(burst.lastAt) - Date.parse(burst.startedAt);
  return Math.max(1, Math.ceil(ms / 60_000));
}

export const reactivateLabel = (burst: DeprovisioningBurst) =>
  `Reactivate ${plural(burst.deactivated, 'user')}`;

/** A deprovisioning burst not undone yet: how many Okta deactivated, and the way back. */
export function BurstAlert({
  burst,
  onReactivate,
}: {
  burst: DeprovisioningBurst;
  onReactivate(): void;
}) {
  const users = plural(burst.deactivated, 'user');
  const were = burst.deactivated === 1 ? 'was' : 'were';
  return (
    <Alert severity="error" sx={{ mb: 2 }}>
      <AlertTitle>{warningTitles.deprovisioning_burst}</AlertTitle>
      {users} ({formatShare(burst.share)} of the active users) {were} deactivated by Okta within{' '}
      {plural(burstMinutes(burst), 'minute')}, starting <FormattedDate iso={burst.startedAt} />. If
      that was a mistake in Okta (a group unassigned from the provisioning app, say), reactivate
      them here; Okta's requests were answered as usual.
      <div>
        <Button variant="contained" color="error" sx={{ mt: 1.5 }} onClick={onReactivate}>
          {reactivateLabel(burst)}
        </Button>
      </div>
    </Alert>
  );
}
