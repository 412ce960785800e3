import TableContainer from '@mui/material/TableContainer';
import type { ReactNode } from 'react';

/**
 * A table's box, which scrolls sideways on a phone: focusable, so a keyboard user can scroll it
 * with the arrow keys even when no cell holds a control (axe: scrollable-region-focusable).
 */
export function ScrollableTable({ children }: { children: ReactNode }) {
  return (
    <TableContainer
      tabIndex={0}
      sx={{
        // Visually hidden header text is absolutely positioned: without this it escapes the
        // scrolling box and makes the whole page scroll sideways on a phone.
        position: 'relative',
        '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' },
      }}
    >
      {children}
    </TableContainer>
  );
}
