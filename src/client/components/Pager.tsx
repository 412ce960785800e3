import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import NativeSelect from '@mui/material/NativeSelect';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import { formatCount } from '../../shared/text';
import { ChevronLeftIcon, ChevronRightIcon } from './icons';

/**
 * Server-side paging under a table: `page` counts from 1, as the API does. `noun` names the rows
 * ("Users") in the page-size label. Built from a native select and two buttons rather than MUI's
 * TablePagination, whose Select brings Menu, Popover and Modal (about 19 KB gzip) to the page.
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
  const id = useId();
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const shown = Math.min(Math.max(1, page), lastPage);
  const first = total === 0 ? 0 : (shown - 1) * pageSize + 1;
  const last = Math.min(total, shown * pageSize);
  return (
    <Box
      sx={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'flex-end',
        flexWrap: 'wrap',
        columnGap: 3,
        rowGap: 1,
        py: 1,
        typography: 'body2',
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <label htmlFor={id}>{noun} per page</label>
        <NativeSelect
          id={id}
          value={pageSize}
          disableUnderline
          onChange={(event) => onChange({ pageSize: Number(event.target.value) })}
          sx={{ typography: 'body2' }}
        >
          {pageSizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </NativeSelect>
      </Box>
      <Typography variant="body2" component="p">
        {`${first}–${last} of ${formatCount(total)}`}
      </Typography>
      <Box>
        <IconButton
          aria-label="Go to previous page"
          title="Go to previous page"
          disabled={shown <= 1}
          onClick={() => onChange({ page: shown - 1 })}
        >
          <ChevronLeftIcon />
        </IconButton>
        <IconButton
          aria-label="Go to next page"
          title="Go to next page"
          disabled={shown >= lastPage}
          onClick={() => onChange({ page: shown + 1 })}
        >
          <ChevronRightIcon />
        </IconButton>
      </Box>
    </Box>
  );
}
