import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiErrorSchema, type Endpoint, isStateChanging } from '../../shared/api';
import { samplePath } from '../../testing/contract-answer';
import {
  type Harness,
  type SignedInClient,
  startHarness,
  TEST_ADMIN,
} from '../../testing/server-harness';

const PUBLIC_URL = 'https://console.acme.test';
let harness: Harness;
let client: SignedInClient;
beforeAll(async () => {
  harness = await startHarness({ env: { PUBLIC_URL } });
  client = await harness.session();
});
afterAll(() => harness.close());

const stateChanging = (Object.entries(api) as [string, Endpoint][]).filter(([, e]) =>
  isStateChanging(e.method),
);
const adminStateChanging = stateChanging.filter(([, e]) => e.auth === 'admin');

function expectForbidden(response: { statusCode: number; json: () => unknown }, code: string) {
  expect(response.statusCode).toBe(403);
  expect(apiErrorSchema.parse(response.json()).code).toBe(code);
}

describe('CSRF: every state-changing /api request', () => {
  it.each(adminStateChanging)('%s needs the X-CSRF-Token of its session', async (_id, endpoint) => {
    const base = { method: endpoint.method, url: samplePath(endpoint), payload: {} };
    expectForbidden(await client.inject({ ...base, csrf: false }), 'csrf');
    expectForbidden(
      await client.inject({ ...base, headers: { 'x-csrf-token': 'wrong-token' } }),
      'csrf',
    );
    expectForbidden(await client.inject({ ...base, headers: { 'x-csrf-token': '' } }), 'csrf');
    const other = await harness.session();
    expectForbidden(
      await client.inject({ ...base, headers: { 'x-csrf-token': other.session.csrfToken } }),
      'csrf',
    );
  });

  it.each(stateChanging)(
    '%s refuses cross-site requests, even with the token',
    async (_id, endpoint) => {
      const base = { method: endpoint.method, url: samplePath(endpoint), payload: {} };
      for (const headers of [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { origin: 'http://console.acme.test' },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
        { 'sec-fetch-site': 'cross-site', origin: PUBLIC_URL },
      ]) {
        expectForbidden(await client.inject({ ...base, headers }), 'cross_origin');
      }
    },
  );

  it('refuses a cross-site sign-in, even with the right pair, and sets no cookie', async () => {
    for (const headers of [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
    ]) {
      const response = await harness.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: TEST_ADMIN,
        headers,
      });
      expectForbidden(response, 'cross_origin');
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  it('lets the session live on after refused requests, and accepts the same-origin ones', async () => {
    const out = await harness.session();
    expectForbidden(
      await out.inject({ method: 'DELETE', url: '/api/session', csrf: false }),
      'csrf',
    );
    expect((await out.inject({ method: 'GET', url: '/api/session' })).statusCode).toBe(200);
    const signedOut = await out.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { origin: PUBLIC_URL, 'sec-fetch-site': 'same-origin' },
    });
    expect(signedOut.statusCode).toBe(204);
    expect((await out.inject({ method: 'GET', url: '/api/session' })).json()).toEqual({
      signedIn: false,
    });
  });

  it('accepts a same-origin sign-in from the browser', async () => {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: TEST_ADMIN,
      headers: { origin: PUBLIC_URL, 'sec-fetch-site': 'same-origin' },
    });
    expect(response.statusCode).toBe(200);
  });

  it('does not ask reads for a token', async () => {
    const response = await client.inject({ method: 'GET', url: '/api/settings', csrf: false });
    expect(response.statusCode).toBe(200);
  });
});
