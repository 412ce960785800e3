import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSetupStatus, setupStatus } from '../../shared/api/setup-status';
import { expectContractAnswer } from '../../testing/contract-answer';
import { SignInEvents } from '../services/end-user-auth-events';
import { type Console, startConsole } from './licence-fixtures';

let c: Console;
beforeAll(async () => {
  c = await startConsole();
});
afterAll(() => c.close());

async function status() {
  const response = await c.admin.inject({ method: 'GET', url: '/api/setup-status' });
  expectContractAnswer(getSetupStatus, response);
  return setupStatus.parse(response.json());
}

describe('GET /api/setup-status', () => {
  it('follows the four steps as they happen', async () => {
    expect(await status()).toEqual({
      incomingKeys: false,
      scimRequest: false,
      groupMapped: false,
      personSignedIn: false,
    });

    // Saving keys checks them with a real issuer (incoming-keys.test.ts); the stored row is
    // what this step reads, so it is written directly here.
    const now = new Date().toISOString();
    await c.harness.db
      .insertInto('incoming_keys')
      .values({
        id: 1,
        client_id: '0oa1',
        client_secret_ciphertext: 'x',
        issuer_uri: 'https://acme.okta.com',
        server_kind: 'org',
        domain_kind: 'okta',
        token_endpoint_auth_method: 'client_secret_basic',
        discovery_json: '{}',
        secret_set_at: now,
        verified_at: now,
        updated_at: now,
        updated_by: 'ada@example.test',
      })
      .execute();
    expect(await status()).toMatchObject({ incomingKeys: true, scimRequest: false });

    const ada = await c.pushUser('ada@acme.com');
    expect(await status()).toMatchObject({ scimRequest: true, groupMapped: false });

    // A mapping waiting for its group is not a mapped group yet.
    const waiting = await c.admin.inject({
      method: 'POST',
      url: '/api/directory-groups',
      payload: { groupName: 'Engineering', capability: 'pro', addAnyway: true },
    });
    expect(waiting.statusCode, waiting.body).toBe(201);
    expect((await status()).groupMapped).toBe(false);
    await c.pushGroup('Engineering', [ada]);
    expect((await status()).groupMapped).toBe(true);

    const events = new SignInEvents(c.harness.db);
    await events.record({ login: 'bob@acme.com', outcome: 'refused', reason: 'not_provisioned' });
    expect((await status()).personSignedIn).toBe(false);
    await events.record({ login: 'ada@acme.com', outcome: 'signed_in', reason: null, userId: ada });
    expect(await status()).toEqual({
      incomingKeys: true,
      scimRequest: true,
      groupMapped: true,
      personSignedIn: true,
    });
  });

  it('needs a session', async () => {
    const response = await c.harness.app.inject({ method: 'GET', url: '/api/setup-status' });
    expect(response.statusCode).toBe(401);
  });
});
