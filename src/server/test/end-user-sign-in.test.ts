import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listSignInEvents, signInEventList } from '../../shared/api/sign-in-events';
import { expectContractAnswer } from '../../testing/contract-answer';
import {
  type OktaStandIn,
  type StandInOptions,
  startOktaStandIn,
} from '../../testing/okta-stand-in';
import { EndUserBrowser } from './end-user-browser';
import { type Console, startConsole } from './licence-fixtures';

const ENV = { ALLOW_HTTP_LOOPBACK_ISSUER: '1', SECRET_KEY: randomBytes(32).toString('hex') };

let c: Console;
let op: OktaStandIn | undefined;
beforeEach(async () => {
  c = await startConsole(ENV);
});
afterEach(async () => {
  await c.close();
  await op?.close();
  op = undefined;
});

async function connectOkta(options: StandInOptions = {}) {
  op = await startOktaStandIn({
    redirectUris: ['http://localhost:3000/auth/okta/callback'],
    ...options,
  });
  const saved = await c.admin.inject({
    method: 'PUT',
    url: '/api/incoming-keys',
    payload: { clientId: op.clientId, clientSecret: op.clientSecret, issuerUri: op.issuer },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  return op;
}

async function map(groupName: string, capability: 'basic' | 'pro') {
  const response = await c.admin.inject({
    method: 'POST',
    url: '/api/directory-groups',
    payload: { groupName, capability },
  });
  expect(response.statusCode, response.body).toBe(201);
}

async function events(outcome = 'refused') {
  const response = await c.admin.inject({
    method: 'GET',
    url: `/api/sign-in-events?outcome=${outcome}`,
  });
  expectContractAnswer(listSignInEvents, response);
  return signInEventList.parse(response.json()).events;
}

function expectPage(body: string) {
  expect(body).toMatch(/^<!doctype html>/);
  expect(body).toContain('<html lang="en">');
  expect(body).toMatch(/<main>[\s\S]*<h1>[^<]+<\/h1>[\s\S]*<\/main>/);
  expect(body).not.toMatch(/<script/i);
  // The console's icon, so the browser does not ask for a missing /favicon.ico.
  expect(body).toContain('<link rel="icon" type="image/svg+xml" href="/favicon.svg">');
}

describe('starting the sign-in', () => {
  it('refuses with a page and a recorded reason while sign-in is not configured', async () => {
    const browser = new EndUserBrowser(c.harness.app);
    const response = await browser.get('/auth/okta');
    expect(response.statusCode).toBe(503);
    expectPage(response.body);
    expect(response.body).toContain('Sign-in is not set up yet');
    expect((await events()).map((e) => e.reason)).toEqual(['not_configured']);
    const callback = await browser.get('/auth/okta/callback?code=x&state=y');
    expect(callback.statusCode).toBe(503);
  });

  it('sends the person to Okta with PKCE S256, state, nonce and the three scopes', async () => {
    const stand = await connectOkta();
    const response = await new EndUserBrowser(c.harness.app).get('/auth/okta');
    expect(response.statusCode).toBe(302);
    const url = new URL(String(response.headers.location));
    expect(`${url.origin}${url.pathname}`).toBe(`${stand.issuer}/auth`);
    const q = url.searchParams;
    expect(q.get('client_id')).toBe(stand.clientId);
    expect(q.get('response_type')).toBe('code');
    expect(q.get('scope')).toBe('openid profile email');
    expect(q.get('redirect_uri')).toBe('http://localhost:3000/auth/okta/callback');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(q.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(q.get('nonce')).toMatch(/^[\w-]{20,}$/);
    const cookie = response.cookies.find((k) => k.name === 'osc_auth_tx');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // The transaction is sealed: neither the verifier nor the state can be read from it.
    expect(cookie?.value).not.toContain(q.get('state'));
  });

  it('serves Okta-initiated login: iss must be the configured issuer', async () => {
    const stand = await connectOkta();
    const browser = new EndUserBrowser(c.harness.app);
    const good = await browser.get(`/auth/okta?iss=${encodeURIComponent(stand.issuer)}`);
    expect(good.statusCode).toBe(302);
    for (const iss of ['https://evil.okta.com', `${stand.issuer}/`, '']) {
      const bad = await browser.get(`/auth/okta?iss=${encodeURIComponent(iss)}`);
      expect(bad.statusCode, iss).toBe(400);
      expectPage(bad.body);
      expect(bad.body).toContain('This sign-in link is not valid');
    }
    const bad = await browser.get('/auth/okta?iss=a&iss=b');
    expect(bad.statusCode).toBe(400);
    expect((await events()).every((e) => e.reason === 'issuer_mismatch')).toBe(true);
  });
});

describe('the gate, end to end against the Okta stand-in', () => {
  it('gives a Pro-group member Pro, on /me, and records the sign-in', async () => {
    await connectOkta();
    const jane = await c.pushUser('jane.doe@acme.com');
    await c.pushGroup('Chime Pro', [jane]);
    await map('Chime Pro', 'pro');
    const browser = new EndUserBrowser(c.harness.app);
    const callback = await browser.signIn('jane.doe@acme.com');
    expect(callback.statusCode, callback.body).toBe(303);
    expect(callback.headers.location).toBe('/me');
    const session = callback.cookies.find((k) => k.name === 'osc_user');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(callback.cookies.find((k) => k.name === 'osc_admin')).toBeUndefined();

    const me = await browser.get('/me');
    expect(me.statusCode).toBe(200);
    expectPage(me.body);
    expect(me.body).toContain('Signed in as <strong>jane.doe@acme.com</strong>');
    expect(me.body).toContain('<span class="licence">Pro</span>');
    expect(me.body).toContain('<button type="submit">Sign out</button>');

    const stored = await c.harness.db.selectFrom('end_user_sessions').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).not.toBe(session?.value);
    // An end-user session is no admin session.
    const api = await c.harness.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: `osc_user=${session?.value}` },
    });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toEqual({ signedIn: false });

    const users = await c.admin.inject({ method: 'GET', url: '/api/users?q=jane' });
    expect(users.json().users[0]).toMatchObject({ licence: 'pro' });
    expect(Date.parse(users.json().users[0].lastSignInAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await events('signed_in')).map((e) => e.login)).toEqual(['jane.doe@acme.com']);
  });

  it('gives Pro to a user in both a Basic and a Pro group, Basic to a Basic-only one', async () => {
    await connectOkta();
    const both = await c.pushUser('both@acme.com');
    const basic = await c.pushUser('basic@acme.com');
    await c.pushGroup('Everyone', [both, basic]);
    await c.pushGroup('Leads', [both]);
    await map('Everyone', 'basic');
    await map('Leads', 'pro');
    const first = new EndUserBrowser(c.harness.app);
    expect((await first.signIn('both@acme.com')).statusCode).toBe(303);
    expect((await first.get('/me')).body).toContain('<span class="licence">Pro</span>');
    const second = new EndUserBrowser(c.harness.app);
    expect((await second.signIn('BASIC@acme.com')).statusCode).toBe(303);
    expect((await second.get('/me')).body).toContain('<span class="licence">Basic</span>');
  });

  it('refuses a user in no mapped group, and says so', async () => {
    await connectOkta();
    const loner = await c.pushUser('loner@acme.com');
    await c.pushGroup('Unmapped', [loner]);
    const response = await new EndUserBrowser(c.harness.app).signIn('loner@acme.com');
    expect(response.statusCode).toBe(403);
    expectPage(response.body);
    expect(response.body).toContain('You are not in any group that gives a Basic or Pro licence');
    const [event] = await events();
    expect(event).toMatchObject({
      login: 'loner@acme.com',
      outcome: 'refused',
      reason: 'no_licence',
    });
    expect(event?.message).toMatch(/no directory group mapped to Basic or Pro/);
  });

  it('tells "not provisioned" (sign-in app only) from "not assigned" (refused by Okta)', async () => {
    await connectOkta();
    const browser = new EndUserBrowser(c.harness.app);
    const stranger = await browser.signIn('<b>stranger</b>@acme.com');
    expect(stranger.statusCode).toBe(403);
    expect(stranger.body).toContain('has not been provisioned here');
    expect(stranger.body).toContain('&lt;b&gt;stranger&lt;/b&gt;@acme.com');
    expect(stranger.body).not.toContain('<b>stranger');

    await browser.get('/auth/okta');
    const denied = await browser.get(
      '/auth/okta/callback?error=access_denied&error_description=User+is+not+assigned+to+the+client+application.&state=x',
    );
    expect(denied.statusCode).toBe(403);
    expect(denied.body).toContain('you are not assigned to this app in Okta');
    const reasons = (await events()).map((e) => e.reason);
    expect(reasons).toEqual(['not_assigned', 'not_provisioned']);
  });

  it('keeps the mapping when Okta renames the group over SCIM', async () => {
    await connectOkta();
    const jane = await c.pushUser('jane.doe@acme.com');
    const group = await c.pushGroup('Chime Pro', [jane]);
    await map('Chime Pro', 'pro');
    await c.renameGroup(group, 'Chime Pro (renamed)');
    const browser = new EndUserBrowser(c.harness.app);
    expect((await browser.signIn('jane.doe@acme.com')).statusCode).toBe(303);
    expect((await browser.get('/me')).body).toContain('<span class="licence">Pro</span>');
  });

  it('refuses the next sign-in once Okta deactivates the user, and ends the session', async () => {
    await connectOkta();
    const jane = await c.pushUser('jane.doe@acme.com');
    await c.pushGroup('Chime Basic', [jane]);
    await map('Chime Basic', 'basic');
    const browser = new EndUserBrowser(c.harness.app);
    expect((await browser.signIn('jane.doe@acme.com')).statusCode).toBe(303);
    await c.setActive(jane, false);
    const me = await browser.get('/me');
    expect(me.statusCode).toBe(403);
    expect(me.body).toContain('Your account is deactivated');
    const again = await new EndUserBrowser(c.harness.app).signIn('jane.doe@acme.com');
    expect(again.statusCode).toBe(403);
    expect(again.body).toContain('Your account is deactivated');
    expect((await events())[0]?.reason).toBe('deactivated');
  });

  it('binds an "add anyway" mapping when the group arrives, and the member can sign in', async () => {
    await connectOkta();
    const response = await c.admin.inject({
      method: 'POST',
      url: '/api/directory-groups',
      payload: { groupName: 'Later', capability: 'pro', addAnyway: true },
    });
    expect(response.statusCode).toBe(201);
    const jane = await c.pushUser('jane.doe@acme.com');
    const browser = new EndUserBrowser(c.harness.app);
    expect((await browser.signIn('jane.doe@acme.com')).statusCode).toBe(403);
    await c.pushGroup('Later', [jane]);
    expect((await browser.signIn('jane.doe@acme.com')).statusCode).toBe(303);
  });

  it('uses client_secret_post when that is what the stored keys say', async () => {
    const stand = await connectOkta({
      tokenEndpointAuthMethod: 'client_secret_post',
      clientAuthMethods: ['client_secret_post'],
    });
    const jane = await c.pushUser('jane.doe@acme.com');
    await c.pushGroup('Chime Pro', [jane]);
    await map('Chime Pro', 'pro');
    stand.tokenRequests.length = 0;
    expect((await new EndUserBrowser(c.harness.app).signIn('jane.doe@acme.com')).statusCode).toBe(
      303,
    );
    expect(stand.tokenRequests).toEqual([{ method: 'client_secret_post' }]);
  });

  it('refuses a callback without the transaction cookie, or replayed', async () => {
    await connectOkta();
    const jane = await c.pushUser('jane.doe@acme.com');
    await c.pushGroup('Chime Pro', [jane]);
    await map('Chime Pro', 'pro');
    const browser = new EndUserBrowser(c.harness.app);
    const ok = await browser.signIn('jane.doe@acme.com');
    expect(ok.statusCode).toBe(303);
    const replay = await browser.get(browser.lastCallback);
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('Sign-in did not complete');
  });

  it('never writes the code, tokens or secrets to the log', async () => {
    const stand = await connectOkta();
    const jane = await c.pushUser('jane.doe@acme.com');
    await c.pushGroup('Chime Pro', [jane]);
    await map('Chime Pro', 'pro');
    const browser = new EndUserBrowser(c.harness.app);
    expect((await browser.signIn('jane.doe@acme.com')).statusCode).toBe(303);
    const code = new URL(browser.lastCallback, 'http://x').searchParams.get('code');
    expect(code).toBeTruthy();
    const log = c.harness.logText();
    expect(log).not.toContain(String(code));
    expect(log).not.toContain(stand.clientSecret);
    for (const value of browser.appCookies.values()) expect(log).not.toContain(value);
    expect(log).toContain('"event":"end_user.sign_in"');
  });
});

