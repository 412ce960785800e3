/** A console in-process with an admin client and Okta's SCIM pushes, for licence tests. */

import {
  type Harness,
  type HarnessOptions,
  type SignedInClient,
  startHarness,
} from '../../testing/server-harness';
import { oktaUser, scimClient } from '../http/scim/testing';
import { AccessKeysService } from '../services/access-keys';

const PATCH_OP = ['urn:ietf:params:scim:api:messages:2.0:PatchOp'];

export interface Console {
  harness: Harness;
  admin: SignedInClient;
  scim(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: { id: string } | undefined }>;
  pushUser(userName: string, extra?: Record<string, unknown>): Promise<string>;
  pushGroup(displayName: string, memberIds?: string[]): Promise<string>;
  addMembers(groupId: string, memberIds: string[]): Promise<void>;
  renameGroup(groupId: string, displayName: string): Promise<void>;
  deleteGroup(groupId: string): Promise<void>;
  setActive(userId: string, active: boolean): Promise<void>;
  close(): Promise<void>;
}

export async function startConsole(
  env: Record<string, string> = {},
  options: Omit<HarnessOptions, 'env'> = {},
): Promise<Console> {
  const harness = await startHarness({ env, ...options });
  const admin = await harness.session();
  const { secret } = await new AccessKeysService(harness.db).create('ada@example.test');
  const send = scimClient(harness.app, secret);
  const scim: Console['scim'] = async (method, path, body) => {
    const response = await send(method as 'GET', path, body);
    if (response.statusCode >= 300) {
      throw new Error(`SCIM ${method} ${path} answered ${response.statusCode}: ${response.body}`);
    }
    return { status: response.statusCode, json: response.body ? response.json() : undefined };
  };
  const patch = (path: string, Operations: unknown[]) =>
    scim('PATCH', path, { schemas: PATCH_OP, Operations });
  return {
    harness,
    admin,
    scim,
    async pushUser(userName, extra = {}) {
      return (await scim('POST', '/Users', oktaUser(userName, extra))).json?.id ?? '';
    },
    async pushGroup(displayName, memberIds = []) {
      const members = memberIds.map((value) => ({ value }));
      return (await scim('POST', '/Groups', { displayName, members })).json?.id ?? '';
    },
    async addMembers(groupId, memberIds) {
      await patch(`/Groups/${groupId}`, [
        { op: 'add', path: 'members', value: memberIds.map((value) => ({ value })) },
      ]);
    },
    async renameGroup(groupId, displayName) {
      await patch(`/Groups/${groupId}`, [{ op: 'replace', value: { id: groupId, displayName } }]);
    },
    async deleteGroup(groupId) {
      await scim('DELETE', `/Groups/${groupId}`);
    },
    async setActive(userId, active) {
      await patch(`/Users/${userId}`, [{ op: 'replace', value: { active } }]);
    },
    close: () => harness.close(),
  };
}
