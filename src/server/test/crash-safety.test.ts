/**
 * SIGKILL in the middle of a burst of SCIM writes: after a restart on the same DATA_DIR, every
 * write that was answered 2xx is there, and SQLite's integrity check passes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SourceServer, startSourceServer } from '../../testing/source-server';
import { onPostgres } from '../../testing/test-database';
import { migrateToLatest, openDatabase } from '../db/database';
import { oktaUser } from '../http/scim/testing';
import { AccessKeysService } from '../services/access-keys';

let dataDir: string;
let key: string;
const running: SourceServer[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'osc-crash-'));
  const db = openDatabase(dataDir);
  await migrateToLatest(db);
  key = (await new AccessKeysService(db).create('ada@example.test')).secret;
  await db.destroy();
});
afterAll(async () => {
  for (const server of running) await server.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start() {
  const server = await startSourceServer(dataDir, { ADMIN_PASSWORD: 'crash-test-admin-pw' });
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

interface Acknowledged {
  users: Array<{ id: string; userName: string }>;
  groups: Array<{ id: string; displayName: string }>;
  /** group id → user ids whose addition was answered 204 */
  members: Map<string, Set<string>>;
}

/** Creates users and groups and adds members, 8 at a time, until the process dies. */
async function burst(server: SourceServer, killAfter: number): Promise<Acknowledged> {
  const ack: Acknowledged = { users: [], groups: [], members: new Map() };
  let n = 0;
  let killed = false;
  const write = async (i: number) => {
    if (i % 10 === 9 && ack.users.length > 0) {
      const displayName = `Group ${i}`;
      const members = ack.users.slice(-3).map((u) => ({ value: u.id }));
      const r = await scim(server, 'POST', '/Groups', { displayName, members });
      if (r.status === 201) {
        const { id } = (await r.json()) as { id: string };
        ack.groups.push({ id, displayName });
        ack.members.set(id, new Set(members.map((m) => m.value)));
      }
    } else if (i % 10 === 5 && ack.groups.length > 0 && ack.users.length > 0) {
      const group = ack.groups[i % ack.groups.length] as { id: string };
      const user = ack.users[ack.users.length - 1] as { id: string };
      const r = await scim(server, 'PATCH', `/Groups/${group.id}`, {
        Operations: [{ op: 'add', path: 'members', value: [{ value: user.id }] }],
      });
      if (r.status === 204) ack.members.get(group.id)?.add(user.id);
    } else {
      const userName = `crash.${i}@acme.com`;
      const r = await scim(server, 'POST', '/Users', oktaUser(userName));
      if (r.status === 201) {
        const { id } = (await r.json()) as { id: string };
        ack.users.push({ id, userName });
      }
    }
  };
  const worker = async () => {
    while (!killed) {
      const i = n++;
      await write(i).catch(() => undefined); // the connection died with the process
      const done = ack.users.length + ack.groups.length;
      if (done >= killAfter && !killed) {
        killed = true;
        await server.kill();
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return ack;
}

// SQLite only by nature: checks the SQLite file's WAL recovery and integrity pragmas. On
// PostgreSQL, kill -9 of an instance is covered by kill-instance.test.ts.
describe.skipIf(onPostgres())('a SIGKILL in the middle of SCIM writes', () => {
  it('loses no acknowledged write and leaves an intact database', async () => {
    const first = await start();
    const ack = await burst(first, 150);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(ack.users.length).toBeGreaterThanOrEqual(100);
    expect(ack.groups.length).toBeGreaterThan(5);

    // Opening the files replays the write-ahead log, as the next start does.
    const sqlite = new SQLite(path.join(dataDir, 'okta-sso-console.sqlite'));
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    sqlite.close();

    const second = await start();
    const missing: string[] = [];
    for (const user of ack.users) {
      const r = await scim(second, 'GET', `/Users/${user.id}`);
      if (r.status !== 200) missing.push(`user ${user.userName}: ${r.status}`);
      else expect(((await r.json()) as { userName: string }).userName).toBe(user.userName);
    }
    for (const group of ack.groups) {
      const r = await scim(second, 'GET', `/Groups/${group.id}`);
      if (r.status !== 200) {
        missing.push(`group ${group.displayName}: ${r.status}`);
        continue;
      }
      const body = (await r.json()) as { members?: Array<{ value: string }> };
      const present = new Set((body.members ?? []).map((m) => m.value));
      for (const id of ack.members.get(group.id) ?? []) {
        if (!present.has(id)) missing.push(`member ${id} of ${group.displayName}`);
      }
    }
    expect(missing).toEqual([]);
    // The unfiltered total (kept by triggers) agrees with the rows after the crash.
    const list = await scim(second, 'GET', '/Users?count=0');
    const total = ((await list.json()) as { totalResults: number }).totalResults;
    expect(total).toBeGreaterThanOrEqual(ack.users.length);
    await second.stop();
    expect(second.child.exitCode).toBe(0);

    const after = new SQLite(path.join(dataDir, 'okta-sso-console.sqlite'), { readonly: true });
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = after.prepare('select count(*) as n from scim_users').get() as { n: number };
    expect(rows.n).toBe(total);
    after.close();
  }, 90_000);
});
