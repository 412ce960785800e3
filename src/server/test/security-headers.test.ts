/**
 * The headers every answer carries (CSP, nosniff, Referrer-Policy, frame denial, HSTS on https),
 * on every path an answer can take: routes, errors, the SPA, the end-user pages, and the errors
 * written before routing. Also: no page this server sends carries an inline script, and its only
 * inline style is what carries the page's own nonce, new for each answer.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOktaStandIn } from '../../testing/okta-stand-in';
import { cookieFrom, type Harness, startHarness, TEST_ADMIN } from '../../testing/server-harness';
import * as pages from '../http/pages/end-user-pages';
import { REFUSALS } from '../http/pages/end-user-pages';

const root = path.resolve(import.meta.dirname, '../../..');

function directives(csp: string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}

/**
 * Checks the headers; returns the style nonce of a page's policy. Without one, style sheets come
 * from files only; with one, only <style> elements carrying it. Never 'unsafe-inline'.
 */
function expectSecurityHeaders(
  headers: Record<string, unknown>,
  https: boolean,
  what: string,
): string | undefined {
  const csp = directives(headers['content-security-policy'] as string | undefined);
  expect(csp.get('default-src'), what).toEqual(["'self'"]);
  expect(csp.get('script-src'), what).toEqual(["'self'"]);
  expect(csp.get('object-src'), what).toEqual(["'none'"]);
  expect(csp.get('base-uri'), what).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(csp.get('form-action'), what).toEqual(["'self'"]);
  const [self, nonceSource, ...more] = csp.get('style-src') ?? [];
  expect(self, what).toBe("'self'");
  // A page the server rendered lists its style attributes' hashes, and nothing else.
  if (more.length) {
    expect(nonceSource, what).toBeDefined();
    expect(more[0], what).toBe("'unsafe-hashes'");
    for (const hash of more.slice(1)) expect(hash, what).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
  }
  const nonce = nonceSource?.match(/^'nonce-([A-Za-z0-9+/]{22}==)'$/)?.[1];
  expect(nonceSource === undefined || nonce !== undefined, `${what}: ${nonceSource}`).toBe(true);
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('same-origin');
  expect(headers['x-frame-options'], what).toBe('DENY');
  if (https) {
    expect(headers['strict-transport-security'], what).toBe('max-age=31536000; includeSubDomains');
  } else {
    expect(headers['strict-transport-security'], what).toBeUndefined();
  }
  return nonce;
}

/** The style-src hash of a style attribute's value, as a browser computes it from the markup. */
function attributeHash(value: string): string {
  const text = value
    .replaceAll('&quot;', '"')
    .replaceAll('&#x27;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

/**
 * Inline style the page's policy refuses: <style> without its nonce, and style attributes whose
 * hash the policy does not list.
 */
function refusedStyles(html: string, nonce: string, allowedHashes: string[] = []): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<style\b([^>]*)>/gi)) {
    const nonces = [...(m[1] ?? '').matchAll(/\bnonce="([^"]*)"/g)].map((n) => n[1]);
    if (nonces.length !== 1 || nonces[0] !== nonce) found.push(m[0]);
  }
  for (const m of html.matchAll(/\sstyle\s*=\s*"([^"]*)"/gi)) {
    if (!allowedHashes.includes(attributeHash(m[1] ?? ''))) found.push(m[0]);
  }
  for (const m of html.matchAll(/\sstyle\s*=\s*[^"\s]/gi)) found.push(m[0]);
  return found;
}

/** The hashes a page's policy lists for style attributes. */
function listedHashes(headers: Record<string, unknown>): string[] {
  const csp = directives(headers['content-security-policy'] as string | undefined);
  return (csp.get('style-src') ?? []).filter((source) => source.startsWith("'sha256-"));
}

/** Every nonce attribute in the page (index.html's <style> and csp-nonce meta; the end-user <style>). */
function nonceAttributes(html: string): string[] {
  return [...html.matchAll(/\snonce="([^"]*)"/g)].map((m) => m[1] ?? '');
}

/**
 * Script elements without src, event-handler attributes, javascript: URLs. A JSON data block
 * (`<script type="application/json">`, the API answers served with a page) is never run.
 */
function inlineScripts(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>/gi)) {
    const attributes = m[1] ?? '';
    if (/\bsrc=/i.test(attributes) || /\btype="application\/json"/i.test(attributes)) continue;
    found.push(m[0]);
  }
  for (const m of html.matchAll(/\son[a-z]+\s*=/gi)) found.push(m[0]);
  for (const m of html.matchAll(/javascript:/gi)) found.push(m[0]);
  return found;
}

/** Sends raw bytes over TCP and reads the whole answer (the server closes the socket). */
function raw(app: FastifyInstance, text: string, waitMs = 0): Promise<string> {
  const { port } = app.server.address() as net.AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (c) => {
      answer += c.toString();
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.write(text);
    if (waitMs === 0) return;
    setTimeout(() => socket.write('\r\n'), waitMs).unref();
  });
}

