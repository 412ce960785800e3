import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ApplicationView } from '../../../../shared/api/applications';
import { ActionsHeaderCell } from '../../../components/ActionsHeaderCell';
import { FormattedDate } from '../../../components/FormattedDate';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { CopyableValue } from './CopyableValue';

/** Each application with its client ID to copy, its addresses, and its secret's state. */
export function ApplicationsTable({
  applications,
  labelledBy,
  onRotate,
  onRemove,
}: {
  applications: ApplicationView[];
  labelledBy: string;
  onRotate(application: ApplicationView): void;
  onRemove(application: ApplicationView): void;
}) {
  return (
    <ScrollableTable>
      <Table size="small" aria-labelledby={labelledBy}>
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Client ID</TableCell>
            <TableCell>Redirect URIs</TableCell>
            <TableCell>Client secret</TableCell>
            <ActionsHeaderCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {applications.map((a) => (
            <TableRow key={a.clientId}>
              <TableCell sx={{ minWidth: 120 }}>{a.name}</TableCell>
              <TableCell sx={{ minWidth: 200 }}>
                <CopyableValue label={`client ID of ${a.name}`} value={a.clientId} />
              </TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere', minWidth: 180 }}>
                {a.redirectUris.map((uri) => (
                  <Typography key={uri} variant="body2">
                    {uri}
                  </Typography>
                ))}
              </TableCell>
              <TableCell sx={{ minWidth: 140 }}>
                <Typography variant="body2">
                  Set <FormattedDate iso={a.secretSetAt} />
                </Typography>
                {a.previousSecretValidUntil && (
                  <Typography variant="body2" color="text.secondary">
                    Old secret works until <FormattedDate iso={a.previousSecretValidUntil} />
                  </Typography>
                )}
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                <Button
                  size="small"
                  aria-label={`Rotate secret of ${a.name}`}
                  onClick={() => onRotate(a)}
                >
                  Rotate secret
                </Button>
                <Button
                  color="error"
                  size="small"
                  aria-label={`Remove ${a.name}`}
                  onClick={() => onRemove(a)}
                >
                  Remove
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollableTable>
  );
}
