import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { AuditEntry } from '../../../../shared/api/activity';
import { FormattedDate } from '../../../components/FormattedDate';
import { PagedTableBody } from '../../../components/PagedTableBody';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { auditKindLabels } from '../utils/labels';

const secondary = { display: 'block', color: 'text.secondary', typography: 'body2' } as const;

/** One page of the audit log: when, who, and what in one sentence. */
export function AuditTable({
  entries,
  labelledBy,
  busy,
  empty,
}: {
  entries: AuditEntry[];
  labelledBy: string;
  busy: boolean;
  empty: string;
}) {
  return (
    <ScrollableTable>
      <Table size="small" aria-labelledby={labelledBy} aria-busy={busy}>
        <TableHead>
          <TableRow>
            <TableCell>Time</TableCell>
            <TableCell>Who</TableCell>
            <TableCell>What</TableCell>
          </TableRow>
        </TableHead>
        <PagedTableBody rows={entries.length} columns={3} busy={busy} empty={empty}>
          {entries.map((entry) => (
            <TableRow key={entry.id}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <FormattedDate iso={entry.at} seconds />
              </TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>{entry.actor}</TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>
                {entry.summary}
                <Box component="span" sx={secondary}>
                  {auditKindLabels[entry.kind]}
                </Box>
              </TableCell>
            </TableRow>
          ))}
        </PagedTableBody>
      </Table>
    </ScrollableTable>
  );
}
