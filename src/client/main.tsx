import { config } from 'zod';
import { preloadPageFor } from './app/page-loaders';

// zod decides at schema construction whether to compile parsers with `new Function`, probing for
// it once; under this CSP (no 'unsafe-eval') the probe is reported as a violation. Parsing a few
// small answers needs no compiled parsers, so turn them off before any schema exists: before
// the page's chunk below, whose contract modules build schemas as they load.
config({ jitless: true });

// A small entry: it asks for the current page's chunk first, so that chunk downloads alongside
// the app (which index.html preloads, see vite.config.ts) rather than after the app has run.
preloadPageFor(window.location.pathname);
void import('./app/start');
