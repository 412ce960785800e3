import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  discoveryDocument,
  type LoopbackServer,
  sendJson,
  startLoopbackServer,
} from '../../testing/loopback-server';
import { EndUserBrowser } from './end-user-browser';
import { type Console, startConsole } from './licence-fixtures';

/**
 * The ID-token checks through the real callback: a provider on loopback whose token endpoint
 * answers with whatever ID token the test minted with jose, and whose JWKS it serves.
 */
const CLIENT_ID = '0oa1jose2client';
const CLIENT_SECRET = 'jose-client-secret-0123456789';
const KID = 'key-1';

let c: Console;
let op: LoopbackServer;
let idToken = '';
let signingKey: CryptoKey;
let otherKey: CryptoKey;

beforeAll(async () => {
  const keys = await generateKeyPair('RS256');
  signingKey = keys.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  op = await startLoopbackServer((request, response, origin) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/.well-known/openid-configuration') {
      return sendJson(response, 200, discoveryDocument(origin));
    }
    if (path === '/v1/keys') return sendJson(response, 200, { keys: [jwk] });
    if (path === '/v1/token') {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        const code = new URLSearchParams(body).get('code');
        if (code !== 'good-code') return sendJson(response, 400, { error: 'invalid_grant' });
        sendJson(response, 200, {
          access_token: 'an-access-token',
          token_type: 'Bearer',
          expires_in: 300,
          scope: 'openid profile email',
          id_token: idToken,
        });
      });
      return;
    }
    sendJson(response, 404, { error: 'not_found' });
  });
  c = await startConsole({
    ALLOW_HTTP_LOOPBACK_ISSUER: '1',
    SECRET_KEY: randomBytes(32).toString('hex'),
  });
  const saved = await c.admin.inject({
    method: 'PUT',
    url: '/api/incoming-keys',
    payload: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, issuerUri: op.origin },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const jane = await c.pushUser('jane.doe@acme.com');
  await c.pushGroup('Chime Pro', [jane]);
  const mapped = await c.admin.inject({
    method: 'POST',
    url: '/api/directory-groups',
    payload: { groupName: 'Chime Pro', capability: 'pro' },
  });
  expect(mapped.statusCode).toBe(201);
});
afterAll(async () => {
  await c.close();
  await op.close();
});

interface Case {
  claims?: Partial<JWTPayload> & Record<string, unknown>;
  key?: CryptoKey;
  unsigned?: boolean;
  nonce?: string;
}

async function mint(nonce: string, options: Case): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: op.origin,
    aud: CLIENT_ID,
    sub: '00u1jane',
    iat: now,
    exp: now + 300,
    nonce: options.nonce ?? nonce,
    email: 'jane.doe@acme.com',
    preferred_username: 'jane.doe@acme.com',
    ...options.claims,
  };
  if (options.unsigned) return new UnsecuredJWT(claims).encode();
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: KID })
    .sign(options.key ?? signingKey);
}

/** Starts a sign-in, mints the ID token for its nonce, and comes back to the callback. */
async function signInWith(options: Case) {
  const browser = new EndUserBrowser(c.harness.app);
  const start = await browser.get('/auth/okta');
  expect(start.statusCode).toBe(302);
  const url = new URL(String(start.headers.location));
  idToken = await mint(url.searchParams.get('nonce') ?? '', options);
  const state = url.searchParams.get('state') ?? '';
  return browser.get(`/auth/okta/callback?code=good-code&state=${state}`);
}

async function lastRefusal() {
  const events = await c.harness.db
    .selectFrom('sign_in_events')
    .select(['outcome', 'reason'])
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return events;
}

describe('ID token checks at the callback', () => {
  it('admits a well-formed token (the baseline the other cases break)', async () => {
    const response = await signInWith({});
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe('/me');
  });

  it.each<[string, Case, RegExp]>([
    ['alg none', { unsigned: true }, /"alg" header/],
    ['a wrong audience', { claims: { aud: 'someone-else' } }, /"aud"/],
    [
      'a second, untrusted audience',
      { claims: { aud: [CLIENT_ID, 'someone-else'] } },
      /untrusted audiences/,
    ],
    ['a wrong issuer', { claims: { iss: 'https://evil.okta.com' } }, /"iss"/],
    ['an issuer with a trailing slash', { claims: { iss: 'ISSUER/' } }, /"iss"/],
    ['an expired token', { claims: { exp: Math.floor(Date.now() / 1000) - 3600 } }, /"exp"/],
    ['a wrong nonce', { nonce: 'not-the-nonce' }, /"nonce"/],
    ['no nonce', { claims: { nonce: undefined } }, /"nonce".*missing/],
    ['a bad signature', { key: undefined, claims: {} }, /signature verification failed/],
  ])('refuses %s', async (label, options, why) => {
    if (label === 'a bad signature') options.key = otherKey;
    if (options.claims?.iss === 'ISSUER/') options.claims.iss = `${op.origin}/`;
    const response = await signInWith(options);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.body).toContain('Sign-in did not complete');
    expect(response.cookies.find((k) => k.name === 'osc_user')).toBeUndefined();
    expect(await lastRefusal()).toEqual({ outcome: 'refused', reason: 'invalid_response' });
    const detail = c.harness.logLines().flatMap((l) => (l.detail ? [String(l.detail)] : []));
    expect(detail.pop()).toMatch(why);
  });

  it('refuses a wrong state, and a code the provider rejects', async () => {
    const browser = new EndUserBrowser(c.harness.app);
    const start = await browser.get('/auth/okta');
    idToken = await mint(
      new URL(String(start.headers.location)).searchParams.get('nonce') ?? '',
      {},
    );
    const wrongState = await browser.get('/auth/okta/callback?code=good-code&state=forged');
    expect(wrongState.statusCode).toBe(400);
    const again = new EndUserBrowser(c.harness.app);
    const state = new URL(
      String((await again.get('/auth/okta')).headers.location),
    ).searchParams.get('state');
    const badCode = await again.get(`/auth/okta/callback?code=bad-code&state=${state}`);
    expect(badCode.statusCode).toBe(400);
    expect(c.harness.logText()).not.toContain('an-access-token');
  });
});
