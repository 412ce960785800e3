/**
 * Read by screen readers, not shown: for text that the layout already says visually. In `sx`,
 * `width: 1` would mean 100%, hence the '1px'.
 */
export const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;
