import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ProvisioningEntry } from '../../../../shared/api/activity';
import type { SignInEvent } from '../../../../shared/api/sign-in-events';
import { USER_HISTORY_LIMIT } from '../../../../shared/api/user-details';
import { FormattedDate } from '../../../components/FormattedDate';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { OutcomeChip } from '../../activity/components/OutcomeChip';
import { provisioningActionLabels } from '../../activity/utils/labels';
import { refusalText } from '../utils/refusal-reasons';
import { Section } from './UserSections';

const latest = `The latest ${USER_HISTORY_LIMIT}, newest first.`;

/** The SCIM requests Okta sent about this person. */
export function ProvisioningHistory({ entries }: { entries: ProvisioningEntry[] }) {
  return (
    <Section id="user-provisioning" title="Provisioning history">
      {entries.length === 0 ? (
        <Typography color="text.secondary">No SCIM request about this person is kept.</Typography>
      ) : (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {latest}
          </Typography>
          <ScrollableTable>
            <Table size="small" aria-labelledby="user-provisioning">
              <TableHead>
                <TableRow>
                  <TableCell>Time</TableCell>
                  <TableCell>Action</TableCell>
                  <TableCell>Outcome</TableCell>
                  <TableCell>Changes</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {entries.map((e) => (
                  <TableRow key={e.id}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      <FormattedDate iso={e.at} seconds />
                    </TableCell>
                    <TableCell>{provisioningActionLabels[e.action]}</TableCell>
                    <TableCell>
                      <OutcomeChip outcome={e.outcome} />
                    </TableCell>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>
                      {e.error ?? (e.changes.map((c) => c.attribute).join(', ') || '—')}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollableTable>
        </>
      )}
    </Section>
  );
}

/** Sign-ins through Okta, and refusals with the reason and what to change. */
export function SignInHistory({ events }: { events: SignInEvent[] }) {
  return (
    <Section id="user-sign-ins" title="Sign-ins and refusals">
      {events.length === 0 ? (
        <Typography color="text.secondary">This person has not tried to sign in.</Typography>
      ) : (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {latest}
          </Typography>
          <ScrollableTable>
            <Table size="small" aria-labelledby="user-sign-ins">
              <TableHead>
                <TableRow>
                  <TableCell>Time</TableCell>
                  <TableCell>Outcome</TableCell>
                  <TableCell>Reason</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {events.map((e) => (
                  <TableRow key={e.id}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      <FormattedDate iso={e.at} seconds />
                    </TableCell>
                    <TableCell>{e.outcome === 'signed_in' ? 'Signed in' : 'Refused'}</TableCell>
                    <TableCell>{e.outcome === 'refused' ? refusalText(e) : '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollableTable>
        </>
      )}
    </Section>
  );
}
