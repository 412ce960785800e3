/**
 * An admin change and its audit entry are stored together or not at all: when the audit entry
 * cannot be written, the change is not kept and the admin is told it failed.
 */

import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { accessKeyList } from '../../shared/api/access-keys';
import { type AuditKind, auditLogPage } from '../../shared/api/activity';
import { directoryGroupList } from '../../shared/api/directory-groups';
import { apiErrorSchema } from '../../shared/api/errors';
import { incomingKeysView } from '../../shared/api/incoming-keys';
import { breakInserts, mendInserts } from '../../testing/db-introspect';
import { type OktaStandIn, startOktaStandIn } from '../../testing/okta-stand-in';
import {
  type Harness,
  type SignedInClient,
  startHarness,
  TEST_ADMIN,
} from '../../testing/server-harness';
import { type ActivityRig, deactivate, startActivityRig } from './activity-fixtures';

const CLIENT_SECRET = 'Vb7-atomic-client-secret-Tq2x';
const FAILURE = 'audit entry refused by the test';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function server(env: Record<string, string> = {}) {
  const harness = await startHarness({ env: { ALLOW_HTTP_LOOPBACK_ISSUER: '1', ...env } });
  open.push(harness);
  return { harness, admin: await harness.session() };
}

/** From now on every insert into the audit log fails, as a full disk or a lock would. */
const breakAudit = (harness: Harness) => breakInserts(harness.db, 'audit_log', FAILURE);
const mendAudit = (harness: Harness) => mendInserts(harness.db, 'audit_log');

/** The answer a client sees when the change could not be stored: the usual shape, no internals. */
function expectFailed(response: LightMyRequestResponse, ...secrets: string[]) {
  expect(response.statusCode, response.body).toBe(500);
  const body = apiErrorSchema.parse(response.json());
  expect(body.code).toBe('internal');
  for (const hidden of [FAILURE, 'audit_log', 'SQLITE', 'trigger', ...secrets]) {
    expect(response.body).not.toContain(hidden);
  }
  expect(response.headers['set-cookie']).toBeUndefined();
}

