import type http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../shared/api/errors';
import {
  closedPort,
  discoveryDocument,
  type LoopbackServer,
  sendJson,
  startLoopbackServer,
} from '../../testing/loopback-server';
import { type Harness, type SignedInClient, startHarness } from '../../testing/server-harness';

let harness: Harness;
let client: SignedInClient;
beforeAll(async () => {
  harness = await startHarness({
    env: { ALLOW_HTTP_LOOPBACK_ISSUER: '1' },
    config: { discoveryTimeoutMs: 300 },
  });
  client = await harness.session();
});
afterAll(() => harness.close());

const servers: LoopbackServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, origin: string) => void;
async function provider(handler: Handler): Promise<LoopbackServer> {
  const server = await startLoopbackServer(handler);
  servers.push(server);
  return server;
}

/** Saves keys for `issuer` and answers the message on Issuer URI (or fails the test). */
async function issuerMessage(issuer: string): Promise<string> {
  const response = await client.inject({
    method: 'PUT',
    url: '/api/incoming-keys',
    payload: { clientId: '0oa1client', clientSecret: 'secret-1', issuerUri: issuer },
  });
  expect(response.statusCode).toBe(400);
  const message = apiErrorSchema.parse(response.json()).fields?.issuerUri;
  if (!message) throw new Error(`no message on issuerUri: ${response.body}`);
  return message;
}

const WELL_KNOWN = '/.well-known/openid-configuration';
const messages = new Map<string, string>();

describe('discovery failures, each with its own message on Issuer URI', () => {
  it('nothing there: no server on that port', async () => {
    const port = await closedPort();
    const message = await issuerMessage(`http://127.0.0.1:${port}`);
    expect(message).toMatch(/Nothing there: no server answered at 127\.0\.0\.1:\d+/);
    messages.set('closed', message);
  });

  it('nothing there: HTTP 404', async () => {
    const server = await provider((_req, res) => sendJson(res, 404, { error: 'not_found' }));
    const message = await issuerMessage(`${server.origin}/oauth2/default`);
    expect(message).toMatch(/answered HTTP 404/);
    expect(message).toContain(`${server.origin}/oauth2/default${WELL_KNOWN}`);
    expect(server.requests).toEqual([`/oauth2/default${WELL_KNOWN}`]);
    messages.set('404', message);
  });

  it('issuer mismatch, showing both values', async () => {
    const server = await provider((_req, res, origin) =>
      sendJson(res, 200, discoveryDocument(`${origin}/`)),
    );
    const message = await issuerMessage(server.origin);
    expect(message).toMatch(/Issuer mismatch/);
    expect(message).toContain(`"${server.origin}/"`);
    expect(message).toContain(`"${server.origin}"`);
    messages.set('mismatch', message);
  });

  it('timeout', async () => {
    const server = await provider(() => undefined);
    const started = Date.now();
    const message = await issuerMessage(server.origin);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(message).toMatch(/Timed out: .* did not answer within 0\.3 seconds/);
    messages.set('timeout', message);
  });

  it('not JSON', async () => {
    const server = await provider((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in</html>'),
    );
    const message = await issuerMessage(server.origin);
    expect(message).toMatch(/^Not JSON: /);
    messages.set('not-json', message);
  });

  it('JSON that is not a discovery document', async () => {
    const server = await provider((_req, res) => sendJson(res, 200, ['issuer']));
    expect(await issuerMessage(server.origin)).toMatch(/^Not JSON: /);
  });

  it('missing endpoints', async () => {
    const server = await provider((_req, res, origin) => {
      const { token_endpoint: _t, jwks_uri: _j, ...partial } = discoveryDocument(origin);
      sendJson(res, 200, partial);
    });
    const message = await issuerMessage(server.origin);
    expect(message).toMatch(/lacks token_endpoint, jwks_uri/);
    messages.set('missing', message);
  });

  it('redirect', async () => {
    const server = await provider((_req, res) =>
      res.writeHead(302, { location: 'https://elsewhere.example/login' }).end(),
    );
    const message = await issuerMessage(server.origin);
    expect(message).toMatch(/redirects to https:\/\/elsewhere\.example\/login/);
    messages.set('redirect', message);
  });

  it('no client authentication Okta web apps use', async () => {
    const server = await provider((_req, res, origin) =>
      sendJson(res, 200, {
        ...discoveryDocument(origin),
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      }),
    );
    const message = await issuerMessage(server.origin);
    expect(message).toMatch(/neither client_secret_basic nor client_secret_post/);
    messages.set('methods', message);
  });

  it('gave each failure a different message', () => {
    expect(messages.size).toBe(8);
    expect(new Set(messages.values()).size).toBe(messages.size);
  });
});

describe('token endpoint failures after a good discovery', () => {
  async function saveAgainst(handler: (res: http.ServerResponse) => void) {
    const server = await provider((req, res, origin) => {
      if (req.url === WELL_KNOWN) return sendJson(res, 200, discoveryDocument(origin));
      handler(res);
    });
    return client.inject({
      method: 'PUT',
      url: '/api/incoming-keys',
      payload: { clientId: '0oa1client', clientSecret: 'secret-1', issuerUri: server.origin },
    });
  }

  it('a token endpoint that does not answer', async () => {
    const response = await saveAgainst(() => undefined);
    expect(response.statusCode).toBe(400);
    expect(apiErrorSchema.parse(response.json()).message).toMatch(/did not answer/);
  });

  it('a token endpoint that fails', async () => {
    const response = await saveAgainst((res) => res.writeHead(500).end('<html>oops</html>'));
    expect(response.statusCode).toBe(400);
    expect(apiErrorSchema.parse(response.json()).message).toMatch(/answered HTTP 500/);
  });

  it('a client that may not use the authorization code grant', async () => {
    const response = await saveAgainst((res) =>
      sendJson(res, 400, { error: 'unauthorized_client' }),
    );
    expect(response.statusCode).toBe(400);
    expect(apiErrorSchema.parse(response.json()).fields?.clientId).toMatch(/unauthorized_client/);
  });

  it('does not echo an odd error code from the token endpoint', async () => {
    const response = await saveAgainst((res) =>
      sendJson(res, 400, { error: '<script>alert(1)</script>' }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('<script>');
  });
});
