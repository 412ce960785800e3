/**
 * The guarantee of issue 14, tried for real: the server from source as a child process, a burst of
 * SCIM writes over HTTP, a loopback receiver that fails about half its requests, SIGKILL in the
 * middle, a restart on the same DATA_DIR, and the deliveries left to finish. Then: every
 * acknowledged change has exactly one event, every event reached the receiver at least once with
 * one webhook-id, and each person's events arrived in order.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SourceServer, startSourceServer } from '../../testing/source-server';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver';
import { migrateToLatest, openDatabase } from '../db/database';
import { oktaUser } from '../http/scim/testing';
import { AccessKeysService } from '../services/access-keys';
import { loadSecretKey, SecretBox } from '../services/crypto';
import { WebhookEndpoints } from '../services/webhooks/endpoints';

let dataDir: string;
let key: string;
let secret: string;
let receiver: WebhookReceiver;
const running: SourceServer[] = [];
const ENV = {
  ADMIN_PASSWORD: 'events-crash-admin-pw',
  ALLOW_HTTP_LOOPBACK_ISSUER: '1',
  EVENTS_POLL_MS: '20',
  WEBHOOK_RETRY_BASE_MS: '20',
  WEBHOOK_RETRY_MAX_MS: '200',
  WEBHOOK_TIMEOUT_MS: '1000',
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'osc-events-crash-'));
  receiver = await startWebhookReceiver();
  receiver.answer = () => ({ status: Math.random() < 0.5 ? 500 : 200 });
  const db = openDatabase(dataDir);
  await migrateToLatest(db);
  key = (await new AccessKeysService(db).create('ada@example.test')).secret;
  const box = new SecretBox(loadSecretKey(undefined, dataDir));
  const created = await new WebhookEndpoints(db, box).create(
    {
      url: receiver.url,
      description: 'crash test',
      eventTypes: ['user.created', 'user.updated', 'user.deactivated'],
    },
    'ada@example.test',
  );
  secret = created.secret;
  await db.destroy();
});
afterAll(async () => {
  for (const server of running) await server.kill();
  await receiver.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start() {
  const server = await startSourceServer(dataDir, ENV);
  running.push(server);
  return server;
}

function scim(server: SourceServer, method: string, url: string, body?: unknown) {
  return fetch(`${server.origin}/scim/v2${url}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/scim+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** What the server acknowledged (2xx): the expected event of each change, by a unique mark. */
interface Acked {
  created: Set<string>;
  /** displayName set by an acknowledged PATCH → user id */
  updated: Map<string, string>;
  deactivated: Set<string>;
}

async function burst(server: SourceServer, killAfter: number): Promise<Acked> {
  const acked: Acked = { created: new Set(), updated: new Map(), deactivated: new Set() };
  const users: string[] = [];
  let n = 0;
  let killed = false;
  const write = async (i: number) => {
    const user = users[i % Math.max(users.length, 1)];
    if (i % 5 === 3 && user && !acked.deactivated.has(user)) {
      const displayName = `Renamed ${i}`;
      const r = await scim(server, 'PATCH', `/Users/${user}`, {
        Operations: [{ op: 'replace', path: 'displayName', value: displayName }],
      });
      if (r.ok) acked.updated.set(displayName, user);
    } else if (i % 11 === 7 && user && !acked.deactivated.has(user)) {
      acked.deactivated.add(user); // claimed before sending: never deactivated twice
      const r = await scim(server, 'PATCH', `/Users/${user}`, {
        Operations: [{ op: 'replace', value: { active: false } }],
      });
      if (!r.ok) acked.deactivated.delete(user);
    } else {
      const r = await scim(server, 'POST', '/Users', oktaUser(`burst.${i}@acme.com`));
      if (r.status === 201) {
        const { id } = (await r.json()) as { id: string };
        acked.created.add(id);
        users.push(id);
      }
    }
  };
  const worker = async () => {
    while (!killed) {
      const i = n++;
      await write(i).catch(() => undefined); // the connection died with the process
      if (acked.created.size + acked.updated.size >= killAfter && !killed) {
        killed = true;
        await server.kill();
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return acked;
}

function readEvents() {
  const sqlite = new SQLite(path.join(dataDir, 'okta-sso-console.sqlite'), { readonly: true });
  const events = sqlite
    .prepare('select seq, id, type, subject_user_id as user, data from events order by seq')
    .all() as Array<{ seq: number; id: string; type: string; user: string; data: string }>;
  const pending = sqlite
    .prepare("select count(*) as n from webhook_deliveries where status <> 'delivered'")
    .get() as { n: number };
  sqlite.close();
  return { events, pending: pending.n };
}

describe('events across a SIGKILL with a receiver that fails half the time', () => {
  it('keeps exactly one event per acknowledged change and delivers each, in order per person', async () => {
    const first = await start();
    const acked = await burst(first, 120);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acked.created.size).toBeGreaterThan(60);

    const second = await start();
    const deadline = Date.now() + 40_000;
    let state = readEvents();
    while (state.pending > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      state = readEvents();
    }
    expect(state.pending).toBe(0);
    const { events } = state;

    // Exactly one event per acknowledged change (and at most one for the unanswered ones).
    const count = (pred: (e: (typeof events)[number]) => boolean) => events.filter(pred).length;
    for (const id of acked.created) {
      expect(
        count((e) => e.type === 'user.created' && e.user === id),
        id,
      ).toBe(1);
    }
    for (const [displayName, id] of acked.updated) {
      const n = count(
        (e) =>
          e.type === 'user.updated' &&
          e.user === id &&
          (JSON.parse(e.data) as { user: { displayName: string } }).user.displayName ===
            displayName,
      );
      expect(n, displayName).toBe(1);
    }
    for (const id of acked.deactivated) {
      expect(
        count((e) => e.type === 'user.deactivated' && e.user === id),
        id,
      ).toBeLessThanOrEqual(1);
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);

    // Delivered at least once, every attempt with the event's id as webhook-id and a valid signature.
    const wh = new Webhook(secret);
    const firstOk = new Map<string, number>();
    receiver.received.forEach((r, index) => {
      const body = wh.verify(r.body, r.headers) as { id: string };
      expect(body.id).toBe(r.id);
      if (r.status === 200 && !firstOk.has(r.id)) firstOk.set(r.id, index);
    });
    const failures = receiver.received.filter((r) => r.status !== 200).length;
    expect(failures).toBeGreaterThan(10);
    for (const e of events) expect(firstOk.has(e.id), `${e.type} ${e.id}`).toBe(true);

    // Per person, the first successful deliveries come in seq order.
    const seqOf = new Map(events.map((e) => [e.id, e.seq]));
    const userOf = new Map(events.map((e) => [e.id, e.user]));
    const streams = new Map<string, number[]>();
    for (const [id] of [...firstOk].sort((a, b) => a[1] - b[1])) {
      const user = userOf.get(id) as string;
      streams.set(user, [...(streams.get(user) ?? []), seqOf.get(id) as number]);
    }
    for (const [user, seqs] of streams) {
      expect(seqs, user).toEqual([...seqs].sort((a, b) => a - b));
    }
    await second.stop();
  }, 90_000);
});
