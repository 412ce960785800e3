import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Config } from '../config';

/**
 * CSP without inline script or inline style: scripts and style sheets come from files only. A
 * page that carries `<style>` (the console's index.html, whose first paint and MUI's emotion
 * styles are inline; the end-user pages) is sent with its own policy naming a nonce that is new
 * for each answer (`withStyleNonce`), and only elements carrying that nonce are applied.
 */
export function contentSecurityPolicy(styleNonce?: string, styleAttributeHashes: string[] = []) {
  const attributes = styleAttributeHashes.length
    ? ` 'unsafe-hashes' ${styleAttributeHashes.map((hash) => `'sha256-${hash}'`).join(' ')}`
    : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    styleNonce ? `style-src 'self' 'nonce-${styleNonce}'${attributes}` : "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * What a page's HTML has where its nonce goes: `<style nonce="…">` and index.html's
 * `<meta property="csp-nonce" nonce="…">`, from which the client hands it to emotion. With its
 * quotes, so no escaped text in the page (a name, a JSON answer) can ever contain it.
 */
export const STYLE_NONCE_PLACEHOLDER = 'nonce="__CSP_NONCE__"';

/**
 * A page the server rendered has a few `style` attributes (MUI's `style="--Paper-shadow:none"`),
 * which a CSP applies only by hash, with 'unsafe-hashes': exactly those declarations, no others.
 * Their hashes, for `contentSecurityPolicy`: SHA-256 of each distinct value as the browser reads
 * it (React escapes `&`, `"`, `'`, `<` and `>` in attributes).
 */
export function styleAttributeHashes(html: string): string[] {
  const values = new Set<string>();
  for (const [, value = ''] of html.matchAll(/\sstyle="([^"]*)"/g)) {
    values.add(
      value
        .replaceAll('&quot;', '"')
        .replaceAll('&#x27;', "'")
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&amp;', '&'),
    );
  }
  return [...values].map((value) => createHash('sha256').update(value).digest('base64'));
}

/** A fresh nonce (128 random bits) for this answer's styles, named in its CSP. */
export function newStyleNonce(reply: FastifyReply): string {
  const nonce = randomBytes(16).toString('base64');
  reply.header('content-security-policy', contentSecurityPolicy(nonce));
  return nonce;
}

/** A fresh nonce in the page's HTML and in this answer's CSP. */
export function withStyleNonce(reply: FastifyReply, html: string, nonce = newStyleNonce(reply)) {
  return html.replaceAll(STYLE_NONCE_PLACEHOLDER, `nonce="${nonce}"`);
}

/**
 * `same-origin`: no Referer leaves for another site (Okta, links), and the browser's own form
 * POSTs still carry their Origin. `no-referrer` made Chromium send `Origin: null` on the /me
 * sign-out form, which the same-origin check then refused.
 */
export const REFERRER_POLICY = 'same-origin';

/** The headers every answer carries; HSTS only when PUBLIC_URL is https. */
export function securityHeaderEntries(config: Config): Array<[string, string]> {
  const entries: Array<[string, string]> = [
    ['content-security-policy', contentSecurityPolicy()],
    ['x-content-type-options', 'nosniff'],
    ['referrer-policy', REFERRER_POLICY],
    ['x-frame-options', 'DENY'],
    ['cross-origin-opener-policy', 'same-origin'],
    ['cross-origin-resource-policy', 'same-origin'],
  ];
  if (config.publicUrl.startsWith('https:')) {
    entries.push(['strict-transport-security', 'max-age=31536000; includeSubDomains']);
  }
  return entries;
}

/** Every answer gets the headers; the strict policy unless it is a page with its own nonce. */
export function securityHeaders(app: FastifyInstance, config: Config) {
  const headers = Object.fromEntries(securityHeaderEntries(config));
  app.addHook('onSend', async (_request, reply, payload) => {
    const pagePolicy = reply.getHeader('content-security-policy');
    reply.headers(headers);
    if (pagePolicy) reply.header('content-security-policy', pagePolicy);
    return payload;
  });
}
