import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { AdminView } from '../../../../shared/api/admins';
import { plural } from '../../../../shared/text';
import { ActionsHeaderCell } from '../../../components/ActionsHeaderCell';
import { Badge } from '../../../components/Badge';
import { FormattedDate } from '../../../components/FormattedDate';
import { ScrollableTable } from '../../../components/ScrollableTable';

function sessions(n: number) {
  if (n === 0) return 'Not signed in';
  return `Signed in (${plural(n, 'session')})`;
}

/** Every administrator, oldest first, with "Remove" on everyone but you. */
export function AdminsTable({
  admins,
  labelledBy,
  onRemove,
}: {
  admins: AdminView[];
  labelledBy: string;
  onRemove(admin: AdminView): void;
}) {
  return (
    <ScrollableTable>
      <Table size="small" aria-labelledby={labelledBy}>
        <TableHead>
          <TableRow>
            <TableCell>Email</TableCell>
            <TableCell>Added</TableCell>
            <TableCell>Sessions</TableCell>
            <ActionsHeaderCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {admins.map((admin) => (
            <TableRow key={admin.id}>
              <TableCell sx={{ minWidth: 160, overflowWrap: 'anywhere' }}>
                {admin.email} {admin.you && <Badge variant="outlined" label="You" />}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <FormattedDate iso={admin.createdAt} />
              </TableCell>
              <TableCell>{sessions(admin.activeSessions)}</TableCell>
              <TableCell align="right">
                {!admin.you && (
                  <Button
                    color="error"
                    size="small"
                    aria-label={`Remove ${admin.email}`}
                    onClick={() => onRemove(admin)}
                  >
                    Remove
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollableTable>
  );
}
