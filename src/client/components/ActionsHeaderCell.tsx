import Box from '@mui/material/Box';
import TableCell from '@mui/material/TableCell';
import { visuallyHidden } from './visually-hidden';

/** The header of a table's buttons column: named "Actions" for screen readers, blank on screen. */
export function ActionsHeaderCell() {
  return (
    <TableCell>
      <Box component="span" sx={visuallyHidden}>
        Actions
      </Box>
    </TableCell>
  );
}
