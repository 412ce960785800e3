/** An in-process server with a SCIM access key and a signed-in admin, for the activity tests. */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import {
  type AuditLogPage,
  auditLogPage,
  type ProvisioningActivityPage,
  type ProvisioningEntry,
  provisioningActivityPage,
} from '../../shared/api/activity';
import {
  type Harness,
  type HarnessOptions,
  type SignedInClient,
  startHarness,
} from '../../testing/server-harness';
import { scimClient } from '../http/scim/testing';
import { AccessKeysService } from '../services/access-keys';

export const PATCH_OP = ['urn:ietf:params:scim:api:messages:2.0:PatchOp'];
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ActivityRig {
  harness: Harness;
  admin: SignedInClient;
  /** The SCIM access key, to look for where it must not appear. */
  key: string;
  scim(method: Method, path: string, body?: unknown): Promise<LightMyRequestResponse>;
  /** GET an admin API path, expecting 200. */
  get(url: string): Promise<LightMyRequestResponse>;
  activity(query?: string): Promise<ProvisioningActivityPage>;
  latest(): Promise<ProvisioningEntry>;
  audit(query?: string): Promise<AuditLogPage>;
  close(): Promise<void>;
}

export async function startActivityRig(options: HarnessOptions = {}): Promise<ActivityRig> {
  const harness = await startHarness(options);
  const admin = await harness.session();
  const { secret: key } = await new AccessKeysService(harness.db).create('ada@example.test');
  const scim: ActivityRig['scim'] = scimClient(harness.app, key);
  const get = async (url: string) => {
    const response = await admin.inject({ method: 'GET', url });
    expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
    return response;
  };
  const activity = async (query = '') =>
    provisioningActivityPage.parse((await get(`/api/activity/provisioning?${query}`)).json());
  return {
    harness,
    admin,
    key,
    scim,
    get,
    activity,
    latest: async () => {
      const entry = (await activity('pageSize=1')).entries[0];
      if (!entry) throw new Error('no provisioning entry yet');
      return entry;
    },
    audit: async (query = '') => auditLogPage.parse((await get(`/api/audit?${query}`)).json()),
    close: () => harness.close(),
  };
}

/** Okta's assignment of a user: the lookup by userName, then the create. Returns the user. */
export async function assignUser(rig: ActivityRig, userName: string, body: object) {
  const filter = `userName%20eq%20%22${encodeURIComponent(userName)}%22`;
  await rig.scim('GET', `/Users?filter=${filter}&startIndex=1&count=100`);
  const created = await rig.scim('POST', '/Users', body);
  expect(created.statusCode, created.body).toBe(201);
  return created.json() as { id: string; userName: string };
}

export const deactivate = {
  schemas: PATCH_OP,
  Operations: [{ op: 'replace', value: { active: false } }],
};
export const reactivate = {
  schemas: PATCH_OP,
  Operations: [{ op: 'replace', value: { active: true } }],
};

/** Every text of every table, to search for values that must never be stored. */
export async function dumpDatabase(harness: Harness): Promise<string> {
  const { sql } = await import('kysely');
  const { tableNames } = await import('../../testing/db-introspect');
  let dump = '';
  for (const name of await tableNames(harness.db)) {
    const rows = await sql`select * from ${sql.table(name)}`.execute(harness.db);
    dump += `${name}\n${JSON.stringify(rows.rows)}\n`;
  }
  return dump;
}
