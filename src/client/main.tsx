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
 * makes it interactive, so it is asked for once that HTML has been painted, and evaluated in
 * steps rather than in one long task: the libraries and the contract first, then the page's own
 * chunk, then the app. The server sends such a page without modulepreload links: switching them
 * on after the paint cost a slow phone about 40 ms a batch of six, and the chunks they fetched
 * all arrived at once, so the page's chunk was evaluated with its libraries in one long task
 * (Lighthouse: TBT 550-640 ms on the main page with them, 260 ms without). A page the browser
 * renders itself asks at once, the current page's chunk first, so that chunk downloads
 * alongside the app (which index.html preloads, see vite.config.ts) rather than after it.
 */
if (document.getElementById('root')?.hasAttribute('data-rendered')) {
  holdEarlyInput();
  await afterFirstPaint();
  await evaluateInSteps();
  await preloadPageFor(window.location.pathname)?.catch(() => undefined);
  await nextTask();
} else {
  void preloadPageFor(window.location.pathname);
}
void import('./app/start');
