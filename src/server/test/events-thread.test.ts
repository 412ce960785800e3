/**
 * The events loop in its own thread, as the server runs it: fan-out, dispatch and deliveries go on
 * while the thread that answers requests is blocked, from the thread's own connection to the same
 * database (a SQLite file, or PostgreSQL in the pg project).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createdWebhook } from '../../shared/api/webhooks';
import { type ReceiverProcess, startReceiverProcess } from '../../testing/receiver-process';
import { onPostgres, openTestDatabase, type TestDatabase } from '../../testing/test-database';
import { type Db, migrateToLatest, openDatabase } from '../db/database';
import { type Console, startConsole } from './licence-fixtures';

let dataDir: string | undefined;
let owned: TestDatabase | undefined;
let db: Db;
let receiver: ReceiverProcess;
let c: Console;

beforeEach(async () => {
  if (onPostgres()) {
    owned = await openTestDatabase();
    db = owned.db;
  } else {
    // In memory, a second connection would see another database: the thread needs a file.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'osc-events-thread-'));
    db = openDatabase(dataDir);
    await migrateToLatest(db);
  }
  receiver = await startReceiverProcess();
  c = await startConsole(
    { ALLOW_HTTP_LOOPBACK_ISSUER: '1' },
    { db, eventsThread: true, config: { eventsPollMs: 20 } },
  );
});

afterEach(async () => {
  await c.close();
  await receiver.close();
  if (owned) await owned.close();
  else await db.destroy();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Blocks this thread (the server's event loop with it) for `ms`; the events thread runs on. */
function blockFor(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

describe('the events thread', () => {
  it('delivers while the server thread is blocked, each person in order', async () => {
    const added = await c.admin.inject({
      method: 'POST',
      url: '/api/webhooks',
      payload: { url: receiver.url, eventTypes: ['user.created', 'user.deactivated'] },
    });
    expect(added.statusCode, added.body).toBe(201);
    createdWebhook.parse(added.json());
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await c.pushUser(`t${i}@acme.com`));
    for (const id of ids) await c.setActive(id, false);

    // The server's thread is blocked 2 s at a time (up to five times, for a loaded machine, where
    // the events thread's nice value leaves it little CPU) until the receiver got an event
    // while it was blocked: nothing on this thread could have sent that one.
    const blocked: [number, number][] = [];
    const whileBlocked = (e: { receivedAt: string }) =>
      blocked.some(([from, until]) => {
        const at = Date.parse(e.receivedAt);
        return at >= from && at <= until;
      });
    let during = 0;
    for (let i = 0; i < 5 && during === 0; i++) {
      const from = Date.now();
      blockFor(2_000);
      blocked.push([from, Date.now()]);
      during = (await receiver.events()).events.filter(whileBlocked).length;
    }
    expect(during).toBeGreaterThan(0);
    await expect
      .poll(async () => (await receiver.events()).events.length, { timeout: 10_000 })
      .toBe(10);
    const { events } = await receiver.events();
    expect(events.filter((e) => e.type === 'user.created')).toHaveLength(5);
    expect(events.filter((e) => e.type === 'user.deactivated')).toHaveLength(5);
    for (const id of ids) {
      const mine = events.filter((e) => JSON.stringify(e.data).includes(id)).map((e) => e.type);
      expect(mine).toEqual(['user.created', 'user.deactivated']);
    }
  });

  it.runIf(process.platform === 'linux')(
    'yields the CPU to the thread that answers requests (a nice value of its own)',
    () => {
      // The 19th field of a thread's stat, after "(comm)", is its nice value.
      const niceOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      const own = niceOf(fs.readFileSync('/proc/thread-self/stat', 'utf8'));
      const threads = fs
        .readdirSync('/proc/self/task')
        .map((tid) => niceOf(fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')));
      expect(threads.filter((nice) => nice === Math.min(own + 10, 19)).length).toBeGreaterThan(0);
    },
  );
});
