import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { OktaStandIn } from '../../testing/okta-stand-in';
import { loadConfig } from '../config';
import { endUserCookieNames } from '../http/routes/end-user-auth';
import { EndUserBrowser } from './end-user-browser';
import { connectOkta, mapGroup } from './end-user-fixtures';
import { type Console, startConsole } from './licence-fixtures';

let c: Console | undefined;
let op: OktaStandIn | undefined;
afterEach(async () => {
  await c?.close();
  await op?.close();
});

describe('END_USER_COOKIE_DOMAIN', () => {
  it('shares the session cookie with the domain, the sign-in transaction stays host-only', async () => {
    c = await startConsole({
      ALLOW_HTTP_LOOPBACK_ISSUER: '1',
      SECRET_KEY: randomBytes(32).toString('hex'),
      END_USER_COOKIE_DOMAIN: 'Acme.com',
    });
    op = await connectOkta(c);
    await c.pushGroup('Chime Pro', [await c.pushUser('jane.doe@acme.com')]);
    await mapGroup(c, 'Chime Pro', 'pro');
    const browser = new EndUserBrowser(c.harness.app);
    const start = await browser.get('/auth/okta');
    expect(start.cookies.find((k) => k.name === 'osc_auth_tx')?.domain).toBeUndefined();
    const callback = await browser.signIn('jane.doe@acme.com');
    const session = callback.cookies.find((k) => k.name === 'osc_user');
    expect(session).toMatchObject({ domain: 'acme.com', httpOnly: true, sameSite: 'Lax' });
    expect((await browser.get('/auth/verify')).statusCode).toBe(200);
    const csrf = /name="csrf" value="([^"]+)"/.exec((await browser.get('/me')).body)?.[1] ?? '';
    const out = await browser.post('/auth/sign-out', { csrf }, { origin: 'http://localhost:3000' });
    expect(out.statusCode).toBe(303);
    expect(out.cookies.find((k) => k.name === 'osc_user')).toMatchObject({ domain: 'acme.com' });
    expect((await browser.get('/auth/verify')).statusCode).toBe(401);
  });

  it('names the cookies: __Host- without a domain, __Secure- with one, on https', () => {
    const https = { PUBLIC_URL: 'https://console.acme.com' };
    expect(endUserCookieNames(loadConfig(https)).session).toBe('__Host-osc_user');
    const shared = loadConfig({ ...https, END_USER_COOKIE_DOMAIN: 'acme.com' });
    expect(endUserCookieNames(shared)).toEqual({
      session: '__Secure-osc_user',
      transaction: '__Host-osc_auth_tx',
    });
  });

  it.each(['.acme.com', 'acme', 'https://acme.com', 'acme.com/x', 'a b.com'])(
    'refuses %j at start',
    (value) => {
      expect(() => loadConfig({ END_USER_COOKIE_DOMAIN: value })).toThrow(/END_USER_COOKIE_DOMAIN/);
    },
  );
});
