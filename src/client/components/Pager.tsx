import TablePagination from '@mui/material/TablePagination';

/**
 * Server-side paging under a table: `page` counts from 1, as the API does. `noun` names the rows
 * ("Users") in the page-size label, which is a native select so the keyboard and screen readers
 * get the platform's own control.
 */
export function Pager({
  total,
  page,
  pageSize,
  pageSizes,
  noun,
  onChange,
}: {
  total: number;
  page: number;
  pageSize: number;
  pageSizes: readonly number[];
  noun: string;
  onChange: (next: { page?: number; pageSize?: number }) => void;
}) {
  const lastPage = Math.max(0, Math.ceil(total / pageSize) - 1);
  return (
    <TablePagination
      component="div"
      count={total}
      page={Math.min(page - 1, lastPage)}
      rowsPerPage={pageSize}
      rowsPerPageOptions={[...pageSizes]}
      onPageChange={(_, next) => onChange({ page: next + 1 })}
      onRowsPerPageChange={(event) => onChange({ pageSize: Number(event.target.value) })}
      labelRowsPerPage={`${noun} per page:`}
      slotProps={{
        select: { native: true, inputProps: { 'aria-label': `${noun} per page` } },
      }}
    />
  );
}
