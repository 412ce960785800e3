import * as oidc from 'openid-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EndUserBrowser } from './end-user-browser';
import {
  APP_CALLBACK,
  APP_SIGNED_OUT,
  authorizationRequest,
  authorize,
  ISSUER,
  licensedPerson,
  type OpFixture,
  signInToApp,
  startOp,
} from './oidc-app';

let f: OpFixture;
beforeEach(async () => {
  f = await startOp();
});
afterEach(() => f.close());

const codesIssued = async () =>
  (
    await f.c.harness.db
      .selectFrom('oidc_payloads')
      .select('id')
      .where('model', '=', 'AuthorizationCode')
      .execute()
  ).length;

describe('discovery', () => {
  it('validates with openid-client and offers only code + PKCE S256, basic and post', async () => {
    const metadata = (await f.client()).serverMetadata();
    expect(metadata.issuer).toBe(ISSUER);
    expect(metadata).toMatchObject({
      authorization_endpoint: `${ISSUER}/oidc/auth`,
      token_endpoint: `${ISSUER}/oidc/token`,
      userinfo_endpoint: `${ISSUER}/oidc/userinfo`,
      jwks_uri: `${ISSUER}/oidc/jwks`,
      end_session_endpoint: `${ISSUER}/oidc/session/end`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
    expect([...(metadata.token_endpoint_auth_methods_supported ?? [])].sort()).toEqual([
      'client_secret_basic',
      'client_secret_post',
    ]);
    expect(metadata.grant_types_supported).not.toContain('implicit');
    expect(metadata.registration_endpoint).toBeUndefined();
    expect(metadata.device_authorization_endpoint).toBeUndefined();
    expect(metadata.claims_supported).toEqual(
      expect.arrayContaining(['sub', 'email', 'name', 'preferred_username', 'licence', 'groups']),
    );
  });

  it('answers a forged Host with the issuer, and keeps the security headers', async () => {
    const response = await f.c.harness.app.inject({
      method: 'GET',
      url: '/.well-known/openid-configuration',
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('evil.example');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(String(response.headers['content-security-policy'])).toContain("default-src 'self'");
  });
});

describe('signing in to the application', () => {
  it('gives a Pro person a code (PKCE), an ID token verified against the JWKS, userinfo', async () => {
    const ada = await licensedPerson(f, 'ada.lovelace@acme.com', 'Engineering Pro', 'pro');
    const config = await f.client();
    const { tokens } = await signInToApp(f, 'ada.lovelace@acme.com', config);
    expect(tokens.claims()).toMatchObject({
      iss: ISSUER,
      aud: f.clientId,
      sub: ada,
      email: 'ada.lovelace@acme.com',
      name: 'ada lovelace',
      preferred_username: 'ada.lovelace@acme.com',
      licence: 'pro',
      groups: ['Engineering Pro'],
    });
    const info = await oidc.fetchUserInfo(config, tokens.access_token, ada);
    expect(info).toMatchObject({ sub: ada, licence: 'pro', groups: ['Engineering Pro'] });
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.expires_in).toBe(3600);
  });

  it('gives a Basic person basic, and the mapped groups only', async () => {
    const bob = await f.c.pushUser('bob.basic@acme.com');
    await f.c.pushGroup('Everyone', [bob]);
    await f.c.pushGroup('Unmapped', [bob]);
    await f.map('Everyone', 'basic');
    const config = await f.client(f.clientSecret, 'post');
    const { tokens } = await signInToApp(f, 'bob.basic@acme.com', config);
    expect(tokens.claims()).toMatchObject({ sub: bob, licence: 'basic', groups: ['Everyone'] });
  });

  it('refuses a person with no licence: the reason page, recorded, no code', async () => {
    await f.c.pushUser('nobody@acme.com');
    const config = await f.client();
    const request = await authorizationRequest(config);
    const result = await authorize(
      new EndUserBrowser(f.c.harness.app),
      request.url,
      'nobody@acme.com',
    );
    expect(result.callback).toBeUndefined();
    expect(result.status).toBe(403);
    expect(result.body).toContain('You have no licence');
    expect(await codesIssued()).toBe(0);
    const events = await f.c.harness.db.selectFrom('sign_in_events').selectAll().execute();
    expect(events.map((e) => [e.outcome, e.reason, e.login])).toContainEqual([
      'refused',
      'no_licence',
      'nobody@acme.com',
    ]);
  });

  it('does not send the person to a redirect URI the application did not register', async () => {
    await licensedPerson(f, 'ada@acme.com', 'Pro', 'pro');
    const config = await f.client();
    for (const redirect_uri of ['https://evil.example.test/callback', `${APP_CALLBACK}/x`]) {
      const request = await authorizationRequest(config, { redirect_uri });
      const response = await new EndUserBrowser(f.c.harness.app).get(
        `${request.url.pathname}${request.url.search}`,
      );
      expect(response.statusCode, redirect_uri).toBe(400);
      expect(response.headers.location).toBeUndefined();
      expect(response.body).toContain('redirect_uri did not match');
      expect(response.body).not.toMatch(/<script/i);
    }
  });

  it('refuses an authorization without PKCE, and an implicit one', async () => {
    const config = await f.client();
    const browser = new EndUserBrowser(f.c.harness.app);
    const noPkce = oidc.buildAuthorizationUrl(config, {
      redirect_uri: APP_CALLBACK,
      scope: 'openid',
      state: 's',
    });
    const refused = await browser.get(`${noPkce.pathname}${noPkce.search}`);
    expect(String(refused.headers.location)).toContain('error=invalid_request');
    const implicit = oidc.buildAuthorizationUrl(config, {
      redirect_uri: APP_CALLBACK,
      scope: 'openid',
      response_type: 'id_token',
      nonce: 'n',
    });
    const answer = await browser.get(`${implicit.pathname}${implicit.search}`);
    expect(`${answer.headers.location ?? ''}${answer.body}`).toMatch(/unsupported_response_type/);
  });

  it('refuses a replayed code', async () => {
    await licensedPerson(f, 'ada@acme.com', 'Pro', 'pro');
    const config = await f.client();
    const { callback, request } = await signInToApp(f, 'ada@acme.com', config);
    await expect(
      oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: request.verifier,
        expectedState: request.state,
        expectedNonce: request.nonce,
      }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('signs the person out of the application and the console (RP-initiated logout)', async () => {
    await licensedPerson(f, 'ada@acme.com', 'Pro', 'pro');
    const config = await f.client();
    const { tokens, browser } = await signInToApp(f, 'ada@acme.com', config);
    expect((await browser.get('/me')).body).toContain('Licence');
    const end = oidc.buildEndSessionUrl(config, {
      id_token_hint: String(tokens.id_token),
      post_logout_redirect_uri: APP_SIGNED_OUT,
      state: 'bye',
    });
    const confirm = await browser.get(`${end.pathname}${end.search}`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Sign out of Time tracker');
    expect(String(confirm.headers['content-security-policy'])).toContain(
      "form-action 'self' https://app.example.test",
    );
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.body)?.[1] ?? '';
    const done = await browser.post('/oidc/session/end/confirm', { xsrf, logout: 'yes' });
    expect(done.statusCode).toBe(303);
    expect(String(done.headers.location)).toBe(`${APP_SIGNED_OUT}?state=bye`);
    expect((await browser.get('/me')).body).toContain('You are not signed in');
  });

  it('goes straight back to the application when the person is signed in to the console', async () => {
    await licensedPerson(f, 'ada@acme.com', 'Pro', 'pro');
    const config = await f.client();
    const { browser } = await signInToApp(f, 'ada@acme.com', config);
    const again = await authorizationRequest(config);
    const first = await browser.get(`${again.url.pathname}${again.url.search}`);
    expect(String(first.headers.location)).toMatch(new RegExp(`^${APP_CALLBACK}\\?code=`));
  });
});
