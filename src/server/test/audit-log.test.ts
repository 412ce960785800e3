import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/api/activity';
import { type OktaStandIn, startOktaStandIn } from '../../testing/okta-stand-in';
import type { SignedInClient } from '../../testing/server-harness';
import { oktaUser } from '../http/scim/testing';
import {
  type ActivityRig,
  assignUser,
  deactivate,
  dumpDatabase,
  startActivityRig,
} from './activity-fixtures';

const CLIENT_SECRET = 'Qz8-audit-client-secret-Wm3v';
const NEW_SECRET = 'Rt5-audit-rotated-secret-Kp9d';
const ADMIN = { email: 'Grace@Example.test', password: 'Audit-admin-password-Xy7q' };
const WRONG_PASSWORD = 'Typed-wrong-password-Zu2w';
const OKTA_PASSWORD = 'Okta-random-user-password-Bn4m';
const EXTENSION_PASSWORD = 'Extension-password-Hh6t';
const EXTENSION = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';

let rig: ActivityRig;
let op: OktaStandIn;
let admin: SignedInClient;
let createdKey: string;
const answers: LightMyRequestResponse[] = [];

async function keep(response: Promise<LightMyRequestResponse>) {
  const r = await response;
  answers.push(r);
  return r;
}

const byKind = async (kind: string): Promise<AuditEntry[]> =>
  (await rig.audit(`kind=${kind}&pageSize=200`)).entries;

beforeAll(async () => {
  rig = await startActivityRig({ env: { ALLOW_HTTP_LOOPBACK_ISSUER: '1' }, admin: ADMIN });
  op = await startOktaStandIn({ clientSecret: CLIENT_SECRET });
  const { app } = rig.harness;

  await keep(
    app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'grace@example.test', password: WRONG_PASSWORD },
    }),
  );
  admin = await rig.harness.signIn(ADMIN);
  const keys = { clientId: op.clientId, clientSecret: CLIENT_SECRET, issuerUri: op.issuer };
  const put = (body: object) =>
    keep(admin.inject({ method: 'PUT', url: '/api/incoming-keys', payload: body }));
  expect((await put(keys)).statusCode).toBe(200);
  expect((await put({ ...keys, clientSecret: '' })).statusCode).toBe(200);
  expect((await put({ ...keys, clientSecret: CLIENT_SECRET })).statusCode).toBe(200);

  expect((await put({ ...keys, clientSecret: NEW_SECRET })).statusCode).toBe(400);
  const verify = () => keep(admin.inject({ method: 'POST', url: '/api/incoming-keys/verify' }));
  expect((await verify()).statusCode).toBe(200);

  // The key is shown once, in this answer only: it is not kept with the others.
  const created = await admin.inject({ method: 'POST', url: '/api/access-keys' });
  expect(created.statusCode).toBe(201);
  createdKey = created.json().secret;
  await keep(admin.inject({ method: 'DELETE', url: `/api/access-keys/${created.json().key.id}` }));

  // Okta pushes a group with a member; the admin maps it, changes it, removes it.
  const jane = await assignUser(
    rig,
    'jane@acme.com',
    oktaUser('jane@acme.com', {
      password: OKTA_PASSWORD,
      [EXTENSION]: { badge: '7', password: EXTENSION_PASSWORD },
    }),
  );
  await rig.scim('POST', '/Groups', { displayName: 'Engineering', members: [{ value: jane.id }] });
  const mapped = await keep(
    admin.inject({
      method: 'POST',
      url: '/api/directory-groups',
      payload: { groupName: 'Engineering', capability: 'basic' },
    }),
  );
  expect(mapped.statusCode).toBe(201);
  const id = mapped.json().id;
  await keep(
    admin.inject({
      method: 'PATCH',
      url: `/api/directory-groups/${id}`,
      payload: { capability: 'pro' },
    }),
  );
  await keep(admin.inject({ method: 'DELETE', url: `/api/directory-groups/${id}` }));
  await keep(
    admin.inject({
      method: 'POST',
      url: '/api/directory-groups',
      payload: { groupName: 'Not Yet Pushed', capability: 'pro', addAnyway: true },
    }),
  );

  // End users refused: Okta started a sign-in with another issuer.
  await app.inject({
    method: 'GET',
    url: `/auth/okta?iss=${encodeURIComponent('https://other.okta.com')}&login_hint=jane%40acme.com`,
  });
  await rig.scim('PATCH', `/Users/${jane.id}`, deactivate);

  // Okta is gone: "Verify now" fails, and says why.
  await op.close();
  expect((await verify()).statusCode).toBe(400);

  await keep(admin.inject({ method: 'DELETE', url: '/api/session' }));
}, 30_000);

afterAll(async () => {
  await rig.close();
  await op.close();
});

