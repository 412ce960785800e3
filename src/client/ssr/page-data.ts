import type { DehydratedState } from '@tanstack/react-query';
import type { ReaderSettings } from '../../shared/reader-settings';

/**
 * What a page the server rendered carries for the browser to adopt it (hydrate): the settings it
 * was rendered with and the query cache it was rendered from, in
 * `<script type="application/json" id={RENDERED_PAGE_ID}>`. The cache holds the first screen's API
 * answers, parsed with the contract on the server by the client's own code.
 */
export interface RenderedPageData {
  settings: ReaderSettings;
  queries: DehydratedState;
  /** The dates and other locale-dependent text it wrote, so the browser need not make them. */
  texts: Record<string, string>;
}

export const RENDERED_PAGE_ID = 'rendered-page';

/** `#root` of a page the server rendered carries this attribute. */
export const RENDERED_ATTRIBUTE = 'data-rendered';
