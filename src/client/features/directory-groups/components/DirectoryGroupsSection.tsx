import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useState } from 'react';
import type { DirectoryGroupView } from '../../../../shared/api/directory-groups';
import { Notice } from '../../../components/Notice';
import { Pager } from '../../../components/Pager';
import { LicenceTotals } from '../../users/components/LicenceTotals';
import { useDirectoryGroups } from '../api/list-directory-groups';
import { DirectoryGroupsTable } from './DirectoryGroupsTable';
import { GroupNameFilter, type GroupSort, useGroupTableState } from './group-table-state';
import type { MappingChange } from './MappingChangeDialog';

const loadAddDialog = () => import('./AddGroupsDialog');
const AddGroupsDialog = lazy(loadAddDialog);
const loadChangeDialog = () => import('./MappingChangeDialog');
const MappingChangeDialog = lazy(loadChangeDialog);

const PAGE_SIZES = [10, 25, 50, 100];

interface ChangeState {
  open: boolean;
  /** Changes on every opening, so the dialog starts with fresh mutations. */
  key: number;
  group?: DirectoryGroupView;
  change?: MappingChange;
}

/** "Directory groups": which pushed groups give Basic or Pro, paged and sorted by the server. */
export function DirectoryGroupsSection() {
  const table = useGroupTableState();
  const list = useDirectoryGroups(table.query);
  const [add, setAdd] = useState({ open: false, key: 0 });
  const [change, setChange] = useState<ChangeState>({ open: false, key: 0 });
  const [notice, setNotice] = useState({ open: false, message: '' });
  const announce = (message: string) => setNotice({ open: true, message });

  function ask(group: DirectoryGroupView, next: MappingChange) {
    void loadChangeDialog();
    setChange(({ key }) => ({ open: true, key: key + 1, group, change: next }));
  }

  const data = list.data;
  const empty = table.name
    ? `No mapped group name contains "${table.name}".`
    : 'No directory groups yet. Choose Add new groups and type the name of a group that Okta pushes.';

  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby="directory-groups"
      sx={{ p: { xs: 2, sm: 3 }, mt: 3 }}
    >
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <Typography id="directory-groups" variant="h5" component="h2" sx={{ flexGrow: 1 }}>
          Directory groups
        </Typography>
        <Button
          variant="contained"
          onPointerEnter={loadAddDialog}
          onFocus={loadAddDialog}
          onClick={() => setAdd(({ key }) => ({ open: true, key: key + 1 }))}
        >
          Add new groups
        </Button>
      </Box>
      <Typography sx={{ mb: 2 }}>
        Members of a group mapped to Pro get Pro; else members of a group mapped to Basic get Basic.
        People in no mapped group cannot sign in.
      </Typography>
      <LicenceTotals headingLevel="h3" />
      <GroupNameFilter onFilter={table.setName} />
      {list.error && <Alert severity="error">{list.error.message}</Alert>}
      {list.isPending && <Skeleton variant="rounded" height={160} />}
      {data && (
        <>
          <DirectoryGroupsTable
            groups={data.groups}
            labelledBy="directory-groups"
            sort={table.sort}
            order={table.order}
            busy={list.isPlaceholderData}
            empty={empty}
            onSort={(column: GroupSort) => table.sortBy(column)}
            onChangeCapability={(group, capability) =>
              ask(group, { kind: 'capability', capability })
            }
            onRemove={(group) => ask(group, { kind: 'remove' })}
          />
          <Pager
            total={data.total}
            page={table.page + 1}
            pageSize={table.pageSize}
            pageSizes={PAGE_SIZES}
            noun="Groups"
            onChange={(next) => {
              if (next.pageSize !== undefined) table.setPageSize(next.pageSize);
              else if (next.page !== undefined) table.setPage(next.page - 1);
            }}
          />
        </>
      )}
      {add.key > 0 && (
        <Suspense fallback={null}>
          <AddGroupsDialog
            key={add.key}
            open={add.open}
            onClose={() => setAdd((a) => ({ ...a, open: false }))}
            onAdded={(group) => {
              setAdd((a) => ({ ...a, open: false }));
              announce(
                group.status === 'waiting'
                  ? `"${group.name}" added. It is waiting for Okta and takes effect when Okta pushes it.`
                  : `"${group.name}" mapped to ${group.capability === 'pro' ? 'Pro' : 'Basic'}.`,
              );
            }}
          />
        </Suspense>
      )}
      {change.group && change.change && (
        <Suspense fallback={null}>
          <MappingChangeDialog
            key={change.key}
            open={change.open}
            group={change.group}
            change={change.change}
            onClose={() => setChange((c) => ({ ...c, open: false }))}
            onDone={(message) => {
              setChange((c) => ({ ...c, open: false }));
              if (change.change?.kind === 'remove' && data?.groups.length === 1) {
                table.setPage(Math.max(0, table.page - 1));
              }
              announce(message);
            }}
          />
        </Suspense>
      )}
      <Notice
        open={notice.open}
        onClose={() => setNotice((n) => ({ ...n, open: false }))}
        message={notice.message}
      />
    </Paper>
  );
}
