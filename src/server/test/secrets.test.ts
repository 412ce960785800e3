import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type Endpoint } from '../../shared/api';
import { samplePath } from '../../testing/contract-answer';
import { type OktaStandIn, startOktaStandIn } from '../../testing/okta-stand-in';
import { type Harness, type SignedInClient, startHarness } from '../../testing/server-harness';

const CLIENT_SECRET = 'Zk7-standin-client-secret-Q2w9';
const WRONG_SECRET = 'Vb3-wrong-client-secret-Lp5x';
const ADMIN = { email: 'sec@example.test', password: 'Admin-password-Hj4k-Unique' };

let harness: Harness;
let op: OktaStandIn;
let client: SignedInClient;
const answers: Array<{ label: string; response: LightMyRequestResponse }> = [];

async function record(label: string, response: Promise<LightMyRequestResponse>) {
  const r = await response;
  answers.push({ label, response: r });
  return r;
}

beforeAll(async () => {
  harness = await startHarness({ env: { ALLOW_HTTP_LOOPBACK_ISSUER: '1' }, admin: ADMIN });
  op = await startOktaStandIn({ clientSecret: CLIENT_SECRET });
  client = await harness.signIn(ADMIN);
  const keys = { clientId: op.clientId, clientSecret: CLIENT_SECRET, issuerUri: op.issuer };
  const put = (body: unknown) =>
    client.inject({ method: 'PUT', url: '/api/incoming-keys', payload: body as object });

  // Failures that carry a secret in the request must not carry it back.
  await record('save, wrong secret', put({ ...keys, clientSecret: WRONG_SECRET }));
  await record('save, secret with a space', put({ ...keys, clientSecret: `${CLIENT_SECRET} x` }));
  await record('save, secret too long', put({ ...keys, clientSecret: CLIENT_SECRET.repeat(30) }));
  await record('save, secret wrong type', put({ ...keys, clientSecret: [CLIENT_SECRET] }));
  await record('save, bad issuer', put({ ...keys, issuerUri: 'http://acme.okta.com' }));
  await record(
    'sign-in, wrong email',
    harness.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'x@example.test', password: ADMIN.password },
    }),
  );
  await record(
    'sign-in, too long',
    harness.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: ADMIN.email, password: ADMIN.password.repeat(100) },
    }),
  );
  const saved = await record('save', put(keys));
  expect(saved.statusCode).toBe(200);
  await record('save again, secret kept', put({ ...keys, clientSecret: '' }));

  // Every endpoint of the contract, and the routes outside it.
  for (const [id, endpoint] of Object.entries(api) as [string, Endpoint][]) {
    if (id === 'signOut') continue;
    const payload = id === 'signIn' ? ADMIN : id === 'saveIncomingKeys' ? keys : undefined;
    await record(
      id,
      client.inject({ method: endpoint.method, url: samplePath(endpoint), payload }),
    );
  }
  for (const url of ['/api/openapi.json', '/healthz', '/api/unknown', '/']) {
    await record(url, client.inject({ method: 'GET', url }));
  }
  await record('signOut', client.inject({ method: 'DELETE', url: '/api/session' }));
}, 30_000);

afterAll(async () => {
  await harness.close();
  await op.close();
});

describe('secrets never leave the server', () => {
  it('reached every endpoint, and the keys were saved', () => {
    const labels = answers.map((a) => a.label);
    for (const id of Object.keys(api)) expect(labels).toContain(id);
    expect(answers.find((a) => a.label === 'save')?.response.statusCode).toBe(200);
    expect(answers.find((a) => a.label === 'verifyIncomingKeys')?.response.statusCode).toBe(200);
  });

  it('no response body or header carries the client secret, the password or the session cookie', () => {
    for (const { label, response } of answers) {
      const { 'set-cookie': setCookie, ...headers } = response.headers;
      const everything = `${response.body}\n${JSON.stringify(headers)}`;
      for (const secret of [CLIENT_SECRET, WRONG_SECRET, ADMIN.password, client.cookieValue]) {
        expect(everything.includes(secret), `${label} carries ${secret.slice(0, 6)}…`).toBe(false);
      }
      // The only cookie ever set is a new session's (sign-in) or the clearing one (sign-out).
      if (label !== 'signIn') expect(String(setCookie ?? '')).not.toContain(client.cookieValue);
    }
  });

  it('no log line carries them', () => {
    const text = harness.logText();
    expect(text.length).toBeGreaterThan(0);
    for (const secret of [CLIENT_SECRET, WRONG_SECRET, ADMIN.password, client.cookieValue]) {
      expect(text.includes(secret), secret.slice(0, 6)).toBe(false);
    }
    expect(text).not.toContain(client.session.csrfToken);
  });

  it('the database holds the client secret only as ciphertext, in no column of any table', async () => {
    const tables = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table'`.execute(harness.db);
    expect(tables.rows.map((t) => t.name)).toEqual(
      expect.arrayContaining(['admins', 'admin_sessions', 'incoming_keys']),
    );
    let dump = '';
    for (const { name } of tables.rows) {
      const rows = await sql`select * from ${sql.table(name)}`.execute(harness.db);
      dump += JSON.stringify(rows.rows);
    }
    for (const secret of [CLIENT_SECRET, WRONG_SECRET, ADMIN.password, client.cookieValue]) {
      expect(dump.includes(secret), secret.slice(0, 6)).toBe(false);
      expect(dump.includes(Buffer.from(secret).toString('base64')), secret.slice(0, 6)).toBe(false);
    }
    const row = await harness.db.selectFrom('incoming_keys').selectAll().executeTakeFirstOrThrow();
    expect(row.client_secret_ciphertext).toMatch(/^v1\./);
  });
});
