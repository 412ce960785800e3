import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { SyncHealth } from '../../../../shared/api/activity';
import { useFormatDate, useLocaleText } from '../../../lib/reader-settings';
import { relativeTime } from '../../access-keys/utils/relative-time';
import { provisioningActionLabels } from '../utils/labels';
import { OutcomeChip } from './OutcomeChip';

/**
 * When Okta last sent each kind of request, and how it went. `now` is when the health was
 * fetched, so "3 minutes ago" moves on with each refresh without a timer of its own.
 */
export function LastRequests({
  lastByAction,
  now,
  labelledBy,
}: {
  lastByAction: SyncHealth['lastByAction'];
  now: number;
  labelledBy: string;
}) {
  const { reader, text } = useLocaleText();
  const formatDate = useFormatDate();
  if (lastByAction.length === 0) {
    return <Typography color="text.secondary">No request from Okta yet.</Typography>;
  }
  const order = Object.keys(provisioningActionLabels);
  const rows = [...lastByAction].sort((a, b) => order.indexOf(a.action) - order.indexOf(b.action));
  return (
    <Table size="small" aria-labelledby={labelledBy}>
      <TableHead>
        <TableRow>
          <TableCell>Action</TableCell>
          <TableCell>Last</TableCell>
          <TableCell>Status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((last) => (
          <TableRow key={last.action}>
            <TableCell>{provisioningActionLabels[last.action]}</TableCell>
            <TableCell>
              <time dateTime={last.at} title={formatDate(last.at, 'dateTime')}>
                {text(`relative|${last.at}|${now}`, () =>
                  relativeTime(last.at, now, reader.locale),
                )}
              </time>
            </TableCell>
            <TableCell>
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
                <span>{last.status}</span>
                <OutcomeChip outcome={last.outcome} />
              </Box>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