function headersOf(answer: string): Record<string, string> {
  const head = answer.split('\r\n\r\n')[0] ?? '';
  return Object.fromEntries(
    head
      .split('\r\n')
      .slice(1)
      .map((line) => {
        const at = line.indexOf(':');
        return [line.slice(0, at).toLowerCase(), line.slice(at + 1).trim()];
      }),
  );
}

for (const https of [false, true]) {
  describe(`every answer carries the security headers (${https ? 'https' : 'http'} PUBLIC_URL)`, () => {
    let harness: Harness;
    let staticDir: string;

    beforeAll(async () => {
      staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'osc-static-'));
      fs.mkdirSync(path.join(staticDir, 'assets'));
      fs.copyFileSync(path.join(root, 'index.html'), path.join(staticDir, 'index.html'));
      fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'export {};');
      harness = await startHarness({
        env: {
          ...(https ? { PUBLIC_URL: 'https://console.acme.test' } : {}),
          HEADERS_TIMEOUT_MS: '300',
          REQUEST_TIMEOUT_MS: '600',
        },
        staticDir,
      });
      await harness.app.listen({ host: '127.0.0.1', port: 0 });
    });
    afterAll(async () => {
      await harness.close();
      fs.rmSync(staticDir, { recursive: true, force: true });
    });

    it('on routes, errors, the console, SCIM and the end-user pages', async () => {
      const client = await harness.session();
      const requests: Array<[string, InjectOptions]> = [
        ['API answer', { method: 'GET', url: '/api/session' }],
        ['API 401', { method: 'GET', url: '/api/incoming-keys' }],
        ['API 404', { method: 'GET', url: '/api/nothing' }],
        ['bad address', { method: 'GET', url: '/api/%zz' }],
        ['SCIM bad address', { method: 'GET', url: '/scim/v2/Users/%zz' }],
        ['SCIM 401', { method: 'GET', url: '/scim/v2/Users' }],
        ['health', { method: 'GET', url: '/healthz' }],
        ['OpenAPI', { method: 'GET', url: '/api/openapi.json' }],
        ['end-user /me', { method: 'GET', url: '/me' }],
        ['end-user sign-in refused', { method: 'GET', url: '/auth/okta' }],
        ['sign-in page', { method: 'GET', url: '/sign-in' }],
        // Signed out, a console page is a redirect to the sign-in page.
        ['console page', { method: 'GET', url: '/' }],
        ['console route', { method: 'GET', url: '/users' }],
        ['console asset', { method: 'GET', url: '/assets/app.js' }],
        [
          'malformed JSON',
          {
            method: 'POST',
            url: '/api/session',
            payload: '{',
            headers: { 'content-type': 'application/json' },
          },
        ],
        [
          'too deep',
          {
            method: 'POST',
            url: '/api/session',
            payload: '['.repeat(100),
            headers: { 'content-type': 'application/json' },
          },
        ],
        [
          'too large',
          {
            method: 'POST',
            url: '/api/session',
            payload: 'x'.repeat(1_100_000),
            headers: { 'content-type': 'application/json' },
          },
        ],
      ];
      for (const [what, request] of requests) {
        const response = await harness.app.inject(request);
        if (what.startsWith('console')) expect(inlineScripts(response.body), what).toEqual([]);
        // 503 is the page for "sign-in is not set up yet", on purpose.
        expect(response.statusCode, what).toBeLessThan(what.startsWith('end-user') ? 504 : 500);
        const nonce = expectSecurityHeaders(response.headers, https, what);
        const isPage = String(response.headers['content-type']).startsWith('text/html');
        expect(isPage, what).toBe(/^(sign-in page|end-user)/.test(what));
        // A page has a nonce; nothing else may apply inline style at all.
        expect(nonce !== undefined, what).toBe(isPage);
        if (nonce) {
          expect(refusedStyles(response.body, nonce), what).toEqual([]);
          expect(nonceAttributes(response.body).length, what).toBeGreaterThan(0);
          expect(new Set(nonceAttributes(response.body)), what).toEqual(new Set([nonce]));
        }
      }
      const signedIn = await client.inject({ method: 'GET', url: '/api/access-keys' });
      expectSecurityHeaders(signedIn.headers, https, 'signed-in API answer');
    });

    it("a page's style nonce is new for each answer and is the one its HTML carries", async () => {
      const client = await harness.session();
      for (const url of ['/', '/users', '/me']) {
        const [first, second] = await Promise.all([
          client.inject({ method: 'GET', url }),
          client.inject({ method: 'GET', url }),
        ]);
        const nonces = [first, second].map((page) => {
          const nonce = expectSecurityHeaders(page.headers, https, url);
          expect(nonce, url).toBeDefined();
          expect(Buffer.from(nonce ?? '', 'base64')).toHaveLength(16);
          expect(page.body, url).not.toContain('__CSP_NONCE__');
          expect(page.body, url).toContain(`<style nonce="${nonce}">`);
          // Every inline style applies: each <style> has the nonce, each attribute a listed hash.
          expect(refusedStyles(page.body, nonce ?? '', listedHashes(page.headers)), url).toEqual(
            [],
          );
          if (url !== '/me') {
            expect(page.body, url).toContain(`<meta property="csp-nonce" nonce="${nonce}"`);
            // Rendered by the server, with MUI's style attributes, and nothing more is allowed.
            expect(page.body, url).toContain('data-rendered');
            const attributes = [...page.body.matchAll(/\sstyle="([^"]*)"/g)];
            expect(attributes.length, url).toBeGreaterThan(0);
            expect(new Set(listedHashes(page.headers)), url).toEqual(
              new Set(attributes.map((m) => attributeHash(m[1] ?? ''))),
            );
          }
          return nonce;
        });
        expect(nonces[0], url).not.toBe(nonces[1]);
      }
    });

    it('on what the HTTP parser refuses before routing: oversized headers, slow headers', async () => {
      const oversized = await raw(
        harness.app,
        `GET /api/session?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      );
      expect(oversized).toMatch(/^HTTP\/1\.1 431 /);
      expectSecurityHeaders(headersOf(oversized), https, '431');
      const slow = await raw(harness.app, 'GET /api/session HTTP/1.1\r\nHost: x\r\n');
      expect(slow).toMatch(/^HTTP\/1\.1 408 /);
      expectSecurityHeaders(headersOf(slow), https, '408');
      const body = JSON.parse(slow.split('\r\n\r\n')[1] ?? '');
      expect(body).toMatchObject({ code: 'request_timeout', status: '408' });
    });
  });
}

describe('no inline script anywhere', () => {
  it('in the console page, source and built', () => {
    const source = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
    expect(inlineScripts(source)).toEqual([]);
    const built = path.join(root, 'dist/client');
    const htmlFiles = fs.existsSync(built)
      ? fs.readdirSync(built).filter((f) => f.endsWith('.html'))
      : [];
    for (const file of htmlFiles) {
      expect(inlineScripts(fs.readFileSync(path.join(built, file), 'utf8')), file).toEqual([]);
    }
  });

  it('in every end-user page', () => {
    const rendered = [
      pages.mePage({ email: 'jane@acme.com', licence: 'pro', csrfToken: 'token' }),
      pages.signedOutPage(),
      pages.errorPage('Request refused', 'The request is not valid.'),
      ...Object.keys(REFUSALS).map((reason) =>
        pages.refusalPage(reason as keyof typeof REFUSALS, '<script>alert(1)</script>'),
      ),
    ];
    for (const html of rendered) {
      expect(inlineScripts(html)).toEqual([]);
      // Filled in with the answer's nonce as the page is sent (withStyleNonce).
      expect(refusedStyles(html, '__CSP_NONCE__')).toEqual([]);
      expect(html).toContain('<meta name="referrer" content="same-origin">');
    }
  });
});

describe('cookies', () => {
  for (const https of [false, true]) {
    it(`are HttpOnly, SameSite and ${https ? 'Secure with the __Host- prefix' : 'not Secure'} on ${https ? 'https' : 'http'}`, async () => {
      const publicUrl = https ? 'https://console.acme.test' : 'http://localhost:3000';
      const op = await startOktaStandIn({ redirectUris: [`${publicUrl}/auth/okta/callback`] });
      const harness = await startHarness({
        env: { PUBLIC_URL: publicUrl, ALLOW_HTTP_LOOPBACK_ISSUER: '1' },
      });
      try {
        const prefix = https ? '__Host-' : '';
        const signIn = await harness.app.inject({
          method: 'POST',
          url: '/api/session',
          payload: TEST_ADMIN,
        });
        const admin = cookieFrom(signIn, `${prefix}osc_admin`);
        expect(admin).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
        expect(Boolean(admin.secure)).toBe(https);
        expect(admin.domain).toBeUndefined();

        const client = await harness.session();
        const keys = { clientId: op.clientId, clientSecret: op.clientSecret, issuerUri: op.issuer };
        const saved = await client.inject({
          method: 'PUT',
          url: '/api/incoming-keys',
          payload: keys,
        });
        expect(saved.statusCode, saved.body).toBe(200);
        const start = await harness.app.inject({ method: 'GET', url: '/auth/okta' });
        expect(start.statusCode).toBe(302);
        // Lax: Okta's redirect back to the callback is a cross-site navigation.
        const transaction = cookieFrom(start, `${prefix}osc_auth_tx`);
        expect(transaction).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
        expect(Boolean(transaction.secure)).toBe(https);
        expect(transaction.domain).toBeUndefined();
      } finally {
        await harness.close();
        await op.close();
      }
    });
  }
});
