import { hydrate } from '@tanstack/react-query';
import { startTransition } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { hasEmbeddedAnswers } from '../lib/api-client';
import { RENDERED_ATTRIBUTE, RENDERED_PAGE_ID, type RenderedPageData } from '../ssr/page-data';
import { ConsoleApp } from './ConsoleApp';
import { createAppQueryClient } from './create-app-query-client';
import { prefetchFor } from './prefetch';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

/** What the server rendered the page from (ssr/page-data.ts), read once; undefined if it did not. */
function renderedPage(): RenderedPageData | undefined {
  const element = document.getElementById(RENDERED_PAGE_ID);
  element?.remove();
  if (!root?.hasAttribute(RENDERED_ATTRIBUTE) || !element?.textContent) return undefined;
  try {
    return JSON.parse(element.textContent) as RenderedPageData;
  } catch {
    return undefined;
  }
}

const queryClient = createAppQueryClient();
const app = (rendered?: RenderedPageData) => (
  <ConsoleApp
    queryClient={queryClient}
    rendered={rendered?.settings}
    texts={rendered && new Map(Object.entries(rendered.texts))}
  />
);

const page = renderedPage();
if (page) {
  // The server rendered this page: adopt its HTML from the cache it was rendered with. As a
  // transition, React does so in slices of a few milliseconds, yielding to the browser between.
  hydrate(queryClient, page.queries);
  startTransition(() => {
    hydrateRoot(root, app(page));
  });
} else {
  const embedded = hasEmbeddedAnswers();
  const firstScreen = prefetchFor(window.location, queryClient);
  // With the answers in the page, the data is ready as soon as the page's code is: render once,
  // complete, rather than a loading state and then the page.
  if (embedded) await firstScreen;
  // As a transition, React renders the first screen in slices of a few milliseconds, yielding to
  // the browser between them, instead of in one long task that blocks input on a slow phone.
  startTransition(() => {
    createRoot(root).render(app());
  });
}
