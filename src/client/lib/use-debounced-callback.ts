import { useEffect, useRef } from 'react';

/**
 * `fn`, called only once the calls have paused for `delayMs`: typing "acme" in a filter asks the
 * server once, not four times. The pending call is dropped when the component unmounts.
 */
export function useDebouncedCallback<A extends unknown[]>(
  fn: (...args: A) => void,
  delayMs: number,
): (...args: A) => void {
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const debounced = useRef((...args: A) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(...args), delayMs);
  });
  return debounced.current;
}

/** How long filters wait after the last key press before asking the server. */
export const FILTER_DEBOUNCE_MS = 300;
