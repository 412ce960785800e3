import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type Api, api, type BodyOf, type Endpoint, type OperationId } from '../../shared/api';
import { expectContractAnswer, samplePath } from '../../testing/contract-answer';
import { type Harness, type SignedInClient, startHarness } from '../../testing/server-harness';

/**
 * A valid body for each endpoint that takes one. The tests below only send broken copies of it.
 * An endpoint added to the contract with a body fails to typecheck here until it has a sample.
 */
type WithBody = { [K in OperationId]: Api[K] extends { body: z.ZodType } ? K : never }[OperationId];
const samples: { [K in WithBody]: BodyOf<Api[K]> } = {
  signIn: { email: 'ada@example.test', password: 'not the password' },
  changePassword: { currentPassword: 'not the password', newPassword: 'a new long passphrase' },
  addAdmin: { email: 'grace@example.test' },
  createApplication: { name: 'Time tracker', redirectUris: ['https://app.example.test/callback'] },
  rotateApplicationSecret: { graceHours: 24 },
  saveIncomingKeys: {
    clientId: '0oa1client2id',
    clientSecret: 'a-client-secret',
    issuerUri: 'https://acme.okta.com',
  },
  createDirectoryGroup: { groupName: 'Sales', capability: 'pro' },
  updateDirectoryGroup: { capability: 'pro' },
  createWebhook: {
    url: 'https://93.184.215.14/hooks',
    description: 'App',
    eventTypes: ['user.created'],
  },
  updateWebhook: { description: 'App' },
  createApiKey: { name: 'Billing backend' },
};

/**
 * Keys of the samples that are not strings: the wrong-type checks send these values (or the
 * default set) and expect this message, and a 1 MB string the `huge` one (skipped without it).
 * Bodies whose keys are all optional have no "missing" message.
 */
const NOT_STRING: Record<string, { wrong?: unknown[]; wrongType: RegExp; huge?: RegExp }> = {
  eventTypes: { wrong: [42, true, null, {}, 'user.created'], wrongType: /^Expected array, not / },
  // [] is an empty list, ['a'] a list with an address that is not one.
  redirectUris: {
    wrongType: /^(Expected array, not |Enter at least one redirect URI|Enter a full address)/,
    huge: /^Expected array, not a string/,
  },
  graceHours: { wrongType: /^Choose one of /, huge: /^Choose one of / },
};
const OPTIONAL = new Set<string>(['updateWebhook.description', 'createWebhook.description']);

const MB_STRING = 'x'.repeat(1_000_000);
const entries = Object.entries(api) as [OperationId, Endpoint][];
const withBody = entries.filter(([, e]) => e.body) as [WithBody, Endpoint][];

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

/** Each request on a fresh session: a sign-out or a refused sign-in must not spoil the next. */
async function send(
  endpoint: Endpoint,
  options: Omit<InjectOptions, 'method' | 'url'>,
  url = samplePath(
    endpoint,
    endpoint.path.includes(':clientId') ? 'osc_app_AAAAAAAAAAAAAAAA' : '1',
  ),
) {
  const client: SignedInClient = await harness.session();
  return client.inject({
    method: endpoint.method,
    url,
    remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    ...options,
  });
}

function json(payload: unknown): Omit<InjectOptions, 'method' | 'url'> {
  return { payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } };
}

