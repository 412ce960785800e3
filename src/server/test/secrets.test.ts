import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type Endpoint } from '../../shared/api';
import { samplePath } from '../../testing/contract-answer';
import { columnNames, tableNames } from '../../testing/db-introspect';
import { type OktaStandIn, startOktaStandIn } from '../../testing/okta-stand-in';
import { type Harness, type SignedInClient, startHarness } from '../../testing/server-harness';
import { oktaUser } from '../http/scim/testing';

const CLIENT_SECRET = 'Zk7-standin-client-secret-Q2w9';
const WRONG_SECRET = 'Vb3-wrong-client-secret-Lp5x';
const ADMIN = { email: 'sec@example.test', password: 'Admin-password-Hj4k-Unique' };
/** What Okta puts in a SCIM user's `password`, even with password sync off. */
const SCIM_PASSWORD = 'Okta-sent-password-Xq81-Unique';
/** Columns that hold a secret's hash or ciphertext: the only ones allowed to derive from one. */
const SECRET_COLUMNS = [
  'admin_sessions.token_hash',
  'admins.password_hash',
  'api_keys.key_hash',
  'applications.previous_secret_hash',
  'applications.secret_hash',
  'end_user_sessions.token_hash',
  'incoming_keys.client_secret_ciphertext',
  'scim_access_keys.key_hash',
  'webhook_endpoints.secret_ciphertext',
];

let harness: Harness;
let op: OktaStandIn;
let client: SignedInClient;
/** The SCIM access key, shown once by its creation. */
let accessKey = '';
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

  // A SCIM access key, then Okta's requests with it: the user's password in every form Okta
  // sends it, and requests with wrong keys.
  const created = await record(
    'createAccessKey, shown once',
    client.inject({ method: 'POST', url: '/api/access-keys' }),
  );
  accessKey = (created.json() as { secret: string }).secret;
  const scim = (
    label: string,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    body?: unknown,
    key = accessKey,
  ) =>
    record(
      label,
      harness.app.inject({
        method,
        url: `/scim/v2${url}`,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      }),
    );
  const user = oktaUser('pw.user@acme.com', { password: SCIM_PASSWORD });
  const posted = await scim('SCIM create with a password', 'POST', '/Users', user);
  expect(posted.statusCode).toBe(201);
  const userId = (posted.json() as { id: string }).id;
  await scim('SCIM create again (409)', 'POST', '/Users', user);
  await scim('SCIM create, bad userName', 'POST', '/Users', { ...user, userName: 5 });
  await scim('SCIM create, password wrong type', 'POST', '/Users', {
    ...user,
    userName: 'pw2@acme.com',
    password: [SCIM_PASSWORD],
  });
  await scim('SCIM replace with a password', 'PUT', `/Users/${userId}`, user);
  for (const Operations of [
    [{ op: 'replace', path: 'password', value: SCIM_PASSWORD }],
    [{ op: 'replace', value: { password: SCIM_PASSWORD, active: true } }],
    [{ op: 'add', path: 'password', value: { nested: SCIM_PASSWORD } }],
    [{ op: 'replace', path: 'password[value eq "x"]', value: SCIM_PASSWORD }],
  ]) {
    await scim('SCIM patch with a password', 'PATCH', `/Users/${userId}`, { Operations });
  }
  await scim('SCIM read', 'GET', `/Users/${userId}`);
  await scim('SCIM read the password', 'GET', `/Users/${userId}?attributes=password`);
  await scim('SCIM list', 'GET', '/Users?startIndex=1&count=100');
  await scim('SCIM wrong key', 'GET', '/Users', undefined, `${accessKey.slice(0, -4)}AAAA`);
  await scim('SCIM key cut short', 'GET', '/Users', undefined, accessKey.slice(0, -1));
  await scim('SCIM key twice', 'GET', '/Users', undefined, `${accessKey} ${accessKey}`);

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

/** Everything that must never be sent back, logged or stored as it is. */
const secrets = () => [
  CLIENT_SECRET,
  WRONG_SECRET,
  ADMIN.password,
  SCIM_PASSWORD,
  client.cookieValue,
];

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

  it('no response body or header carries a secret, except the new access key in its creation', () => {
    for (const { label, response } of answers) {
      const { 'set-cookie': setCookie, ...headers } = response.headers;
      const everything = `${response.body}\n${JSON.stringify(headers)}`;
      const shownOnce = label === 'createAccessKey, shown once';
      if (shownOnce) expect(everything).toContain(accessKey);
      for (const secret of [...secrets(), ...(shownOnce ? [] : [accessKey])]) {
        expect(everything.includes(secret), `${label} carries ${secret.slice(0, 6)}…`).toBe(false);
      }
      // The only cookie ever set is a new session's (sign-in) or the clearing one (sign-out).
      if (label !== 'signIn') expect(String(setCookie ?? '')).not.toContain(client.cookieValue);
    }
  });

  it('no log line carries them', () => {
    const text = harness.logText();
    expect(text.length).toBeGreaterThan(0);
    expect(text).toContain('/scim/v2/Users');
    for (const secret of [...secrets(), accessKey]) {
      expect(text.includes(secret), secret.slice(0, 6)).toBe(false);
    }
    expect(text).not.toContain(client.session.csrfToken);
  });

  it('no database column holds one, except the hash and ciphertext columns', async () => {
    const tables = await tableNames(harness.db);
    expect(tables).toEqual(
      expect.arrayContaining(['admins', 'admin_sessions', 'incoming_keys', 'scim_users']),
    );
    const hashed: string[] = [];
    let searched = 0;
    for (const name of tables) {
      for (const column of await columnNames(harness.db, name)) {
        const where = `${name}.${column}`;
        if (/_(hash|ciphertext)$/.test(column)) {
          hashed.push(where);
          continue;
        }
        const values = await sql<{ v: unknown }>`
          select ${sql.ref(column)} as v from ${sql.table(name)}`.execute(harness.db);
        const text = values.rows.map((r) => String(r.v)).join('\n');
        searched += values.rows.length;
        for (const secret of [...secrets(), accessKey]) {
          for (const form of [secret, Buffer.from(secret).toString('base64')]) {
            expect(text.includes(form), `${where} holds ${secret.slice(0, 6)}…`).toBe(false);
          }
        }
      }
    }
    expect(searched).toBeGreaterThan(20);
    // A new column named like a hash is a decision to review, not to wave through.
    expect(hashed.sort()).toEqual(SECRET_COLUMNS);
  });

  it('the database holds the client secret only as ciphertext, in no column of any table', async () => {
    const tables = await tableNames(harness.db);
    expect(tables).toEqual(expect.arrayContaining(['admins', 'admin_sessions', 'incoming_keys']));
    let dump = '';
    for (const name of tables) {
      const rows = await sql`select * from ${sql.table(name)}`.execute(harness.db);
      dump += JSON.stringify(rows.rows);
    }
    for (const secret of [...secrets(), accessKey]) {
      expect(dump.includes(secret), secret.slice(0, 6)).toBe(false);
      expect(dump.includes(Buffer.from(secret).toString('base64')), secret.slice(0, 6)).toBe(false);
    }
    const row = await harness.db.selectFrom('incoming_keys').selectAll().executeTakeFirstOrThrow();
    expect(row.client_secret_ciphertext).toMatch(/^v1\./);
  });
});
