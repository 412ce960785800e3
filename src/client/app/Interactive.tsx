import { useEffect } from 'react';
import { releaseEarlyInput } from './early-input';

/**
 * Rendered with the page, in its Suspense boundary: once its effect runs, the page has been
 * adopted (or rendered) and answers to input. It says so on <html data-interactive> (end-to-end
 * tests wait for it), and passes on what the person did meanwhile (early-input.ts).
 */
export function Interactive() {
  useEffect(() => {
    document.documentElement.dataset.interactive = '';
    releaseEarlyInput();
  }, []);
  return null;
}
