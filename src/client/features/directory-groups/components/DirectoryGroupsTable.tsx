import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import NativeSelect from '@mui/material/NativeSelect';
import OutlinedInput from '@mui/material/OutlinedInput';
import Table from '@mui/material/Table';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import type {
  Capability,
  DirectoryGroupView,
  MappingStatus,
} from '../../../../shared/api/directory-groups';
import { formatCount } from '../../../../shared/text';
import { ActionsHeaderCell } from '../../../components/ActionsHeaderCell';
import { Badge, type BadgeColor } from '../../../components/Badge';
import { PagedTableBody } from '../../../components/PagedTableBody';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { visuallyHidden } from '../../../components/visually-hidden';
import { useFormatDate } from '../../../lib/reader-settings';
import { capabilityLabel, statusLabel } from '../utils/seat-effect';

export type GroupSort = 'name' | 'capability' | 'members' | 'createdAt';
export type SortOrder = 'asc' | 'desc';

const statusColor: Record<MappingStatus, BadgeColor> = {
  synced: 'success',
  waiting: 'warning',
  'no-longer-pushed': 'default',
};

const secondary = { display: 'block', color: 'text.secondary', typography: 'body2' } as const;

/**
 * The day only, to keep the table narrow for long group names; the time and who added the
 * mapping on hover, and read out by screen readers.
 */
function AddedOn({ iso, by }: { iso: string; by: string }) {
  const formatDate = useFormatDate();
  return (
    <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
      <time dateTime={iso} title={`${formatDate(iso, 'dateTime')} by ${by}`}>
        {formatDate(iso, 'day')}
      </time>
      <Box component="span" sx={visuallyHidden}>
        {' '}
        by {by}
      </Box>
    </Box>
  );
}

const COLUMNS: { sort: GroupSort; label: string; numeric?: boolean }[] = [
  { sort: 'name', label: 'Group name' },
  { sort: 'capability', label: 'Capability' },
  { sort: 'members', label: 'Members', numeric: true },
];

function SortableHead({
  column,
  sort,
  order,
  onSort,
  numeric,
  children,
}: {
  column: GroupSort;
  sort: GroupSort;
  order: SortOrder;
  onSort(column: GroupSort): void;
  numeric?: boolean;
  children: string;
}) {
  const active = sort === column;
  return (
    <TableCell
      align={numeric ? 'right' : 'left'}
      sortDirection={active ? order : false}
      sx={{ whiteSpace: 'nowrap' }}
    >
      <TableSortLabel
        active={active}
        direction={active ? order : 'asc'}
        onClick={() => onSort(column)}
      >
        {children}
      </TableSortLabel>
    </TableCell>
  );
}

/** One page of mappings; sorting asks the server, the capability select asks for confirmation. */
export function DirectoryGroupsTable({
  groups,
  labelledBy,
  sort,
  order,
  busy,
  empty,
  onSort,
  onChangeCapability,
  onRemove,
}: {
  groups: DirectoryGroupView[];
  /** The id of the heading that names the table. */
  labelledBy: string;
  sort: GroupSort;
  order: SortOrder;
  /** A new page or order is loading; the rows shown are the previous ones. */
  busy: boolean;
  /** What the table says when it has no rows. */
  empty: string;
  onSort(column: GroupSort): void;
  onChangeCapability(group: DirectoryGroupView, capability: Capability): void;
  onRemove(group: DirectoryGroupView): void;
}) {
  const head = { sort, order, onSort };
  return (
    <ScrollableTable>
      <Table size="small" aria-labelledby={labelledBy} aria-busy={busy}>
        <TableHead>
          <TableRow>
            {COLUMNS.map((c) => (
              <SortableHead key={c.sort} column={c.sort} numeric={c.numeric} {...head}>
                {c.label}
              </SortableHead>
            ))}
            <TableCell>Status</TableCell>
            <SortableHead column="createdAt" {...head}>
              Added
            </SortableHead>
            <ActionsHeaderCell />
          </TableRow>
        </TableHead>
        <PagedTableBody rows={groups.length} columns={6} busy={busy} empty={empty}>
          {groups.map((group) => (
            <TableRow key={group.id}>
              <TableCell sx={{ overflowWrap: 'anywhere', minWidth: 120 }}>
                {group.name}
                {group.previousName && (
                  <Box component="span" sx={secondary}>
                    renamed from {group.previousName}
                  </Box>
                )}
              </TableCell>
              <TableCell>
                <NativeSelect
                  value={group.capability}
                  onChange={(event) =>
                    onChangeCapability(group, event.target.value === 'pro' ? 'pro' : 'basic')
                  }
                  input={<OutlinedInput size="small" />}
                  inputProps={{ 'aria-label': `Capability for ${group.name}` }}
                >
                  <option value="basic">{capabilityLabel.basic}</option>
                  <option value="pro">{capabilityLabel.pro}</option>
                </NativeSelect>
              </TableCell>
              <TableCell align="right">{formatCount(group.members)}</TableCell>
              <TableCell>
                <Badge
                  variant="outlined"
                  color={statusColor[group.status]}
                  label={statusLabel[group.status]}
                />
              </TableCell>
              <TableCell>
                <AddedOn iso={group.createdAt} by={group.createdBy} />
              </TableCell>
              <TableCell align="right">
                <Button
                  color="error"
                  size="small"
                  aria-label={`Remove ${group.name}`}
                  onClick={() => onRemove(group)}
                >
                  Remove
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </PagedTableBody>
      </Table>
    </ScrollableTable>
  );
}
