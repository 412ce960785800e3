import './zod-setup';
import { holdEarlyInput } from './app/early-input';
import { evaluateInSteps, nextTask } from './app/evaluate-in-steps';
import { preloadPageFor } from './app/page-loaders';

/** Resolves once the page has been painted (or soon, in a tab that paints nothing yet). */
function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    // A tab opened in the background paints nothing until shown: do not wait for that.
    setTimeout(resolve, 500);
  });
}

/**
 * A small entry. A page the server rendered is complete as its HTML arrives: the app's code only
 * makes it interactive, so it is asked for once that HTML has been painted (the server sends the
 * app's modulepreload links switched off, and they are switched on here), and evaluated in steps
 * rather than in one long task. A page the browser renders itself asks at once, the current
 * page's chunk first, so that chunk downloads alongside the app (which index.html preloads, see
 * vite.config.ts) rather than after it.
 */
/**
 * Switches on the app's modulepreload links that the server sent switched off, a few per task:
 * each starts a fetch, which costs the main thread about a millisecond on a slow phone.
 */
async function preloadApp(): Promise<void> {
  const links = [...document.querySelectorAll<HTMLLinkElement>('link[data-preload-after-paint]')];
  for (let i = 0; i < links.length; i += 6) {
    for (const link of links.slice(i, i + 6)) link.rel = 'modulepreload';
    await nextTask();
  }
}

if (document.getElementById('root')?.hasAttribute('data-rendered')) {
  holdEarlyInput();
  await afterFirstPaint();
  preloadPageFor(window.location.pathname);
  await preloadApp();
  await evaluateInSteps();
} else {
  preloadPageFor(window.location.pathname);
}
void import('./app/start');
