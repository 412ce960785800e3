import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { Fragment, useId, useState } from 'react';
import type { ProvisioningEntry } from '../../../../shared/api/activity';
import { FormattedDate } from '../../../components/FormattedDate';
import { ExpandMoreIcon } from '../../../components/icons';
import { PagedTableBody } from '../../../components/PagedTableBody';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { formatDuration, provisioningActionLabels } from '../utils/labels';
import { OutcomeChip } from './OutcomeChip';
import { ProvisioningDetails } from './ProvisioningDetails';

const COLUMNS = 6;
const secondary = { display: 'block', color: 'text.secondary', typography: 'body2' } as const;

/** One page of SCIM requests; each row opens to show what changed and why it failed. */
export function ProvisioningTable({
  entries,
  labelledBy,
  busy,
  empty,
}: {
  entries: ProvisioningEntry[];
  labelledBy: string;
  busy: boolean;
  empty: string;
}) {
  const id = useId();
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (entryId: number) =>
    setOpen((ids) => {
      const next = new Set(ids);
      if (!next.delete(entryId)) next.add(entryId);
      return next;
    });

  return (
    <ScrollableTable>
      <Table size="small" aria-labelledby={labelledBy} aria-busy={busy}>
        <TableHead>
          <TableRow>
            <TableCell>Time</TableCell>
            <TableCell>Action</TableCell>
            <TableCell>User or group</TableCell>
            <TableCell>Status</TableCell>
            <TableCell align="right">Duration</TableCell>
            <TableCell>Details</TableCell>
          </TableRow>
        </TableHead>
        <PagedTableBody rows={entries.length} columns={COLUMNS} busy={busy} empty={empty}>
          {entries.map((entry) => {
            const expanded = open.has(entry.id);
            const detailsId = `${id}-${entry.id}`;
            const label = provisioningActionLabels[entry.action];
            const resource = entry.resourceName ?? entry.resourceId;
            return (
              <Fragment key={entry.id}>
                <TableRow sx={expanded ? { '& > td': { borderBottom: 0 } } : undefined}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <FormattedDate iso={entry.at} seconds />
                  </TableCell>
                  <TableCell>{label}</TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>
                    {resource ?? '—'}
                    {entry.resourceType && (
                      <Box component="span" sx={secondary}>
                        {entry.resourceType}
                      </Box>
                    )}
                  </TableCell>
                  <TableCell>
                    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
                      <span>{entry.status}</span>
                      <OutcomeChip outcome={entry.outcome} />
                    </Box>
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {formatDuration(entry.durationMs)}
                  </TableCell>
                  <TableCell>
                    <Button
                      size="small"
                      aria-expanded={expanded}
                      aria-controls={expanded ? detailsId : undefined}
                      aria-label={`Details of ${label}${resource ? ` ${resource}` : ''}`}
                      endIcon={
                        <ExpandMoreIcon
                          sx={{ transform: expanded ? 'rotate(180deg)' : undefined }}
                        />
                      }
                      onClick={() => toggle(entry.id)}
                    >
                      Details
                    </Button>
                  </TableCell>
                </TableRow>
                {expanded && (
                  <TableRow id={detailsId}>
                    <TableCell colSpan={COLUMNS} sx={{ bgcolor: 'action.hover' }}>
                      <ProvisioningDetails entry={entry} />
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            );
          })}
        </PagedTableBody>
      </Table>
    </ScrollableTable>
  );
}
