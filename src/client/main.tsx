import './zod-setup';
import { preloadPageFor } from './app/page-loaders';

/**
 * A small entry. A page the server rendered is complete as its HTML arrives: the app's code only
 * makes it interactive, so it is asked for once that HTML has been painted (the server leaves the
 * app's modulepreloads out of such a page), and the first paint never waits for script. A page
 * the browser renders itself asks at once, the current page's chunk first, so that chunk
 * downloads alongside the app (which index.html preloads, see vite.config.ts) rather than after.
 */
function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    // A tab opened in the background paints nothing until shown: do not wait for that.
    setTimeout(resolve, 500);
  });
}

if (document.getElementById('root')?.hasAttribute('data-rendered')) await afterFirstPaint();
preloadPageFor(window.location.pathname);
void import('./app/start');
