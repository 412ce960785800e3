import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../shared/api/errors';
import { type IncomingKeysView, incomingKeysView } from '../../shared/api/incoming-keys';
import {
  type OktaStandIn,
  type StandInOptions,
  startOktaStandIn,
} from '../../testing/okta-stand-in';
import { type Harness, type SignedInClient, startHarness } from '../../testing/server-harness';
import { SecretBox } from '../services/crypto';

const SECRET_KEY = randomBytes(32).toString('hex');
const LOOPBACK = { ALLOW_HTTP_LOOPBACK_ISSUER: '1', SECRET_KEY };

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function server(env: Record<string, string> = LOOPBACK, extra = {}) {
  const harness = await startHarness({ env, ...extra });
  open.push(harness);
  return { harness, client: await harness.session() };
}

async function standIn(options: StandInOptions = {}): Promise<OktaStandIn> {
  const op = await startOktaStandIn({
    redirectUris: ['http://localhost:3000/auth/okta/callback'],
    ...options,
  });
  open.push(op);
  return op;
}

function save(client: SignedInClient, body: Record<string, unknown>) {
  return client.inject({ method: 'PUT', url: '/api/incoming-keys', payload: body });
}

function keysOf(op: OktaStandIn) {
  return { clientId: op.clientId, clientSecret: op.clientSecret, issuerUri: op.issuer };
}

function configured(view: unknown): Extract<IncomingKeysView, { configured: true }> {
  const parsed = incomingKeysView.parse(view);
  if (!parsed.configured) throw new Error('not configured');
  return parsed;
}

function fieldsOf(response: { json: () => unknown }) {
  return apiErrorSchema.parse(response.json()).fields ?? {};
}

async function storedRows(harness: Harness) {
  return harness.db.selectFrom('incoming_keys').selectAll().execute();
}

