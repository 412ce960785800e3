import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OktaStandIn } from '../../testing/okta-stand-in';
import { EndUserBrowser } from './end-user-browser';
import { connectOkta, mapGroup } from './end-user-fixtures';
import { type Console, startConsole } from './licence-fixtures';

const ENV = {
  ALLOW_HTTP_LOOPBACK_ISSUER: '1',
  SECRET_KEY: randomBytes(32).toString('hex'),
  FORWARD_AUTH_ALLOWED_HOSTS: 'app.acme.com',
};

let c: Console;
let op: OktaStandIn;
let ids: { jane: string; bob: string };
let proMapping: number | string;
beforeEach(async () => {
  c = await startConsole(ENV);
  op = await connectOkta(c);
  const jane = await c.pushUser('jane.doe@acme.com');
  const bob = await c.pushUser('bob@acme.com');
  await c.pushGroup('Chime Pro', [jane]);
  await c.pushGroup('Chime Basic', [jane, bob]);
  await c.pushGroup('Not mapped', [jane, bob]);
  proMapping = await mapGroup(c, 'Chime Pro', 'pro');
  await mapGroup(c, 'Chime Basic', 'basic');
  ids = { jane, bob };
});
afterEach(async () => {
  await c.close();
  await op.close();
});

async function signedIn(login: string) {
  const browser = new EndUserBrowser(c.harness.app);
  const callback = await browser.signIn(login);
  expect(callback.statusCode, callback.body).toBe(303);
  return browser;
}

const verify = (browser: EndUserBrowser, query = '', headers: Record<string, string> = {}) =>
  browser.get(`/auth/verify${query}`, headers);

