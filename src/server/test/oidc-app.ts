/**
 * The console as an OpenID Provider, tested with openid-client 6 as the application would use
 * it: its requests reach the in-process console through app.inject (customFetch), the person's
 * browser is an EndUserBrowser (console by inject, the Okta stand-in by fetch).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import * as oidc from 'openid-client';
import { expect } from 'vitest';
import { applicationWithSecret } from '../../shared/api/applications';
import { type OktaStandIn, startOktaStandIn } from '../../testing/okta-stand-in';
import type { HarnessOptions } from '../../testing/server-harness';
import { EndUserBrowser } from './end-user-browser';
import { type Console, startConsole } from './licence-fixtures';

export const ISSUER = 'http://localhost:3000';
export const APP_CALLBACK = 'https://app.example.test/callback';
export const APP_SIGNED_OUT = 'https://app.example.test/signed-out';
export const APP_SCOPES = 'openid profile email licence offline_access';

/** fetch for openid-client, answered by the in-process console. */
export function injectFetch(app: FastifyInstance): oidc.CustomFetch {
  return async (url, options) => {
    const target = new URL(url);
    const body = options.body;
    const response = await app.inject({
      method: options.method as 'GET',
      url: `${target.pathname}${target.search}`,
      headers: Object.fromEntries(new Headers(options.headers as HeadersInit)),
      ...(body ? { payload: typeof body === 'string' ? body : String(body) } : {}),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, String(v));
    }
    const status = response.statusCode;
    return new Response(
      status === 204 || status === 304 ? null : new Uint8Array(response.rawPayload),
      {
        status,
        headers,
      },
    );
  };
}

export interface OpFixture {
  c: Console;
  okta: OktaStandIn;
  clientId: string;
  clientSecret: string;
  /** openid-client's configuration for the application, from discovery. */
  client(secret?: string, auth?: 'basic' | 'post'): Promise<oidc.Configuration>;
  map(group: string, capability: 'basic' | 'pro'): Promise<void>;
  close(): Promise<void>;
}

export async function startOp(
  options: { secretKey?: string } & Omit<HarnessOptions, 'env'> = {},
): Promise<OpFixture> {
  const { secretKey = randomBytes(32).toString('hex'), ...harness } = options;
  const c = await startConsole({ ALLOW_HTTP_LOOPBACK_ISSUER: '1', SECRET_KEY: secretKey }, harness);
  const okta = await startOktaStandIn({
    redirectUris: [`${ISSUER}/auth/okta/callback`],
  });
  const saved = await c.admin.inject({
    method: 'PUT',
    url: '/api/incoming-keys',
    payload: { clientId: okta.clientId, clientSecret: okta.clientSecret, issuerUri: okta.issuer },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const added = await c.admin.inject({
    method: 'POST',
    url: '/api/applications',
    payload: {
      name: 'Time tracker',
      redirectUris: [APP_CALLBACK],
      postLogoutRedirectUris: [APP_SIGNED_OUT],
    },
  });
  expect(added.statusCode, added.body).toBe(201);
  const { application, clientSecret } = applicationWithSecret.parse(added.json());
  const fetcher = injectFetch(c.harness.app);
  return {
    c,
    okta,
    clientId: application.clientId,
    clientSecret,
    async client(secret = clientSecret, auth = 'basic') {
      return oidc.discovery(
        new URL(ISSUER),
        application.clientId,
        undefined,
        auth === 'basic' ? oidc.ClientSecretBasic(secret) : oidc.ClientSecretPost(secret),
        { execute: [oidc.allowInsecureRequests], [oidc.customFetch]: fetcher },
      );
    },
    async map(groupName, capability) {
      const response = await c.admin.inject({
        method: 'POST',
        url: '/api/directory-groups',
        payload: { groupName, capability },
      });
      expect(response.statusCode, response.body).toBe(201);
    },
    async close() {
      await c.close();
      await okta.close();
    },
  };
}

export interface Authorization {
  url: URL;
  verifier: string;
  state: string;
  nonce: string;
}

export async function authorizationRequest(
  config: oidc.Configuration,
  extra: Record<string, string> = {},
): Promise<Authorization> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: APP_CALLBACK,
    scope: APP_SCOPES,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  return { url, verifier, state, nonce };
}

const local = (location: string) => {
  const url = new URL(location, ISSUER);
  return url.origin === ISSUER ? `${url.pathname}${url.search}` : undefined;
};

/**
 * The person's browser from the authorization URL to the application's callback: through the
 * interaction, the console's Okta sign-in (as `login`) when it has no end-user session, and back.
 * Answers the callback URL, or the last console page when the console did not send them back.
 */
export async function authorize(
  browser: EndUserBrowser,
  authorizationUrl: URL,
  login: string,
): Promise<{ callback?: URL; status: number; body: string }> {
  let path = `${authorizationUrl.pathname}${authorizationUrl.search}`;
  let interaction: string | undefined;
  for (let step = 0; step < 15; step++) {
    if (path.startsWith('/oidc/interaction/')) interaction = path;
    const response = path.startsWith('/auth/okta?')
      ? await browser.signIn(login, path)
      : await browser.get(path);
    const location = response.headers.location ? String(response.headers.location) : undefined;
    if (!location || response.statusCode < 300 || response.statusCode >= 400) {
      return { status: response.statusCode, body: response.body };
    }
    if (location.startsWith(APP_CALLBACK))
      return { callback: new URL(location), status: 303, body: '' };
    const next = local(location);
    if (!next) throw new Error(`sent away from the console to ${location}`);
    // After Okta, the console's callback returns to the interaction (rd), never to /me.
    if (next === '/me' && interaction)
      throw new Error('the sign-in did not return to the interaction');
    path = next;
  }
  throw new Error('too many redirects');
}

/** A person pushed by Okta into a group mapped to `licence`, signed in to the application. */
export async function signInToApp(
  f: OpFixture,
  login: string,
  config: oidc.Configuration,
  browser = new EndUserBrowser(f.c.harness.app),
) {
  const request = await authorizationRequest(config);
  const result = await authorize(browser, request.url, login);
  if (!result.callback) throw new Error(`no code (${result.status}): ${result.body.slice(0, 300)}`);
  const tokens = await oidc.authorizationCodeGrant(config, result.callback, {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
    expectedNonce: request.nonce,
    idTokenExpected: true,
  });
  return { tokens, browser, callback: result.callback, request };
}

/** Pushes a person and a group with them in it, mapped to the licence; answers their SCIM id. */
export async function licensedPerson(
  f: OpFixture,
  login: string,
  group: string,
  licence: 'basic' | 'pro',
) {
  const id = await f.c.pushUser(login);
  await f.c.pushGroup(group, [id]);
  await f.map(group, licence);
  return id;
}