describe('the admin audit log', () => {
  it('records sign-ins, a failed one with the typed email, and the sign-out', async () => {
    const failed = await byKind('admin_sign_in_failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      actor: 'grace@example.test',
      details: { email: 'grace@example.test' },
    });
    expect((await byKind('admin_sign_in')).map((e) => e.actor)).toEqual([ADMIN.email]);
    expect((await byKind('admin_sign_out')).map((e) => e.actor)).toEqual([ADMIN.email]);
  });

  it('records each save of the incoming keys, telling whether the secret changed', async () => {
    const saves = (await byKind('incoming_keys_saved')).reverse();
    expect(saves.map((e) => [e.actor, e.summary, e.details.secretChanged])).toEqual([
      [ADMIN.email, 'Set up the incoming Okta keys', true],
      [ADMIN.email, 'Saved the incoming Okta keys without changes', false],
      [ADMIN.email, 'Changed the incoming Okta keys: Client secret', true],
    ]);
    expect(saves[0]?.details).toMatchObject({ clientId: op.clientId, issuerUri: op.issuer });
  });

  it('records each "Verify now": who, and whether the keys work or why not', async () => {
    const checks = (await byKind('incoming_keys_verified')).reverse();
    expect(checks.map((e) => [e.actor, e.details.works])).toEqual([
      [ADMIN.email, true],
      [ADMIN.email, false],
    ]);
    const [works, fails] = checks;
    expect(works).toMatchObject({
      summary: 'Verified the incoming Okta keys: they work',
      details: { reason: null, clientId: op.clientId, issuerUri: op.issuer },
    });
    expect(fails?.summary).toMatch(/^Verified the incoming Okta keys: they do not work\. Nothing/);
    expect(fails?.details).toMatchObject({ clientId: op.clientId, issuerUri: op.issuer });
    expect(fails?.details.reason).toMatch(/^Nothing there: no server answered/);
  });

  it('records access keys created and revoked by their shown prefix', async () => {
    const [created] = await byKind('access_key_created');
    const [revoked] = await byKind('access_key_revoked');
    const prefix = createdKey.slice(0, 17);
    expect(created).toMatchObject({ actor: ADMIN.email, details: { prefix } });
    expect(created?.summary).toBe(`Created the SCIM access key ${prefix}…`);
    expect(revoked).toMatchObject({ actor: ADMIN.email, details: { prefix } });
  });

  it('records group mappings added, changed (before and after) and removed', async () => {
    const added = (await byKind('group_mapping_added')).reverse();
    expect(added.map((e) => e.summary)).toEqual([
      'Mapped group Engineering to Basic',
      'Mapped group Not Yet Pushed to Pro (waiting for Okta to push it)',
    ]);
    const [changed] = await byKind('group_mapping_changed');
    expect(changed).toMatchObject({
      actor: ADMIN.email,
      summary: 'Changed group Engineering from Basic to Pro',
      details: { groupName: 'Engineering', capabilityBefore: 'basic', capabilityAfter: 'pro' },
    });
    const [removed] = await byKind('group_mapping_removed');
    expect(removed).toMatchObject({
      actor: ADMIN.email,
      details: { groupName: 'Engineering', capability: 'pro' },
    });
  });

  it('records end-user refusals with their reason', async () => {
    const [refused] = await byKind('end_user_refused');
    expect(refused).toMatchObject({
      actor: 'jane@acme.com',
      details: { reason: 'issuer_mismatch', login: 'jane@acme.com' },
    });
    expect(refused?.summary).toMatch(
      /^Refused the sign-in of jane@acme.com: Okta started the sign-in with another issuer/,
    );
  });

  it('filters by kind and by the start of the actor, newest first, paged', async () => {
    const all = await rig.audit('pageSize=200');
    expect(all.total).toBe(all.entries.length);
    expect(all.entries.map((e) => e.id)).toEqual(
      [...all.entries.map((e) => e.id)].sort((a, b) => b - a),
    );
    const grace = await rig.audit('actor=GRACE&pageSize=200');
    expect(grace.entries.length).toBeGreaterThan(5);
    expect(grace.entries.every((e) => e.actor.toLowerCase().startsWith('grace'))).toBe(true);
    const jane = await rig.audit('actor=jane');
    expect(jane.entries.map((e) => e.kind)).toEqual(['end_user_refused']);
    const page2 = await rig.audit('pageSize=2&page=2');
    expect(page2.entries.map((e) => e.id)).toEqual(all.entries.slice(2, 4).map((e) => e.id));
    const none = await rig.audit(`from=${new Date(Date.now() + 60_000).toISOString()}`);
    expect(none.total).toBe(0);
    const bad = await admin.inject({ method: 'GET', url: '/api/audit?kind=everything' });
    expect(bad.statusCode).toBe(401); // signed out at the end of the setup
    const fresh = await rig.harness.session();
    const refused = await fresh.inject({ method: 'GET', url: '/api/audit?kind=everything' });
    expect(refused.statusCode).toBe(400);
  });
});

describe('no secret is stored, exported or shown', () => {
  const secrets = () => ({
    'client secret': CLIENT_SECRET,
    'refused client secret': NEW_SECRET,
    'admin password': ADMIN.password,
    'wrong password': WRONG_PASSWORD,
    "Okta's user password": OKTA_PASSWORD,
    'a password in an extension': EXTENSION_PASSWORD,
    "the harness user's password": 'S3cr3t-Okta-Random-Password!',
    'SCIM access key': rig.key,
    'created access key': createdKey,
    'admin cookie': admin.cookieValue,
  });

  it('in no row of any table', async () => {
    const dump = await dumpDatabase(rig.harness);
    expect(dump).toContain('audit_log');
    expect(dump).toContain('jane@acme.com');
    expect(dump).toContain('badge'); // the extension is stored, without its password
    for (const [name, secret] of Object.entries(secrets())) {
      expect(dump.includes(secret), name).toBe(false);
    }
  });

  it('in no page, export or health answer of the activity API', async () => {
    const fresh = await rig.harness.session();
    let text = '';
    for (const url of [
      '/api/activity/provisioning?pageSize=200',
      '/api/activity/provisioning/export',
      '/api/activity/chart',
      '/api/audit?pageSize=200',
      '/api/sync-health',
    ]) {
      const response = await fresh.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      text += response.body;
    }
    for (const r of answers) text += r.body;
    expect(text).toContain('create_user');
    for (const [name, secret] of Object.entries(secrets())) {
      expect(text.includes(secret), name).toBe(false);
    }
  });
});