describe('/me and signing out', () => {
  it('without a session, links to the sign-in', async () => {
    const response = await new EndUserBrowser(c.harness.app).get('/me');
    expect(response.statusCode).toBe(200);
    expectPage(response.body);
    expect(response.body).toContain('<a href="/auth/okta">Sign in with Okta</a>');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('signs out only with the form token from the same origin', async () => {
    await connectOkta();
    const jane = await c.pushUser('jane.doe@acme.com');
    await c.pushGroup('Chime Pro', [jane]);
    await map('Chime Pro', 'pro');
    const browser = new EndUserBrowser(c.harness.app);
    await browser.signIn('jane.doe@acme.com');
    const me = await browser.get('/me');
    const csrf = /name="csrf" value="([^"]+)"/.exec(me.body)?.[1] ?? '';
    expect(csrf).not.toBe('');

    const forged = await browser.post('/auth/sign-out', { csrf: 'wrong' });
    expect(forged.statusCode).toBe(403);
    const crossSite = await browser.post(
      '/auth/sign-out',
      { csrf },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite.statusCode).toBe(403);
    expectPage(crossSite.body);
    expect((await browser.get('/me')).body).toContain('Signed in as');

    const out = await browser.post('/auth/sign-out', { csrf }, { origin: 'http://localhost:3000' });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/me');
    expect((await browser.get('/me')).body).toContain('You are not signed in');
    expect(await c.harness.db.selectFrom('end_user_sessions').selectAll().execute()).toEqual([]);
  });

  it('signs out from the /me form as Chromium posts it: Origin null, Sec-Fetch-Site same-origin', async () => {
    await connectOkta();
    const jane = await c.pushUser('jane.doe@acme.com');
    await c.pushGroup('Chime Pro', [jane]);
    await map('Chime Pro', 'pro');
    const browser = new EndUserBrowser(c.harness.app);
    await browser.signIn('jane.doe@acme.com');
    const me = await browser.get('/me');
    // The page and the header agree on a policy under which the form's own POST keeps its Origin.
    expect(me.headers['referrer-policy']).toBe('same-origin');
    expect(me.body).toContain('<meta name="referrer" content="same-origin">');
    const csrf = /name="csrf" value="([^"]+)"/.exec(me.body)?.[1] ?? '';
    const navigation = {
      'sec-fetch-mode': 'navigate',
      'sec-fetch-dest': 'document',
      'sec-fetch-user': '?1',
    };

    // A sandboxed frame or a data: URL elsewhere also posts with Origin null, but cross-site.
    const sandboxed = await browser.post(
      '/auth/sign-out',
      { csrf },
      { ...navigation, origin: 'null', 'sec-fetch-site': 'cross-site' },
    );
    expect(sandboxed.statusCode).toBe(403);
    expect((await browser.get('/me')).body).toContain('Signed in as');

    const out = await browser.post(
      '/auth/sign-out',
      { csrf },
      { ...navigation, origin: 'null', 'sec-fetch-site': 'same-origin' },
    );
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/me');
    expect((await browser.get('/me')).body).toContain('You are not signed in');
  });
});
