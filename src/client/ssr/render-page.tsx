/**
 * The console's pages rendered on the server (the server's http/spa-page.ts calls this): the
 * same app, providers and routes as in the browser, from a query cache filled by the page's own
 * prefetch with the API answers the server asked for, so the browser shows the whole first
 * screen as soon as the HTML arrives and its script only has to adopt it (start.tsx).
 */
import createCache, { type EmotionCache } from '@emotion/cache';
import { dehydrate, hydrate } from '@tanstack/react-query';
import { prerenderToNodeStream } from 'react-dom/static';
import { ConsoleApp } from '../app/ConsoleApp';
import { EMOTION_KEY } from '../app/emotion-cache';
import { prefetchFor } from '../app/prefetch';
import { serveAnswers } from '../lib/api-client';
import { createQueryClient } from '../lib/query-client';
import type { ReaderSettings } from '../lib/reader-settings';
import type { RenderedPageData } from './page-data';

export interface PageRender {
  /** `<style>` elements for `<head>`: every rule the page uses, with the page's nonce. */
  styles: string;
  /** The page's `<title>` element (React hoists it), for `<head>`; '' if it has none. */
  title: string;
  /** The contents of `#root`. */
  html: string;
  data: RenderedPageData;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * One at a time: the API client takes the answers from one place (`serveAnswers`). Rendering
 * is work on the one thread anyway, so nothing waits that would otherwise run.
 */
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Every rule the render made, as emotion's own server package writes them (global styles one
 * element each, the rest in one), with the nonce. All of them, not only the classes in the HTML:
 * MUI composes a component's class from those of the components it wraps, and the browser's
 * render makes those inner classes too. Listed here as inserted, they are not inserted again.
 * `data-s`: already where they belong (in <head>), so the browser's cache does not move them.
 */
function styleElements(cache: EmotionCache): string {
  const open = (ids: string) => `<style data-emotion="${ids}" data-s="" nonce="${cache.nonce}">`;
  const globals: string[] = [];
  const ids: string[] = [];
  let css = '';
  for (const [id, rules] of Object.entries(cache.inserted)) {
    if (typeof rules !== 'string') continue;
    if (cache.registered[`${cache.key}-${id}`] === undefined) {
      globals.push(`${open(`${cache.key}-global ${id}`)}${rules}</style>`);
    } else {
      ids.push(id);
      css += rules;
    }
  }
  return `${globals.join('')}${open(`${cache.key} ${ids.join(' ')}`)}${css}</style>`;
}

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts).toString('utf8');
}

/**
 * Renders the page at `url` (path and query) as `answers` (request target → API answer, the
 * visitor's own) describe it, with styles carrying `nonce`.
 */
export async function renderPage({
  url,
  answers,
  nonce,
  settings,
}: {
  url: string;
  answers: Record<string, unknown>;
  nonce: string;
  settings: ReaderSettings;
}): Promise<PageRender> {
  const location = new URL(url, 'http://console.invalid');
  const queries = await oneAtATime(async () => {
    const prefetched = createQueryClient({ retry: false });
    serveAnswers(answers);
    try {
      await prefetchFor(location, prefetched, settings.now);
      // What the browser will have: answers that parsed, no failed or pending queries.
      return dehydrate(prefetched);
    } finally {
      serveAnswers(undefined);
      prefetched.clear();
    }
  });

  const queryClient = createQueryClient();
  hydrate(queryClient, queries);
  const texts = new Map<string, string>();
  const emotionCache = createCache({ key: EMOTION_KEY, nonce });
  // On the server emotion writes a <style> before each element unless `compat` is set; with it,
  // it only records the rules, for styleElements.
  emotionCache.compat = true;
  try {
    const { prelude } = await prerenderToNodeStream(
      <ConsoleApp
        url={`${location.pathname}${location.search}`}
        queryClient={queryClient}
        emotionCache={emotionCache}
        rendered={settings}
        texts={texts}
      />,
      // Every Suspense boundary in place, never outlined for a script to move into place: the
      // page runs no inline script (its CSP allows none) and reads the same without JavaScript.
      { progressiveChunkSize: Number.POSITIVE_INFINITY },
    );
    const rendered = await text(prelude);
    const styles = styleElements(emotionCache);
    // React writes the hoisted <title> first; in <head> it names the page before any script runs.
    const [, title = '', html = ''] = /^(<title>[\s\S]*?<\/title>)?([\s\S]*)$/.exec(rendered) ?? [];
    return { styles, title, html, data: { settings, queries, texts: Object.fromEntries(texts) } };
  } finally {
    queryClient.clear();
  }
}
