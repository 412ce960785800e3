import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OktaStandIn } from '../../testing/okta-stand-in';
import { EndUserBrowser } from './end-user-browser';
import { connectOkta, mapGroup } from './end-user-fixtures';
import { type Console, startConsole } from './licence-fixtures';

const ENV = {
  ALLOW_HTTP_LOOPBACK_ISSUER: '1',
  SECRET_KEY: randomBytes(32).toString('hex'),
  FORWARD_AUTH_ALLOWED_HOSTS: 'app.acme.com, 127.0.0.1:8080',
};

let c: Console;
let op: OktaStandIn;
beforeEach(async () => {
  c = await startConsole(ENV);
  op = await connectOkta(c);
  const jane = await c.pushUser('jane.doe@acme.com');
  await c.pushGroup('Chime Pro', [jane]);
  await mapGroup(c, 'Chime Pro', 'pro');
});
afterEach(async () => {
  await c.close();
  await op.close();
});

const rd = (target: string) => `/auth/okta?rd=${encodeURIComponent(target)}`;

describe('/auth/okta?rd=: back where the sign-in started', () => {
  it.each([
    ['a path on the console', '/oidc/interaction/Xy12_ab', '/oidc/interaction/Xy12_ab'],
    ['an allowed host', 'https://app.acme.com/reports?q=1', 'https://app.acme.com/reports?q=1'],
    [
      'an allowed loopback host on http',
      'http://127.0.0.1:8080/page',
      'http://127.0.0.1:8080/page',
    ],
  ])('returns to %s after the sign-in', async (_what, target, location) => {
    const browser = new EndUserBrowser(c.harness.app);
    const callback = await browser.signIn('jane.doe@acme.com', rd(target));
    expect(callback.statusCode, callback.body).toBe(303);
    expect(callback.headers.location).toBe(location);
    expect(browser.appCookies.has('osc_user')).toBe(true);
    // The address travels sealed in the transaction cookie, not through Okta.
    expect(browser.lastCallback).not.toContain(encodeURIComponent(target));
  });

  it('goes straight there when already signed in and licensed', async () => {
    const browser = new EndUserBrowser(c.harness.app);
    expect((await browser.signIn('jane.doe@acme.com')).headers.location).toBe('/me');
    const again = await browser.get(rd('/oidc/interaction/abc'));
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe('/oidc/interaction/abc');
    expect(again.headers['cache-control']).toBe('no-store');
  });

  it('shows the refusal page, not the target, to a person without a licence', async () => {
    await c.pushUser('bob@acme.com');
    const browser = new EndUserBrowser(c.harness.app);
    const callback = await browser.signIn('bob@acme.com', rd('/oidc/interaction/abc'));
    expect(callback.statusCode).toBe(403);
    expect(callback.headers.location).toBeUndefined();
    expect(callback.body).toContain('You have no licence');
  });

  it.each([
    'https://evil.test/',
    '//evil.test/',
    '/\\evil.test',
    '/..//evil.test',
    'javascript:alert(document.cookie)',
    'https://app.acme.com@evil.test/',
    'https://evil.test\\@app.acme.com/',
    'https://app.acme.com:8443/',
    '/%2f%2fevil.test',
    '/me\r\nSet-Cookie: x=1',
    `/${'a'.repeat(3000)}`,
    '',
  ])('refuses bad rd number %# with a page, no redirect and no sign-in', async (target) => {
    const response = await new EndUserBrowser(c.harness.app).get(rd(target));
    expect(response.statusCode, target).toBe(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.cookies).toEqual([]);
    expect(response.body).toContain('This sign-in link is not valid');
    expect(response.body).toContain('does not send people to');
    if (target.length > 3) expect(c.harness.logText()).not.toContain(target.slice(1, 40));
  });

  it('refuses two rd values, and a refused target even when signed in', async () => {
    const browser = new EndUserBrowser(c.harness.app);
    expect((await browser.get('/auth/okta?rd=/a&rd=/b')).statusCode).toBe(400);
    await browser.signIn('jane.doe@acme.com');
    const evil = await browser.get(rd('https://evil.test/'));
    expect(evil.statusCode).toBe(400);
    expect(evil.headers.location).toBeUndefined();
  });

  it('keeps /me as the landing page without rd', async () => {
    const browser = new EndUserBrowser(c.harness.app);
    const callback = await browser.signIn('jane.doe@acme.com');
    expect(callback.headers.location).toBe('/me');
    expect((await browser.get('/me')).body).toContain('<span class="licence">Pro</span>');
  });
});
