import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { AccessKeyView } from '../../../../shared/api/access-keys';
import { ActionsHeaderCell } from '../../../components/ActionsHeaderCell';
import { Badge } from '../../../components/Badge';
import { FormattedDate } from '../../../components/FormattedDate';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { keyLabel } from '../utils/access-keys';

const noWrap = { whiteSpace: 'nowrap' } as const;
const secondary = { display: 'block', color: 'text.secondary', typography: 'body2' } as const;

function KeyStatus({ accessKey }: { accessKey: AccessKeyView }) {
  if (!accessKey.active) {
    return (
      <>
        <Badge label="Revoked" />
        {accessKey.revokedAt && (
          <Box component="span" sx={{ ...secondary, mt: 0.5 }}>
            <FormattedDate iso={accessKey.revokedAt} />
          </Box>
        )}
      </>
    );
  }
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 0.5 }}>
      <Badge color="success" variant="outlined" label="Active" />
      {accessKey.safeToRevoke && (
        <Badge
          color="info"
          variant="outlined"
          wrap
          label="Not used since the newer key; safe to revoke"
        />
      )}
    </Box>
  );
}

/** Every key by its first characters, newest first, with "Revoke" on the active ones. */
export function AccessKeysTable({
  keys,
  labelledBy,
  onRevoke,
}: {
  keys: AccessKeyView[];
  /** The id of the heading that names the table. */
  labelledBy: string;
  onRevoke(key: AccessKeyView): void;
}) {
  return (
    <ScrollableTable>
      <Table size="small" aria-labelledby={labelledBy}>
        <TableHead>
          <TableRow>
            <TableCell>Key</TableCell>
            <TableCell>Created</TableCell>
            <TableCell>Last used</TableCell>
            <TableCell sx={{ minWidth: 170 }}>Status</TableCell>
            <ActionsHeaderCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {keys.length === 0 && (
            <TableRow>
              <TableCell colSpan={5}>
                <Typography color="text.secondary" variant="body2">
                  No access keys yet. Create one and paste it into Okta.
                </Typography>
              </TableCell>
            </TableRow>
          )}
          {keys.map((key) => (
            <TableRow key={key.id}>
              <TableCell>
                <Box component="code" sx={noWrap}>
                  {keyLabel(key)}
                </Box>
              </TableCell>
              <TableCell>
                <Box component="span" sx={noWrap}>
                  <FormattedDate iso={key.createdAt} />
                </Box>
                <Box component="span" sx={{ ...secondary, overflowWrap: 'anywhere' }}>
                  by {key.createdBy}
                </Box>
              </TableCell>
              <TableCell>
                {key.lastUsedAt ? <FormattedDate iso={key.lastUsedAt} /> : 'Never used'}
              </TableCell>
              <TableCell>
                <KeyStatus accessKey={key} />
              </TableCell>
              <TableCell align="right">
                {key.active && (
                  <Button
                    color="error"
                    size="small"
                    aria-label={`Revoke ${keyLabel(key)}`}
                    onClick={() => onRevoke(key)}
                  >
                    Revoke
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
