import * as oidc from 'openid-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EndUserBrowser } from './end-user-browser';
import { authorizationRequest, authorize, ISSUER, type OpFixture, startOp } from './oidc-app';

let f: OpFixture;
beforeEach(async () => {
  f = await startOp();
});
afterEach(() => f.close());

describe('the console as an OpenID Provider', () => {
  it('signs a Pro person into the application with code + PKCE; claims checked against the JWKS', async () => {
    const ada = await f.c.pushUser('ada.lovelace@acme.com');
    await f.c.pushGroup('Engineering Pro', [ada]);
    await f.map('Engineering Pro', 'pro');
    const config = await f.client();
    expect(config.serverMetadata().issuer).toBe(ISSUER);
    const request = await authorizationRequest(config);
    const browser = new EndUserBrowser(f.c.harness.app);
    const result = await authorize(browser, request.url, 'ada.lovelace@acme.com');
    expect(result.callback, result.body).toBeDefined();
    const tokens = await oidc.authorizationCodeGrant(config, result.callback as URL, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    expect(claims).toMatchObject({
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
  });
});