describe.each(withBody)('%s with a bad body', (id, endpoint) => {
  const sample = samples[id] as Record<string, unknown>;
  const keys = Object.keys(sample);

  it.each(keys)('names %s when it has the wrong type', async (key) => {
    const values = NOT_STRING[key]?.wrong ?? [42, true, null, [], {}, ['a']];
    for (const wrong of values) {
      const answer = expectContractAnswer(
        endpoint,
        await send(endpoint, json({ ...sample, [key]: wrong })),
      );
      expect(answer?.code, JSON.stringify(wrong)).toBe('invalid_request');
      const message = NOT_STRING[key]?.wrongType ?? /^Expected string, not /;
      expect(answer?.fields?.[key], JSON.stringify(wrong)).toMatch(message);
    }
  });

  it.each(keys)('names %s when it is missing', async (key) => {
    if (OPTIONAL.has(`${id}.${key}`)) return;
    const { [key]: _gone, ...rest } = sample;
    const answer = expectContractAnswer(endpoint, await send(endpoint, json(rest)));
    expect(answer?.fields).toEqual({ [key]: 'This field is required.' });
  });

  it.each(keys)('names %s when it is a 1 MB string', async (key) => {
    if (NOT_STRING[key] && !NOT_STRING[key].huge) return;
    const response = await send(endpoint, json({ ...sample, [key]: MB_STRING }));
    const answer = expectContractAnswer(endpoint, response);
    expect(response.statusCode).toBe(400);
    expect(answer?.fields?.[key]).toMatch(NOT_STRING[key]?.huge ?? /too long/i);
    expect(response.body.length).toBeLessThan(2000);
  });

  it('names an unknown field', async () => {
    const answer = expectContractAnswer(
      endpoint,
      await send(endpoint, json({ ...sample, isAdmin: true })),
    );
    expect(answer?.fields).toEqual({ isAdmin: 'Unknown field: remove it.' });
  });

  it('names every field when all are wrong', async () => {
    const broken = Object.fromEntries(keys.map((k) => [k, -1]));
    const answer = expectContractAnswer(endpoint, await send(endpoint, json(broken)));
    expect(Object.keys(answer?.fields ?? {}).sort()).toEqual([...keys].sort());
  });

  it('refuses a body that is not a JSON object', async () => {
    for (const value of [null, [], 'text', 0, false]) {
      const answer = expectContractAnswer(endpoint, await send(endpoint, json(value)));
      expect(answer?.fields, JSON.stringify(value)).toEqual({
        body: 'Send the body as a JSON object.',
      });
    }
  });

  it('refuses an empty body, with or without a JSON content type', async () => {
    for (const headers of [{}, { 'content-type': 'application/json' }]) {
      const answer = expectContractAnswer(endpoint, await send(endpoint, { headers }));
      expect(answer?.fields).toEqual({ body: 'Send the body as a JSON object.' });
    }
  });

  it('refuses malformed JSON', async () => {
    for (const payload of [
      '{',
      '{"email":',
      "{'a':1}",
      '{"a":1}}',
      '\u0000',
      '{"__proto__":{"x":1}}',
    ]) {
      const response = await send(endpoint, {
        payload,
        headers: { 'content-type': 'application/json' },
      });
      const answer = expectContractAnswer(endpoint, response, payload);
      expect(response.statusCode, payload).toBe(400);
      expect(answer?.message, payload).toBe('The body is not valid JSON.');
    }
  });

  it('refuses another content type', async () => {
    const form = new URLSearchParams(sample as Record<string, string>).toString();
    // The sign-in page posts a form to its endpoint (sign-in-page.test.ts).
    const formTypes =
      endpoint.path === '/api/session' && endpoint.method === 'POST'
        ? []
        : [['application/x-www-form-urlencoded', form]];
    for (const [type, payload] of [
      ...formTypes,
      ['application/xml', '<keys/>'],
      ['multipart/form-data; boundary=x', '--x--'],
    ]) {
      const response = await send(endpoint, { payload, headers: { 'content-type': type } });
      expectContractAnswer(endpoint, response, type);
      expect(response.statusCode, type).toBe(415);
    }
    const text = await send(endpoint, {
      payload: JSON.stringify(sample),
      headers: { 'content-type': 'text/plain' },
    });
    expect(expectContractAnswer(endpoint, text)?.fields).toEqual({
      body: 'Send the body as a JSON object.',
    });
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await send(
      endpoint,
      json({ ...sample, [keys[0] ?? 'x']: 'x'.repeat(1_100_000) }),
    );
    expectContractAnswer(endpoint, response);
    expect(response.statusCode).toBe(413);
  });
});

describe.each(entries)('%s with junk', (_id, endpoint) => {
  it('never answers 5xx or outside its contract', async () => {
    const junk: Array<Omit<InjectOptions, 'method' | 'url'>> = [
      json({ unexpected: 'field', n: 1 }),
      json('x'.repeat(500_000)),
      { payload: '{', headers: { 'content-type': 'application/json' } },
      { payload: 'x'.repeat(1_100_000), headers: { 'content-type': 'application/json' } },
      { payload: 'plain', headers: { 'content-type': 'text/plain' } },
      { payload: '<x/>', headers: { 'content-type': 'application/xml' } },
      { query: { a: ['1', '2'], b: MB_STRING.slice(0, 10_000) } },
      { headers: { 'content-type': 'application/json; charset=utf-16' }, payload: '{}' },
      { headers: { 'content-length': '5' }, payload: '{}' },
    ];
    for (const options of junk) {
      expectContractAnswer(
        endpoint,
        await send(endpoint, options),
        JSON.stringify(options).slice(0, 120),
      );
    }
  });

  it('never answers 5xx or outside its contract for arbitrary JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        expectContractAnswer(endpoint, await send(endpoint, json(value)));
      }),
      { numRuns: 60 },
    );
  });

  it('answers 401 to bad input without a session', async () => {
    if (endpoint.auth !== 'admin') return;
    const response = await harness.app.inject({
      method: endpoint.method,
      url: endpoint.path,
      ...json({ clientId: 1 }),
    });
    expectContractAnswer(endpoint, response);
    expect(response.statusCode).toBe(401);
  });
});

// The API-key endpoints take SCIM ids, which may be any text: only the admin API's numeric ids.
const withParams = entries.filter(([, e]) => e.params && e.auth !== 'apiKey');
describe.each(withParams)('%s with bad path parameters', (_id, endpoint) => {
  const names = Object.keys(endpoint.params?.shape ?? {});

  it.each(names)('names %s when it is not valid', async (name) => {
    for (const value of ['abc', '-1', '0', '1.5', '1e400', ' ', '%00', 'x'.repeat(90)]) {
      // A value the schema accepts (a user id may be 'abc') is not bad input for this endpoint.
      if (endpoint.params?.safeParse({ [name]: decodeURIComponent(value) }).success) continue;
      const response = await send(endpoint, {}, samplePath(endpoint, value));
      const answer = expectContractAnswer(endpoint, response, value);
      expect(response.statusCode, value).toBe(400);
      expect(answer?.fields?.[name], value).toBeDefined();
    }
  });

  it('never answers 5xx for a very long parameter', async () => {
    const response = await send(endpoint, {}, samplePath(endpoint, '9'.repeat(5000)));
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
  });
});

describe('outside the contract', () => {
  it('answers a malformed address or an unknown route in the API error shape', async () => {
    for (const url of ['/api/%zz', '/api/nothing', '/api/session/extra']) {
      const response = await harness.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
      expect(Object.keys(response.json()).sort(), url).toEqual(['code', 'message']);
    }
  });
});
