import type { SnackbarProps } from '@mui/material/Snackbar';
import { lazy, Suspense, useState } from 'react';

// Snackbar brings its transition, click-away and timer code (about 4 KB gzip); no page needs it
// before its first message, so it loads then.
const Snackbar = lazy(() => import('@mui/material/Snackbar'));

type NoticeProps = Pick<SnackbarProps, 'open' | 'onClose' | 'message' | 'autoHideDuration'>;

/** A short message at the foot of the screen ("Copied", "Saved", an error), MUI's Snackbar. */
export function Notice({ open, autoHideDuration = 6000, ...rest }: NoticeProps) {
  // Once shown, it stays mounted so that it can close with its transition.
  const [used, setUsed] = useState(Boolean(open));
  if (open && !used) setUsed(true);
  if (!used) return null;
  return (
    <Suspense fallback={null}>
      <Snackbar open={open} autoHideDuration={autoHideDuration} {...rest} />
    </Suspense>
  );
}
