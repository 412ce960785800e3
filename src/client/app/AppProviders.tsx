import { CacheProvider, type EmotionCache } from '@emotion/react';
import CssBaseline from '@mui/material/CssBaseline';
import GlobalStyles from '@mui/material/GlobalStyles';
import { ThemeProvider } from '@mui/material/styles';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { type ReaderSettings, RenderedReaderSettings } from '../lib/reader-settings';
import { browserEmotionCache } from './emotion-cache';
import { AUTOFILL_KEYFRAMES, theme } from './theme';

export function AppProviders({
  queryClient,
  emotionCache = browserEmotionCache(),
  rendered = null,
  texts,
  children,
}: {
  queryClient: QueryClient;
  /** The server's own for each page it renders; the browser's otherwise. */
  emotionCache?: EmotionCache;
  /** What the server rendered the page with, on the server and while hydrating. */
  rendered?: ReaderSettings | null;
  /** The locale-dependent text the page was rendered with (lib/reader-settings.tsx). */
  texts?: Map<string, string>;
  children: ReactNode;
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <CacheProvider value={emotionCache}>
        <ThemeProvider theme={theme}>
          <CssBaseline />
          <GlobalStyles styles={AUTOFILL_KEYFRAMES} />
          <RenderedReaderSettings settings={rendered} texts={texts}>
            {children}
          </RenderedReaderSettings>
        </ThemeProvider>
      </CacheProvider>
    </QueryClientProvider>
  );
}
