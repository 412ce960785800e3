import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/**
 * The body of a server-paged table: dimmed while the next page loads (the previous one stays on
 * screen), and one row spanning `columns` that says `empty` when there are no rows.
 */
export function PagedTableBody({
  rows,
  columns,
  busy,
  empty,
  children,
}: {
  /** How many rows the page holds. */
  rows: number;
  columns: number;
  busy: boolean;
  empty: string;
  children: ReactNode;
}) {
  return (
    <TableBody sx={{ opacity: busy ? 0.6 : 1, transition: 'opacity 150ms' }}>
      {rows === 0 && (
        <TableRow>
          <TableCell colSpan={columns}>
            <Typography color="text.secondary" variant="body2">
              {empty}
            </Typography>
          </TableCell>
        </TableRow>
      )}
      {children}
    </TableBody>
  );
}
