import createCache from '@emotion/cache';

/**
 * The nonce the server gave this page (index.html's `<meta property="csp-nonce">`, Vite's name
 * for it, which Vite's preload links read too). The `nonce` property, not the attribute: the
 * browser empties that once the page has a CSP, so no selector in a style sheet can read it.
 */
function pageStyleNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  return meta?.nonce || undefined;
}

/**
 * Emotion's cache (MUI's styles) with that nonce on every <style> it inserts, CssBaseline's
 * global styles included: the page's CSP applies no other inline style (security-headers.ts).
 */
export const emotionCache = createCache({ key: 'css', nonce: pageStyleNonce() });
