import createCache, { type EmotionCache } from '@emotion/cache';

/**
 * The nonce the server gave this page (index.html's `<meta property="csp-nonce">`, Vite's name
 * for it, which Vite's preload links read too). The `nonce` property, not the attribute: the
 * browser empties that once the page has a CSP, so no selector in a style sheet can read it.
 */
function pageStyleNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  return meta?.nonce || undefined;
}

/** The key of every class and <style> emotion writes, on the server and in the browser. */
export const EMOTION_KEY = 'css';

let browserCache: EmotionCache | undefined;

/**
 * Emotion's cache (MUI's styles) in the browser, with that nonce on every <style> it inserts,
 * CssBaseline's global styles included: the page's CSP applies no other inline style
 * (security-headers.ts). Made on first use, when it also adopts the styles the server rendered
 * into the page, so they are not inserted again.
 */
export function browserEmotionCache(): EmotionCache {
  browserCache ??= createCache({ key: EMOTION_KEY, nonce: pageStyleNonce() });
  return browserCache;
}
