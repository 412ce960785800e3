import type { EmotionCache } from '@emotion/react';
import type { QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import type { ReaderSettings } from '../lib/reader-settings';
import { BrowserRouter, MemoryRouter } from '../lib/router';
import { AppProviders } from './AppProviders';
import { AppRoutes } from './AppRoutes';

/**
 * The whole console, the same tree in the browser and on the server (ssr/render-page.tsx), whose
 * HTML the browser adopts only if it renders the same. `url`: on the server, the page's address;
 * in the browser, the address bar is.
 */
export function ConsoleApp({
  url,
  ...providers
}: {
  url?: string;
  queryClient: QueryClient;
  emotionCache?: EmotionCache;
  rendered?: ReaderSettings;
  texts?: Map<string, string>;
}) {
  return (
    <StrictMode>
      <AppProviders {...providers}>
        {url === undefined ? (
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        ) : (
          <MemoryRouter initialPath={url}>
            <AppRoutes />
          </MemoryRouter>
        )}
      </AppProviders>
    </StrictMode>
  );
}
