/**
 * Requests that race: Okta retrying a create, membership updates in parallel, two admins saving
 * the incoming keys at the same moment. The server must end in one consistent state each time.
 */
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OktaStandIn, startOktaStandIn } from '../../testing/okta-stand-in';
import { type Harness, type SignedInClient, startHarness } from '../../testing/server-harness';
import { oktaUser, scimClient } from '../http/scim/testing';
import { AccessKeysService } from '../services/access-keys';
import { SecretBox } from '../services/crypto';
import { hashPassword } from '../services/passwords';

const SECRET_KEY = randomBytes(32).toString('hex');
let harness: Harness;
let key: string;

beforeAll(async () => {
  harness = await startHarness({ env: { ALLOW_HTTP_LOOPBACK_ISSUER: '1', SECRET_KEY } });
  key = (await new AccessKeysService(harness.db).create('ada@example.test')).secret;
});
afterAll(() => harness.close());

function scim(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) {
  return scimClient(harness.app, key)(method, url, body);
}

const statuses = (responses: LightMyRequestResponse[]) =>
  responses.map((r) => r.statusCode).sort((a, b) => a - b);

describe('50 concurrent creates of one user', () => {
  it('make exactly one user: one 201 and 49 × 409 uniqueness', async () => {
    // Okta's own tests vary the letter case; userName is unique whatever the case.
    const names = Array.from({ length: 50 }, (_, i) =>
      i % 2 ? 'race.user@acme.com' : 'RACE.User@acme.com',
    );
    const responses = await Promise.all(names.map((n) => scim('POST', '/Users', oktaUser(n))));
    expect(statuses(responses)).toEqual([201, ...Array(49).fill(409)]);
    for (const r of responses.filter((r) => r.statusCode === 409)) {
      expect(r.json()).toMatchObject({ status: '409', scimType: 'uniqueness' });
    }
    const found = await scim('GET', '/Users?filter=userName%20eq%20%22race.user%40acme.com%22');
    expect(found.json()).toMatchObject({ totalResults: 1 });
    const rows = await harness.db
      .selectFrom('scim_users')
      .select('id')
      .where('user_name_key', '=', 'race.user@acme.com')
      .execute();
    expect(rows).toHaveLength(1);
  });
});

describe('concurrent membership PATCHes on one group', () => {
  it('lose no member: every add lands, every remove sticks', async () => {
    const created = await Promise.all(
      Array.from({ length: 60 }, (_, i) => scim('POST', '/Users', oktaUser(`m${i}@acme.com`))),
    );
    const ids = created.map((r) => (r.json() as { id: string }).id);
    const group = await scim('POST', '/Groups', { displayName: 'Racers', members: [] });
    const groupId = (group.json() as { id: string }).id;
    // The first 20 start in the group; 20 requests each remove one of them and add a newcomer,
    // and 20 more only add, each with Okta's path-less rename in the same request.
    const seeded = await scim('PATCH', `/Groups/${groupId}`, {
      Operations: [
        { op: 'add', path: 'members', value: ids.slice(0, 20).map((value) => ({ value })) },
      ],
    });
    expect(seeded.statusCode).toBe(204);
    const patches = ids.slice(20).map((value, i) => {
      const Operations: unknown[] = [
        { op: 'replace', value: { id: groupId, displayName: 'Racers' } },
        { op: 'add', path: 'members', value: [{ value, display: `m${i + 20}@acme.com` }] },
      ];
      if (i < 20) Operations.push({ op: 'remove', path: `members[value eq "${ids[i]}"]` });
      return scim('PATCH', `/Groups/${groupId}`, { schemas: [], Operations });
    });
    const answers = await Promise.all(patches);
    expect(new Set(answers.map((a) => a.statusCode))).toEqual(new Set([204]));

    const after = await scim('GET', `/Groups/${groupId}`);
    const members = (after.json() as { members: Array<{ value: string }> }).members.map(
      (m) => m.value,
    );
    expect(members.sort()).toEqual(ids.slice(20).sort());
  });
});

describe('two admins saving the incoming keys at once', () => {
  let a: OktaStandIn;
  let b: OktaStandIn;
  let ada: SignedInClient;
  let grace: SignedInClient;

  beforeAll(async () => {
    const redirectUris = ['http://localhost:3000/auth/okta/callback'];
    a = await startOktaStandIn({
      clientId: '0oaRaceA',
      clientSecret: 'race-secret-a-0123',
      redirectUris,
    });
    b = await startOktaStandIn({
      clientId: '0oaRaceB',
      clientSecret: 'race-secret-b-4567',
      pathPrefix: '/oauth2/default',
      redirectUris,
    });
    await harness.db
      .insertInto('admins')
      .values({
        email: 'grace@example.test',
        password_hash: await hashPassword('another admin password'),
        created_at: new Date().toISOString(),
      })
      .execute();
    ada = await harness.session();
    grace = await harness.signIn({
      email: 'grace@example.test',
      password: 'another admin password',
    });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  const keysOf = (op: OktaStandIn, secret = op.clientSecret) => ({
    clientId: op.clientId,
    clientSecret: secret,
    issuerUri: op.issuer,
  });
  const save = (client: SignedInClient, body: object) =>
    client.inject({ method: 'PUT', url: '/api/incoming-keys', payload: body });

  it('leave one row whose client id, issuer, secret and author all come from one save', async () => {
    const box = new SecretBox(Buffer.from(SECRET_KEY, 'hex'));
    expect((await save(ada, keysOf(a))).statusCode).toBe(200);
    for (let round = 0; round < 12; round++) {
      const stored = await harness.db
        .selectFrom('incoming_keys')
        .select('client_id')
        .executeTakeFirstOrThrow();
      const [current, other] = stored.client_id === a.clientId ? [a, b] : [b, a];
      // Both admins at once, several times: some move to the other connection, some re-save the
      // stored one keeping its secret (an empty field), some paste it again.
      const sent = Array.from({ length: 10 }, (_, i) => ({
        admin: i % 2 ? ada : grace,
        op: i % 3 === 0 ? other : current,
        keep: i % 3 === 1,
      }));
      const answers = await Promise.all(
        sent.map((s) => save(s.admin, keysOf(s.op, s.keep ? '' : s.op.clientSecret))),
      );
      for (const answer of answers) expect([200, 400]).toContain(answer.statusCode);

      const rows = await harness.db.selectFrom('incoming_keys').selectAll().execute();
      expect(rows).toHaveLength(1);
      const row = rows[0] as (typeof rows)[number];
      const op = [a, b].find((o) => o.clientId === row.client_id);
      if (!op) throw new Error(`unknown client id ${row.client_id}`);
      expect(row.issuer_uri).toBe(op.issuer);
      expect(box.open(row.client_secret_ciphertext)).toBe(op.clientSecret);
      expect(JSON.parse(row.discovery_json)).toMatchObject({
        token_endpoint: expect.stringContaining(op.issuer),
      });
      // Some save answered 200 by this row's author sent exactly this connection.
      const writers = sent.filter(
        (s, i) =>
          answers[i]?.statusCode === 200 &&
          s.op === op &&
          s.admin.session.admin.email === row.updated_by,
      );
      expect(writers.length).toBeGreaterThan(0);

      const verified = await ada.inject({ method: 'POST', url: '/api/incoming-keys/verify' });
      expect(verified.statusCode).toBe(200);
    }
  });
});