describe('GET /auth/verify', () => {
  it("answers 200 with oauth2-proxy's headers for a Pro person", async () => {
    const jane = await signedIn('jane.doe@acme.com');
    for (const query of ['', '?licence=pro', '?licence=basic']) {
      const response = await verify(jane, query);
      expect(response.statusCode, query).toBe(200);
      expect(response.headers).toMatchObject({
        'x-auth-request-user': ids.jane,
        'x-auth-request-preferred-username': 'jane.doe@acme.com',
        'x-auth-request-email': 'jane.doe@acme.com',
        'x-auth-request-licence': 'pro',
        'x-auth-request-groups': 'Chime Basic,Chime Pro',
        'cache-control': 'no-store',
      });
    }
  });

  it('answers 200 for a Basic person, and 403 where Pro is required', async () => {
    const bob = await signedIn('bob@acme.com');
    const basic = await verify(bob);
    expect(basic.statusCode).toBe(200);
    expect(basic.headers['x-auth-request-licence']).toBe('basic');
    expect(basic.headers['x-auth-request-user']).toBe(ids.bob);
    expect(basic.headers['x-auth-request-groups']).toBe('Chime Basic');
    const pro = await verify(bob, '?licence=pro');
    expect(pro.statusCode).toBe(403);
    expect(pro.headers['x-auth-request-user']).toBeUndefined();
    expect(pro.headers['cache-control']).toBe('no-store');
  });

  it('answers 401 without a session, with an unknown cookie and with an expired session', async () => {
    const nobody = new EndUserBrowser(c.harness.app);
    const none = await verify(nobody);
    expect(none.statusCode).toBe(401);
    expect(none.headers['cache-control']).toBe('no-store');
    expect(none.headers['x-auth-request-user']).toBeUndefined();
    expect(none.body).toBe('Not signed in.');
    nobody.appCookies.set('osc_user', randomBytes(32).toString('base64url'));
    expect((await verify(nobody)).statusCode).toBe(401);

    const jane = await signedIn('jane.doe@acme.com');
    expect((await verify(jane)).statusCode).toBe(200);
    await c.harness.db
      .updateTable('end_user_sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    expect((await verify(jane)).statusCode).toBe(401);
  });

  it.each(['gold', 'PRO', 'none', ''])('answers 400 for licence=%j', async (value) => {
    const jane = await signedIn('jane.doe@acme.com');
    const response = await verify(jane, `?licence=${value}`);
    expect(response.statusCode).toBe(400);
    expect(response.body).toBe('licence must be pro or basic.');
  });

  it('answers 400 for two licence values', async () => {
    const jane = await signedIn('jane.doe@acme.com');
    expect((await verify(jane, '?licence=pro&licence=basic')).statusCode).toBe(400);
  });

  it('answers 401 on the next request after Okta deactivates the person (SCIM PATCH)', async () => {
    const jane = await signedIn('jane.doe@acme.com');
    expect((await verify(jane)).statusCode).toBe(200);
    await c.setActive(ids.jane, false);
    expect((await verify(jane)).statusCode).toBe(401);
    // The session ended with it: reactivating does not bring it back without a new sign-in.
    await c.setActive(ids.jane, true);
    expect((await verify(jane)).statusCode).toBe(401);
    expect((await c.harness.db.selectFrom('end_user_sessions').selectAll().execute()).length).toBe(
      0,
    );
  });

  it('answers 403 for licence=pro on the next request after the mapping changes to Basic', async () => {
    const jane = await signedIn('jane.doe@acme.com');
    expect((await verify(jane, '?licence=pro')).statusCode).toBe(200);
    const changed = await c.admin.inject({
      method: 'PATCH',
      url: `/api/directory-groups/${proMapping}`,
      payload: { capability: 'basic' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await verify(jane, '?licence=pro')).statusCode).toBe(403);
    const now = await verify(jane);
    expect(now.statusCode).toBe(200);
    expect(now.headers['x-auth-request-licence']).toBe('basic');
  });

  it('answers 401 once the person has no licence left', async () => {
    const bob = await signedIn('bob@acme.com');
    const basic = await c.harness.db
      .selectFrom('directory_group_mappings')
      .select('id')
      .where('capability', '=', 'basic')
      .executeTakeFirstOrThrow();
    const removed = await c.admin.inject({
      method: 'DELETE',
      url: `/api/directory-groups/${basic.id}`,
    });
    expect(removed.statusCode).toBe(204);
    expect((await verify(bob)).statusCode).toBe(401);
  });

  it('keeps group names header-safe: commas, % and non-ASCII percent-encoded', async () => {
    const jane = await signedIn('jane.doe@acme.com');
    const odd = await c.pushGroup('R&D, Zürich 100%', [ids.jane]);
    expect(odd).not.toBe('');
    await mapGroup(c, 'R&D, Zürich 100%', 'basic');
    const response = await verify(jane);
    expect(response.statusCode).toBe(200);
    const groups = String(response.headers['x-auth-request-groups']);
    expect(groups).toBe('Chime Basic,Chime Pro,R&D%2C Z%C3%BCrich 100%25');
    expect(groups.split(',').map(decodeURIComponent)).toContain('R&D, Zürich 100%');
  });

  it('redirects Traefik and Caddy (redirect=1) to the sign-in for an allowed address only', async () => {
    const nobody = new EndUserBrowser(c.harness.app);
    const forwarded = {
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'app.acme.com',
      'x-forwarded-uri': '/reports?q=1',
    };
    const allowed = await verify(nobody, '?redirect=1', forwarded);
    expect(allowed.statusCode).toBe(302);
    const location = new URL(String(allowed.headers.location));
    expect(`${location.origin}${location.pathname}`).toBe('http://localhost:3000/auth/okta');
    expect(location.searchParams.get('rd')).toBe('https://app.acme.com/reports?q=1');
    const evil = { ...forwarded, 'x-forwarded-host': 'evil.test' };
    expect((await verify(nobody, '?redirect=1', evil)).statusCode).toBe(401);
    // Without redirect=1 (nginx auth_request) it stays 401 and names the sign-in.
    const nginx = await verify(nobody, '', forwarded);
    expect(nginx.statusCode).toBe(401);
    expect(nginx.headers['x-auth-request-sign-in']).toBe(allowed.headers.location);
    expect((await verify(nobody, '', evil)).headers['x-auth-request-sign-in']).toBeUndefined();
  });

  it("names the sign-in for nginx's X-Original-URL when allowed, never for others", async () => {
    const nobody = new EndUserBrowser(c.harness.app);
    const sent = async (url: string) =>
      (await verify(nobody, '', { 'x-original-url': url })).headers['x-auth-request-sign-in'];
    const signIn = new URL(String(await sent('https://app.acme.com/a?b=1&c=2')));
    expect(signIn.searchParams.get('rd')).toBe('https://app.acme.com/a?b=1&c=2');
    for (const url of ['https://evil.test/', 'https://app.acme.com@evil.test/', '//evil.test']) {
      expect(await sent(url), url).toBeUndefined();
    }
  });

  it('logs neither the cookie nor the query', async () => {
    const jane = await signedIn('jane.doe@acme.com');
    await verify(jane, '?licence=pro&x=secret-query-value');
    const cookie = jane.appCookies.get('osc_user') ?? 'missing';
    expect(c.harness.logText()).not.toContain(cookie);
    expect(c.harness.logText()).not.toContain('secret-query-value');
    expect(c.harness.logText()).toContain('"path":"/auth/verify"');
  });

  it('is fast: two indexed queries per check', async () => {
    const jane = await signedIn('jane.doe@acme.com');
    const started = performance.now();
    for (let i = 0; i < 200; i++) expect((await verify(jane)).statusCode).toBe(200);
    const perRequest = (performance.now() - started) / 200;
    console.log(`GET /auth/verify: ${perRequest.toFixed(2)} ms per request (in-process)`);
    expect(perRequest).toBeLessThan(20);
  });
});
