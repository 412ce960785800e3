/**
 * "Verify now" asks Okta outside any transaction. A Save that lands between Okta's answer and the
 * verify's write must win: the verify stores nothing over the newer keys, answers them as stored,
 * and its audit entry says the keys changed while it was asking.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLogPage } from '../../shared/api/activity';
import { incomingKeysView } from '../../shared/api/incoming-keys';
import {
  discoveryDocument,
  type LoopbackServer,
  sendJson,
  startLoopbackServer,
} from '../../testing/loopback-server';
import { type Harness, type SignedInClient, startHarness } from '../../testing/server-harness';

const WELL_KNOWN = '/.well-known/openid-configuration';

/**
 * A provider whose token endpoint accepts the client pair (invalid_grant for the made-up code),
 * and, once `hold()` is called, keeps the next answer until the test lets it go.
 */
async function provider(methods: string[]) {
  let held: { reached: () => void; release: Promise<void> } | undefined;
  const server = await startLoopbackServer((req, res, origin) => {
    if (req.url === WELL_KNOWN) {
      const doc = discoveryDocument(origin);
      return sendJson(res, 200, { ...doc, token_endpoint_auth_methods_supported: methods });
    }
    const gate = held;
    held = undefined;
    gate?.reached();
    void (gate?.release ?? Promise.resolve()).then(() =>
      sendJson(res, 400, { error: 'invalid_grant' }),
    );
  });
  return {
    server,
    /** The next token request waits: `reached` resolves when it arrives, `release` answers it. */
    hold() {
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const reached = new Promise<void>((resolve) => {
        held = { reached: resolve, release: released };
      });
      return { reached, release };
    },
  };
}

let harness: Harness;
let admin: SignedInClient;
const servers: LoopbackServer[] = [];
beforeEach(async () => {
  harness = await startHarness({ env: { ALLOW_HTTP_LOOPBACK_ISSUER: '1' } });
  admin = await harness.session();
});
afterEach(async () => {
  await harness.close();
  for (const s of servers.splice(0)) await s.close();
});

async function save(clientId: string, clientSecret: string, issuerUri: string) {
  const response = await admin.inject({
    method: 'PUT',
    url: '/api/incoming-keys',
    payload: { clientId, clientSecret, issuerUri },
  });
  expect(response.statusCode, response.body).toBe(200);
  return incomingKeysView.parse(response.json());
}

const verify = () => admin.inject({ method: 'POST', url: '/api/incoming-keys/verify' });
const storedRow = () =>
  harness.db.selectFrom('incoming_keys').selectAll().executeTakeFirstOrThrow();

async function verifiedEntries() {
  const page = await admin.inject({ method: 'GET', url: '/api/audit?kind=incoming_keys_verified' });
  return auditLogPage.parse(page.json()).entries;
}

describe('"Verify now" racing a Save', () => {
  it('keeps the keys saved while Okta was being asked about the previous ones', async () => {
    const a = await provider(['client_secret_post']);
    const b = await provider(['client_secret_basic']);
    servers.push(a.server, b.server);
    await save('0oaClientA', 'secret-a-0123456789', a.server.origin);

    // Verify reaches A's token endpoint; before A answers, the admin saves B.
    const gate = a.hold();
    const verifying = verify();
    await gate.reached;
    const saved = await save('0oaClientB', 'secret-b-0123456789', b.server.origin);
    const afterSave = await storedRow();
    gate.release();
    const response = await verifying;

    expect(response.statusCode, response.body).toBe(200);
    expect(incomingKeysView.parse(response.json())).toEqual(saved);
    const row = await storedRow();
    expect(row).toEqual(afterSave);
    expect(row).toMatchObject({
      client_id: '0oaClientB',
      issuer_uri: b.server.origin,
      token_endpoint_auth_method: 'client_secret_basic',
    });
    expect(JSON.parse(row.discovery_json)).toMatchObject({
      token_endpoint: `${b.server.origin}/v1/token`,
    });

    const [entry] = await verifiedEntries();
    expect(entry?.summary).toMatch(/changed while Okta was asked/);
    expect(entry?.details).toMatchObject({
      keysChanged: true,
      clientId: '0oaClientA',
      issuerUri: a.server.origin,
    });

    // Without a Save in between, "Verify now" stores again.
    const again = incomingKeysView.parse((await verify()).json());
    expect(again.configured && again.verifiedAt > row.verified_at).toBe(true);
    expect((await verifiedEntries())[0]?.summary).toBe(
      'Verified the incoming Okta keys: they work',
    );
  });

  it('does not stamp a new secret of the same client with a check of the old one', async () => {
    const a = await provider(['client_secret_basic']);
    servers.push(a.server);
    await save('0oaClientA', 'secret-a-0123456789', a.server.origin);
    const gate = a.hold();
    const verifying = verify();
    await gate.reached;
    await save('0oaClientA', 'secret-a-new-987654321', a.server.origin);
    const afterSave = await storedRow();
    gate.release();
    expect((await verifying).statusCode).toBe(200);
    expect(await storedRow()).toEqual(afterSave);
    expect((await verifiedEntries())[0]?.details).toMatchObject({ keysChanged: true });
  });
});
