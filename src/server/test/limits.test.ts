/**
 * The limits README's configuration table promises, each set through its environment variable:
 * body size, JSON depth, header and request timeouts, sign-in and SCIM authentication rate
 * limits. And the table itself lists exactly the variables the server reads.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../shared/api/errors';
import { scimErrorSchema } from '../../shared/scim/errors';
import { type Harness, startHarness, TEST_ADMIN } from '../../testing/server-harness';
import { configDefault, configVariables, loadConfig } from '../config';
import { AccessKeysService } from '../services/access-keys';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(env: Record<string, string>) {
  harness = await startHarness({ env });
  return harness;
}

const json = (payload: string) => ({ payload, headers: { 'content-type': 'application/json' } });
const nested = (depth: number) => `{"email":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;

describe('BODY_LIMIT_BYTES', () => {
  it('answers 413 above it, in the API error shape, and reads the body under it', async () => {
    const h = await start({ BODY_LIMIT_BYTES: '2048' });
    const over = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      ...json(JSON.stringify({ email: 'a'.repeat(2100), password: 'x' })),
    });
    expect(over.statusCode).toBe(413);
    expect(apiErrorSchema.parse(over.json()).message).toBe('The body is too large.');
    const under = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      ...json(JSON.stringify({ email: 'a'.repeat(1900), password: 'x' })),
    });
    expect(under.statusCode).toBe(400);
  });
});

describe('JSON_MAX_DEPTH', () => {
  it('refuses deeper bodies before parsing them: 400 on the API, invalidSyntax on SCIM', async () => {
    const h = await start({ JSON_MAX_DEPTH: '8' });
    const api = (payload: string) =>
      h.app.inject({ method: 'POST', url: '/api/session', ...json(payload) });
    const deep = await api(nested(9));
    expect(deep.statusCode).toBe(400);
    expect(apiErrorSchema.parse(deep.json())).toEqual({
      code: 'json_too_deep',
      message: 'The body nests arrays and objects more than 8 levels deep.',
    });
    // At the limit the body is parsed, and the contract names the field.
    const atLimit = apiErrorSchema.parse((await api(nested(8))).json());
    expect(atLimit.fields?.email).toBe('Expected string, not a list.');
    // Brackets inside strings are text, not nesting, after an escaped quote too.
    const inString = await api(JSON.stringify({ email: `\\"${'['.repeat(50)}`, password: 'x' }));
    expect(apiErrorSchema.parse(inString.json()).code).not.toBe('json_too_deep');
    // A million levels costs a linear scan, not a stack overflow.
    const huge = await api('['.repeat(1_000_000));
    expect(huge.statusCode).toBe(400);

    const { secret } = await new AccessKeysService(h.db).create('ada@example.test');
    const scim = await h.app.inject({
      method: 'POST',
      url: '/scim/v2/Users',
      payload: `{"userName":"a@b.c","x":${'['.repeat(9)}${']'.repeat(9)}}`,
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/scim+json' },
    });
    expect(scim.statusCode).toBe(400);
    expect(scimErrorSchema.parse(scim.json())).toMatchObject({
      scimType: 'invalidSyntax',
      detail: 'The body nests arrays and objects more than 8 levels deep.',
    });
  });
});

/** Opens a connection, sends `head`, then nothing (or `trickle` every 100 ms); reads the answer. */
function slowClient(h: Harness, head: string, trickle?: string) {
  const { port } = h.app.server.address() as net.AddressInfo;
  const started = Date.now();
  return new Promise<{ answer: string; ms: number }>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    const timer = trickle
      ? setInterval(() => socket.writable && socket.write(trickle), 100)
      : undefined;
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, ms: Date.now() - started });
    });
    socket.on('error', reject);
    socket.write(head);
  });
}

describe('HEADERS_TIMEOUT_MS and REQUEST_TIMEOUT_MS', () => {
  it('answer 408 and close a connection whose headers or body arrive too slowly', async () => {
    const h = await start({ HEADERS_TIMEOUT_MS: '300', REQUEST_TIMEOUT_MS: '1500' });
    await h.app.listen({ host: '127.0.0.1', port: 0 });

    const headers = await slowClient(h, 'POST /api/session HTTP/1.1\r\nHost: x\r\n', 'X-A: b\r\n');
    expect(headers.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(headers.ms).toBeGreaterThanOrEqual(250);
    expect(headers.ms).toBeLessThan(1400);

    const body = await slowClient(
      h,
      'POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
      ' ',
    );
    expect(body.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(body.ms).toBeGreaterThanOrEqual(1450);
    expect(body.ms).toBeLessThan(4000);
    expect(JSON.parse(body.answer.split('\r\n\r\n')[1] ?? '')).toMatchObject({
      code: 'request_timeout',
      message: 'The request took too long to arrive.',
    });
  });

  it('refuses a header timeout longer than the request timeout at start', () => {
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' })).toThrow(
      /HEADERS_TIMEOUT_MS/,
    );
  });
});

describe('SIGNIN_MAX_FAILURES_PER_MINUTE', () => {
  it('answers 429 with Retry-After once an email failed that many times', async () => {
    const h = await start({ SIGNIN_MAX_FAILURES_PER_MINUTE: '2' });
    const attempt = (password: string, i: number) =>
      h.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: TEST_ADMIN.email, password },
        remoteAddress: `10.0.0.${i}`,
      });
    expect((await attempt('wrong', 1)).statusCode).toBe(401);
    expect((await attempt('wrong', 2)).statusCode).toBe(401);
    const blocked = await attempt(TEST_ADMIN.password, 3);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('SCIM_AUTH_MAX_FAILURES_PER_MINUTE', () => {
  it('answers 429 to an address after that many wrong keys, even with the right key', async () => {
    const h = await start({ SCIM_AUTH_MAX_FAILURES_PER_MINUTE: '3' });
    const { secret } = await new AccessKeysService(h.db).create('ada@example.test');
    const get = (key: string, remoteAddress = '10.1.1.1') =>
      h.app.inject({
        method: 'GET',
        url: '/scim/v2/Users',
        headers: { authorization: `Bearer ${key}` },
        remoteAddress,
      });
    for (let i = 0; i < 3; i++) expect((await get('osc_scim_wrong')).statusCode).toBe(401);
    const blocked = await get(secret);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(scimErrorSchema.parse(blocked.json()).status).toBe('429');
    expect((await get(secret, '10.1.1.2')).statusCode).toBe(200);
  });
});

describe("README's configuration table", () => {
  const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');
  const rows = [...readme.matchAll(/^\| `([A-Z_]+)` +\| ([^|]+)\|/gm)].map((m) => ({
    name: m[1] as string,
    shown: (m[2] as string).trim(),
  }));

  it('lists exactly the variables the server reads', () => {
    expect(rows.map((r) => r.name).sort()).toEqual([...configVariables, 'STATIC_DIR'].sort());
  });

  it('shows the defaults loadConfig applies', () => {
    for (const { name, shown } of rows) {
      const value = configDefault(name);
      if (typeof value === 'number' || typeof value === 'string') {
        expect(shown, name).toBe(`\`${value}\``);
      } else if (typeof value === 'boolean') {
        expect(shown, name).toBe(value ? '`1`' : '`0`');
      }
    }
  });
});