async function get(admin: SignedInClient, url: string) {
  const response = await admin.inject({ method: 'GET', url });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function auditKinds(admin: SignedInClient, kind: AuditKind) {
  return auditLogPage.parse(await get(admin, `/api/audit?kind=${kind}`)).entries;
}

describe('an admin change whose audit entry cannot be written', () => {
  it('leaves a group mapping added, changed or removed as it was', async () => {
    const { harness, admin } = await server();
    const groups = async () => directoryGroupList.parse(await get(admin, '/api/directory-groups'));
    const add = (groupName: string) =>
      admin.inject({
        method: 'POST',
        url: '/api/directory-groups',
        payload: { groupName, capability: 'basic', addAnyway: true },
      });
    const mapped = await add('Engineering');
    expect(mapped.statusCode).toBe(201);
    const id = mapped.json().id as number;
    const change = () =>
      admin.inject({
        method: 'PATCH',
        url: `/api/directory-groups/${id}`,
        payload: { capability: 'pro' },
      });
    const remove = () => admin.inject({ method: 'DELETE', url: `/api/directory-groups/${id}` });

    await breakAudit(harness);
    expectFailed(await change());
    expectFailed(await add('Sales'));
    expectFailed(await remove());
    const after = await groups();
    expect(after.groups.map((g) => [g.name, g.capability])).toEqual([['Engineering', 'basic']]);
    expect(await auditKinds(admin, 'group_mapping_changed')).toEqual([]);

    await mendAudit(harness);
    expect((await change()).statusCode).toBe(200);
    expect((await groups()).groups[0]?.capability).toBe('pro');
    const [changed] = await auditKinds(admin, 'group_mapping_changed');
    expect(changed).toMatchObject({
      actor: TEST_ADMIN.email,
      details: { mappingId: id, capabilityBefore: 'basic', capabilityAfter: 'pro' },
    });
    expect((await remove()).statusCode).toBe(204);
    expect((await groups()).groups).toEqual([]);
    expect(await auditKinds(admin, 'group_mapping_removed')).toHaveLength(1);
  });

  it('creates no access key and revokes none', async () => {
    const { harness, admin } = await server();
    const keys = async () => accessKeyList.parse(await get(admin, '/api/access-keys')).keys;
    const create = () => admin.inject({ method: 'POST', url: '/api/access-keys' });
    const first = await create();
    expect(first.statusCode).toBe(201);
    const firstId = first.json().key.id as number;
    const revoke = () => admin.inject({ method: 'DELETE', url: `/api/access-keys/${firstId}` });

    await breakAudit(harness);
    const refused = await create();
    expectFailed(refused, first.json().secret);
    expectFailed(await revoke());
    expect((await keys()).map((k) => [k.id, k.active])).toEqual([[firstId, true]]);

    await mendAudit(harness);
    const second = await create();
    expect(second.statusCode).toBe(201);
    expect((await revoke()).statusCode).toBe(204);
    const listed = await keys();
    expect(listed.map((k) => [k.id, k.active])).toEqual([
      [second.json().key.id, true],
      [firstId, false],
    ]);
    expect((await auditKinds(admin, 'access_key_created')).map((e) => e.details.keyId)).toEqual([
      second.json().key.id,
      firstId,
    ]);
    expect((await auditKinds(admin, 'access_key_revoked')).map((e) => e.details.keyId)).toEqual([
      firstId,
    ]);
  });

  it('does not store the incoming keys, and keeps the secret out of the answer and the log', async () => {
    const { harness, admin } = await server();
    const op: OktaStandIn = await startOktaStandIn({ clientSecret: CLIENT_SECRET });
    open.push(op);
    const keys = { clientId: op.clientId, clientSecret: CLIENT_SECRET, issuerUri: op.issuer };
    const save = () => admin.inject({ method: 'PUT', url: '/api/incoming-keys', payload: keys });

    await breakAudit(harness);
    expectFailed(await save(), CLIENT_SECRET);
    expect(incomingKeysView.parse(await get(admin, '/api/incoming-keys'))).toEqual({
      configured: false,
    });
    expect(harness.logText()).not.toContain(CLIENT_SECRET);

    await mendAudit(harness);
    const saved = await save();
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await get(admin, '/api/incoming-keys')).toMatchObject({
      configured: true,
      clientId: op.clientId,
    });
    const [entry] = await auditKinds(admin, 'incoming_keys_saved');
    expect(entry).toMatchObject({
      summary: 'Set up the incoming Okta keys',
      details: { clientId: op.clientId, secretChanged: true },
    });
    expect(harness.logText()).not.toContain(CLIENT_SECRET);
  });

  it('keeps the last verified time of "Verify now"; a failed check is still answered', async () => {
    const { harness, admin } = await server();
    const op: OktaStandIn = await startOktaStandIn({ clientSecret: CLIENT_SECRET });
    open.push(op);
    const keys = { clientId: op.clientId, clientSecret: CLIENT_SECRET, issuerUri: op.issuer };
    const saved = await admin.inject({ method: 'PUT', url: '/api/incoming-keys', payload: keys });
    expect(saved.statusCode, saved.body).toBe(200);
    const verifiedAt = () =>
      get(admin, '/api/incoming-keys').then((v) => (v as { verifiedAt: string }).verifiedAt);
    const before = await verifiedAt();
    const verify = () => admin.inject({ method: 'POST', url: '/api/incoming-keys/verify' });

    await breakAudit(harness);
    expectFailed(await verify(), CLIENT_SECRET);
    expect(await verifiedAt()).toBe(before);
    await op.close();
    const refused = await verify();
    expect(refused.statusCode, refused.body).toBe(400);
    expect(apiErrorSchema.parse(refused.json()).fields?.issuerUri).toMatch(/^Nothing there/);
    const warned = harness.logLines().filter((l) => l.event === 'audit.not_recorded');
    expect(warned).toMatchObject([{ level: 40, kind: 'incoming_keys_verified' }]);
    expect(harness.logText()).not.toContain(CLIENT_SECRET);

    await mendAudit(harness);
    expect((await verify()).statusCode).toBe(400);
    const [entry] = await auditKinds(admin, 'incoming_keys_verified');
    expect(entry).toMatchObject({ actor: TEST_ADMIN.email, details: { works: false } });
    expect(await auditKinds(admin, 'incoming_keys_verified')).toHaveLength(1);
  });

  it('neither signs the admin in nor out', async () => {
    const { harness, admin } = await server();
    await breakAudit(harness);
    const signIn = await harness.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: TEST_ADMIN,
    });
    expectFailed(signIn, TEST_ADMIN.password);
    expectFailed(await admin.inject({ method: 'DELETE', url: '/api/session' }));
    expect(await get(admin, '/api/session')).toMatchObject({ signedIn: true });
    expect(harness.logText()).not.toContain(TEST_ADMIN.password);

    await mendAudit(harness);
    const signedIn = await harness.signIn();
    expect((await signedIn.inject({ method: 'DELETE', url: '/api/session' })).statusCode).toBe(204);
    expect(await get(signedIn, '/api/session')).toEqual({ signedIn: false });
    expect(await auditKinds(admin, 'admin_sign_in')).toHaveLength(1);
    expect(await auditKinds(admin, 'admin_sign_out')).toHaveLength(1);
  });
});

describe('undoing a deprovisioning burst whose audit entry cannot be written', () => {
  let rig: ActivityRig;
  afterEach(() => rig.close());

  it('reactivates nobody', async () => {
    rig = await startActivityRig({ env: { DEPROVISIONING_MIN_BURST: '1' } });
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c', 'd']) {
      const created = await rig.scim('POST', '/Users', { userName: `${name}@acme.com` });
      ids.push(created.json().id);
    }
    await rig.scim('PATCH', `/Users/${ids[0]}`, deactivate);
    const [burst] = (await rig.get('/api/sync-health')).json().openBursts;
    expect(burst).toBeDefined();
    const undo = () =>
      rig.admin.inject({
        method: 'POST',
        url: `/api/deprovisioning-bursts/${burst.id}/reactivate`,
      });

    await breakAudit(rig.harness);
    expectFailed(await undo());
    expect((await rig.scim('GET', `/Users/${ids[0]}`)).json().active).toBe(false);
    expect((await rig.get('/api/sync-health')).json().openBursts).toHaveLength(1);

    await mendAudit(rig.harness);
    expect((await undo()).statusCode).toBe(200);
    expect((await rig.scim('GET', `/Users/${ids[0]}`)).json().active).toBe(true);
    expect(await rig.audit('kind=users_reactivated')).toMatchObject({ total: 1 });
  });
});
