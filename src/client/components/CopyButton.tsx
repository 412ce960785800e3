import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import { useState } from 'react';
import { CheckIcon, CopyIcon } from './icons';

type CopyState = 'idle' | 'copied' | 'failed';

const SHOW_RESULT_MS = 2500;

/** Copies `value` to the clipboard and says so in a polite live region. */
export function CopyButton({ label, value }: { label: string; value: string }) {
  const [state, setState] = useState<CopyState>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), SHOW_RESULT_MS);
  }

  const status =
    state === 'copied'
      ? `${label.charAt(0).toUpperCase()}${label.slice(1)} copied.`
      : state === 'failed'
        ? `Could not copy. Select the ${label} and copy it by hand.`
        : '';

  return (
    <>
      {/* A native title, not MUI's Tooltip: that one brings Popper.js (16 KB gzip) to the page. */}
      <IconButton aria-label={`Copy ${label}`} title={`Copy ${label}`} onClick={copy} size="small">
        {state === 'copied' ? <CheckIcon fontSize="small" /> : <CopyIcon fontSize="small" />}
      </IconButton>
      <Box
        component="span"
        role="status"
        sx={{
          fontSize: 'body2.fontSize',
          color: state === 'failed' ? 'error.main' : 'text.secondary',
        }}
      >
        {status}
      </Box>
    </>
  );
}
