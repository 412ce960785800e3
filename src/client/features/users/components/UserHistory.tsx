import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { ProvisioningEntry } from '../../../../shared/api/activity';
import type { SignInEvent } from '../../../../shared/api/sign-in-events';
import { USER_HISTORY_LIMIT } from '../../../../shared/api/user-details';
import { FormattedDate } from '../../../components/FormattedDate';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { OutcomeChip } from '../../activity/components/OutcomeChip';
import { provisioningActionLabels } from '../../activity/utils/labels';
import { refusalText } from '../utils/refusal-reasons';
import { Section } from './UserSections';

interface Column<T> {
  header: string;
  cell(row: T): ReactNode;
  /** Long values (error messages, attribute lists) may break anywhere. */
  wrap?: boolean;
}

/** Every history table starts with the time of the row. */
function timeColumn<T extends { at: string }>(): Column<T> {
  return { header: 'Time', cell: (row) => <FormattedDate iso={row.at} seconds /> };
}

/** A section of the person's page with the latest rows of one history, newest first. */
function HistorySection<T extends { id: number | string; at: string }>({
  id,
  title,
  empty,
  rows,
  columns,
}: {
  id: string;
  title: string;
  /** Said instead of an empty table. */
  empty: string;
  rows: T[];
  columns: Column<T>[];
}) {
  const all = [timeColumn<T>(), ...columns];
  return (
    <Section id={id} title={title}>
      {rows.length === 0 ? (
        <Typography color="text.secondary">{empty}</Typography>
      ) : (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            The latest {USER_HISTORY_LIMIT}, newest first.
          </Typography>
          <ScrollableTable>
            <Table size="small" aria-labelledby={id}>
              <TableHead>
                <TableRow>
                  {all.map((c) => (
                    <TableCell key={c.header}>{c.header}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((row) => (
                  <TableRow key={row.id}>
                    {all.map((c, i) => (
                      <TableCell
                        key={c.header}
                        sx={
                          i === 0
                            ? { whiteSpace: 'nowrap' }
                            : c.wrap
                              ? { overflowWrap: 'anywhere' }
                              : undefined
                        }
                      >
                        {c.cell(row)}
                      </TableCell>
                    ))}
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

const provisioningColumns: Column<ProvisioningEntry>[] = [
  { header: 'Action', cell: (e) => provisioningActionLabels[e.action] },
  { header: 'Outcome', cell: (e) => <OutcomeChip outcome={e.outcome} /> },
  {
    header: 'Changes',
    cell: (e) => e.error ?? (e.changes.map((c) => c.attribute).join(', ') || '—'),
    wrap: true,
  },
];

/** The SCIM requests Okta sent about this person. */
export function ProvisioningHistory({ entries }: { entries: ProvisioningEntry[] }) {
  return (
    <HistorySection
      id="user-provisioning"
      title="Provisioning history"
      empty="No SCIM request about this person is kept."
      rows={entries}
      columns={provisioningColumns}
    />
  );
}

const signInColumns: Column<SignInEvent>[] = [
  { header: 'Outcome', cell: (e) => (e.outcome === 'signed_in' ? 'Signed in' : 'Refused') },
  { header: 'Reason', cell: (e) => (e.outcome === 'refused' ? refusalText(e) : '—') },
];

/** Sign-ins through Okta, and refusals with the reason and what to change. */
export function SignInHistory({ events }: { events: SignInEvent[] }) {
  return (
    <HistorySection
      id="user-sign-ins"
      title="Sign-ins and refusals"
      empty="This person has not tried to sign in."
      rows={events}
      columns={signInColumns}
    />
  );
}