describe('saving incoming keys against the Okta stand-in', () => {
  it('saves the org authorization server and shows what it stored', async () => {
    const { client } = await server();
    const op = await standIn();
    const before = Date.now();
    const response = await save(client, keysOf(op));
    expect(response.statusCode).toBe(200);
    const view = configured(response.json());
    expect(view).toMatchObject({
      clientId: op.clientId,
      issuerUri: op.issuer,
      serverKind: 'org',
      domainKind: 'loopback',
      tokenEndpointAuthMethod: 'client_secret_basic',
      updatedBy: 'ada@example.test',
    });
    for (const at of [view.secretSetAt, view.verifiedAt, view.updatedAt]) {
      expect(Date.parse(at)).toBeGreaterThanOrEqual(before - 1000);
    }
    expect(response.body).not.toContain(op.clientSecret);

    const got = await client.inject({ method: 'GET', url: '/api/incoming-keys' });
    expect(got.statusCode).toBe(200);
    expect(configured(got.json())).toEqual(view);
    expect(got.body).not.toContain(op.clientSecret);
    expect(Object.keys(got.json())).not.toContain('clientSecret');
  });

  it('knows a custom authorization server (/oauth2/default)', async () => {
    const { client } = await server();
    const op = await standIn({ pathPrefix: '/oauth2/default' });
    expect(op.issuer).toMatch(/\/oauth2\/default$/);
    const response = await save(client, keysOf(op));
    expect(response.statusCode).toBe(200);
    expect(configured(response.json())).toMatchObject({
      serverKind: 'custom',
      domainKind: 'loopback',
    });
  });

  it('says the pair is wrong on the secret field when Okta answers invalid_client', async () => {
    const { harness, client } = await server();
    const op = await standIn();
    const response = await save(client, { ...keysOf(op), clientSecret: 'not-the-secret' });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response).clientSecret).toMatch(/invalid_client/);
    expect(await storedRows(harness)).toHaveLength(0);
    const wrongId = await save(client, { ...keysOf(op), clientId: '0oaUnknownClient' });
    expect(wrongId.statusCode).toBe(400);
    expect(fieldsOf(wrongId).clientSecret).toMatch(/invalid_client/);
  });

  it('uses client_secret_post when discovery lists nothing else', async () => {
    const { client } = await server();
    const op = await standIn({
      tokenEndpointAuthMethod: 'client_secret_post',
      clientAuthMethods: ['client_secret_post'],
    });
    const response = await save(client, keysOf(op));
    expect(response.statusCode).toBe(200);
    expect(configured(response.json()).tokenEndpointAuthMethod).toBe('client_secret_post');
    expect(op.tokenRequests).toEqual([{ method: 'client_secret_post' }]);
    expect(
      (await client.inject({ method: 'POST', url: '/api/incoming-keys/verify' })).statusCode,
    ).toBe(200);
    expect(op.tokenRequests.at(-1)).toEqual({ method: 'client_secret_post' });
  });

  it('uses client_secret_basic, Okta web apps’ default, when discovery lists it', async () => {
    const { client } = await server();
    const op = await standIn();
    const response = await save(client, keysOf(op));
    expect(response.statusCode).toBe(200);
    expect(configured(response.json()).tokenEndpointAuthMethod).toBe('client_secret_basic');
    expect(op.tokenRequests).toEqual([{ method: 'client_secret_basic' }]);
  });

  it('asks for the secret on the first save', async () => {
    const { client } = await server();
    const op = await standIn();
    const response = await save(client, { ...keysOf(op), clientSecret: '' });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response).clientSecret).toMatch(/Paste the Client secret/);
  });

  it('keeps the stored secret when a later save leaves it empty', async () => {
    const { harness, client } = await server();
    const op = await standIn();
    const first = configured((await save(client, keysOf(op))).json());
    const [rowBefore] = await storedRows(harness);
    await new Promise((r) => setTimeout(r, 5));
    const again = await save(client, { ...keysOf(op), clientSecret: '' });
    expect(again.statusCode).toBe(200);
    const second = configured(again.json());
    expect(second.secretSetAt).toBe(first.secretSetAt);
    expect(Date.parse(second.verifiedAt)).toBeGreaterThan(Date.parse(first.verifiedAt));
    const [rowAfter] = await storedRows(harness);
    expect(rowAfter?.client_secret_ciphertext).toBe(rowBefore?.client_secret_ciphertext);
  });

  it('sets a new secret date when a new secret is saved', async () => {
    const { client } = await server();
    const op = await standIn();
    const first = configured((await save(client, keysOf(op))).json());
    await new Promise((r) => setTimeout(r, 5));
    const second = configured((await save(client, keysOf(op))).json());
    expect(Date.parse(second.secretSetAt)).toBeGreaterThan(Date.parse(first.secretSetAt));
  });

  it('asks for the secret again when the Issuer URI or the Client ID changed', async () => {
    const { client } = await server();
    const org = await standIn();
    const custom = await standIn({ pathPrefix: '/oauth2/default' });
    expect((await save(client, keysOf(org))).statusCode).toBe(200);
    const moved = await save(client, { ...keysOf(custom), clientSecret: '' });
    expect(moved.statusCode).toBe(400);
    expect(fieldsOf(moved).clientSecret).toMatch(/Issuer URI changed/);
    const otherId = await save(client, { ...keysOf(org), clientId: '0oaOther', clientSecret: '' });
    expect(otherId.statusCode).toBe(400);
    expect(fieldsOf(otherId).clientSecret).toMatch(/Client ID changed/);
    const view = configured(
      (await client.inject({ method: 'GET', url: '/api/incoming-keys' })).json(),
    );
    expect(view.issuerUri).toBe(org.issuer);
  });

  it('refuses a loopback http issuer unless ALLOW_HTTP_LOOPBACK_ISSUER is on', async () => {
    const { harness, client } = await server({ SECRET_KEY });
    const op = await standIn();
    const response = await save(client, keysOf(op));
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response).issuerUri).toMatch(/https/);
    expect(await storedRows(harness)).toHaveLength(0);
    const settings = await client.inject({ method: 'GET', url: '/api/settings' });
    expect(settings.json()).toMatchObject({ allowHttpLoopbackIssuer: false });
  });

  it('verifies the stored keys again: 404 before any are set, 200 after', async () => {
    const { client } = await server();
    const op = await standIn();
    const none = await client.inject({ method: 'POST', url: '/api/incoming-keys/verify' });
    expect(none.statusCode).toBe(404);
    expect(apiErrorSchema.parse(none.json()).message).toMatch(/No incoming keys/);
    const saved = configured((await save(client, keysOf(op))).json());
    await new Promise((r) => setTimeout(r, 5));
    const verified = await client.inject({ method: 'POST', url: '/api/incoming-keys/verify' });
    expect(verified.statusCode).toBe(200);
    const view = configured(verified.json());
    expect(Date.parse(view.verifiedAt)).toBeGreaterThan(Date.parse(saved.verifiedAt));
    expect(view.secretSetAt).toBe(saved.secretSetAt);
    // A fetch wrapper may send the JSON content type with no body.
    const withType = await client.inject({
      method: 'POST',
      url: '/api/incoming-keys/verify',
      headers: { 'content-type': 'application/json' },
    });
    expect(withType.statusCode).toBe(200);
  });

  it('says so when the provider is gone at verify time', async () => {
    const { client } = await server();
    const op = await standIn();
    expect((await save(client, keysOf(op))).statusCode).toBe(200);
    await op.close();
    const response = await client.inject({ method: 'POST', url: '/api/incoming-keys/verify' });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response).issuerUri).toMatch(/Nothing there/);
  });

  it('leaves one consistent row after two concurrent saves', async () => {
    const { harness, client } = await server();
    const a = await standIn({ clientId: '0oaClientA', clientSecret: 'secret-a-0123456789' });
    const b = await standIn({
      clientId: '0oaClientB',
      clientSecret: 'secret-b-0123456789',
      pathPrefix: '/oauth2/default',
    });
    const [ra, rb] = await Promise.all([save(client, keysOf(a)), save(client, keysOf(b))]);
    expect([ra.statusCode, rb.statusCode]).toEqual([200, 200]);
    const rows = await storedRows(harness);
    expect(rows).toHaveLength(1);
    const row = rows[0];
    const winner = row?.client_id === a.clientId ? a : b;
    expect(row).toMatchObject({ client_id: winner.clientId, issuer_uri: winner.issuer });
    expect(
      new SecretBox(Buffer.from(SECRET_KEY, 'hex')).open(row?.client_secret_ciphertext ?? ''),
    ).toBe(winner.clientSecret);
    const verified = await client.inject({ method: 'POST', url: '/api/incoming-keys/verify' });
    expect(verified.statusCode).toBe(200);
    expect(configured(verified.json()).clientId).toBe(winner.clientId);
  });

  it('asks for the secret again, not a 500, when the encryption key changed', async () => {
    const first = await server();
    const op = await standIn();
    expect((await save(first.client, keysOf(op))).statusCode).toBe(200);
    const otherKey = { ...LOOPBACK, SECRET_KEY: randomBytes(32).toString('hex') };
    const { client } = await server(otherKey, { db: first.harness.db });
    const verify = await client.inject({ method: 'POST', url: '/api/incoming-keys/verify' });
    expect(verify.statusCode).toBe(400);
    expect(apiErrorSchema.parse(verify.json()).message).toMatch(/Paste the Client secret again/);
    const keep = await save(client, { ...keysOf(op), clientSecret: '' });
    expect(keep.statusCode).toBe(400);
    expect(fieldsOf(keep).clientSecret).toMatch(/Paste the Client secret again/);
    expect((await save(client, keysOf(op))).statusCode).toBe(200);
  });
});
