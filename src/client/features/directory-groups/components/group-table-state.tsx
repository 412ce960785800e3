import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import OutlinedInput from '@mui/material/OutlinedInput';
import { useId, useState } from 'react';
import {
  type DirectoryGroupsQuery,
  FIRST_DIRECTORY_GROUPS_PAGE as FIRST,
  MAX_GROUP_NAME,
} from '../../../../shared/api/directory-groups';
import { FILTER_DEBOUNCE_MS, useDebouncedCallback } from '../../../lib/use-debounced-callback';
import type { GroupSort, SortOrder } from './DirectoryGroupsTable';

export type { GroupSort } from './DirectoryGroupsTable';

// A count or a date reads best largest or newest first; names A to Z.
const FIRST_ORDER: Record<GroupSort, SortOrder> = {
  name: 'asc',
  capability: 'asc',
  members: 'desc',
  createdAt: 'desc',
};

interface TableState {
  sort: GroupSort;
  order: SortOrder;
  /** From 0, as TablePagination counts. */
  page: number;
  pageSize: number;
  name: string;
}

/** Sort, page and name filter of the table: every change goes to the server as a query. */
export function useGroupTableState() {
  const [state, setState] = useState<TableState>({
    sort: FIRST.sort,
    order: FIRST.order,
    page: FIRST.page - 1,
    pageSize: FIRST.pageSize,
    name: '',
  });
  const query: DirectoryGroupsQuery = {
    page: state.page + 1,
    pageSize: state.pageSize,
    sort: state.sort,
    order: state.order,
    ...(state.name ? { name: state.name } : {}),
  };
  return {
    ...state,
    query,
    sortBy: (sort: GroupSort) =>
      setState((s) => ({
        ...s,
        sort,
        order: s.sort === sort ? (s.order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[sort],
        page: 0,
      })),
    setPage: (page: number) => setState((s) => ({ ...s, page })),
    setPageSize: (pageSize: number) => setState((s) => ({ ...s, pageSize, page: 0 })),
    setName: (name: string) => setState((s) => (s.name === name ? s : { ...s, name, page: 0 })),
  };
}

/** "Filter by name": asks the server once typing pauses. */
export function GroupNameFilter({ onFilter }: { onFilter(name: string): void }) {
  const id = useId();
  const [text, setText] = useState('');
  const filter = useDebouncedCallback(
    (value: string) => onFilter(value.trim()),
    FILTER_DEBOUNCE_MS,
  );
  return (
    <FormControl size="small" margin="normal" sx={{ width: { xs: '100%', sm: 320 } }}>
      <InputLabel htmlFor={id}>Filter by name</InputLabel>
      <OutlinedInput
        id={id}
        type="search"
        label="Filter by name"
        value={text}
        autoComplete="off"
        inputProps={{ maxLength: MAX_GROUP_NAME }}
        onChange={(event) => {
          setText(event.target.value);
          filter(event.target.value);
        }}
      />
    </FormControl>
  );
}
