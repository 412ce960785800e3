import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';

/**
 * CSP without inline script: the SPA's index.html and the end-user pages load scripts from files
 * only. style-src keeps 'unsafe-inline': MUI's emotion inserts <style> elements at run time and
 * the end-user pages carry one <style>; a nonce would need index.html rendered per request, and
 * inline styles cannot run code.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `same-origin`: no Referer leaves for another site (Okta, links), and the browser's own form
 * POSTs still carry their Origin. `no-referrer` made Chromium send `Origin: null` on the /me
 * sign-out form, which the same-origin check then refused.
 */
export const REFERRER_POLICY = 'same-origin';

/** The headers every answer carries; HSTS only when PUBLIC_URL is https. */
export function securityHeaderEntries(config: Config): Array<[string, string]> {
  const entries: Array<[string, string]> = [
    ['content-security-policy', CSP],
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

export function securityHeaders(app: FastifyInstance, config: Config) {
  const headers = Object.fromEntries(securityHeaderEntries(config));
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(headers);
    return payload;
  });
}
