/**
 * An events cursor never skips an event that commits late, and event writers do not wait for
 * each other. PostgreSQL only: SQLite runs one transaction at a time, so there an event's seq at
 * insert is its commit order (and two open writers cannot exist).
 *
 * The bug this guards against: seq drawn at insert, T1 draws 7 and stays open, T2 draws 8 and
 * commits, a reader takes 8 and moves its cursor past it, T1 commits 7: behind the cursor,
 * never read. The earlier fix held one lock from the event insert to commit, so T2 waited for
 * T1 (here: T2 would not commit while T1 is open).
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { eventPage } from '../../shared/api/events';
import { startHarness } from '../../testing/server-harness';
import { onPostgres, openTestDatabase, type TestDatabase } from '../../testing/test-database';
import type { Db } from '../db/database';
import { ApiKeysService } from '../services/api-keys';
import { SecretBox } from '../services/crypto';
import { appendEvents, groupEvent } from '../services/events/outbox';
import { WebhookDispatcher } from '../services/webhooks/dispatcher';
import { WebhookEndpoints } from '../services/webhooks/endpoints';

let database: TestDatabase | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await database?.close();
});

async function start() {
  database = await openTestDatabase();
  const { db } = database;
  const harness = await startHarness({ db, eventWorkers: false });
  closers.push(() => harness.close());
  const apiKey = (await new ApiKeysService(db).create('App', 'ada@example.test')).secret;
  /** One page of GET /api/v1/events after `cursor`, as an application reads it. */
  const poll = async (cursor?: string) => {
    const query = new URLSearchParams({ limit: '1000', ...(cursor ? { after: cursor } : {}) });
    const response = await harness.app.inject({
      method: 'GET',
      url: `/api/v1/events?${query}`,
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(response.statusCode, response.body).toBe(200);
    return eventPage.parse(response.json());
  };
  return { db, poll, writer: database.another(), other: database.another() };
}

const named = (name: string) => groupEvent('group.created', name, name);

/** A transaction that writes one event and commits only when `commit` is called. */
function openWriter(db: Db, name: string) {
  let commit: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    commit = resolve;
  });
  let written: () => void = () => {};
  const wrote = new Promise<void>((resolve) => {
    written = resolve;
  });
  const done = db.transaction().execute(async (trx) => {
    await appendEvents(trx, [named(name)]);
    written();
    await released;
  });
  return { wrote, commit, done };
}

const within = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(what)), ms)),
  ]);

describe.skipIf(!onPostgres())('events that commit late', () => {
  it('are read after the cursor passed a later commit, and writers never wait on each other', async () => {
    const { db, poll, writer } = await start();
    const endpoints = new WebhookEndpoints(db, new SecretBox(randomBytes(32)));
    const hook = await endpoints.create(
      { url: 'https://receiver.example/hook', description: 'app', eventTypes: ['group.created'] },
      'ada@example.test',
    );
    const dispatcher = new WebhookDispatcher(db);

    const t1 = openWriter(writer, 'early-but-slow');
    await t1.wrote;
    // T2 writes an event and commits while T1 is still open: no writer waits for another.
    await within(
      writer.transaction().execute((trx) => appendEvents(trx, [named('later-but-quick')])),
      10_000,
      'the second writer waited for the first one to commit',
    );
    const first = await poll();
    expect(first.events.map((e) => e.data.group)).toEqual([
      { id: 'later-but-quick', displayName: 'later-but-quick' },
    ]);
    await dispatcher.runOnce();

    t1.commit();
    await t1.done;
    const second = await poll(first.next);
    expect(second.events.map((e) => (e.data.group as { id: string }).id)).toEqual([
      'early-but-slow',
    ]);
    expect((await poll(second.next)).events).toEqual([]);
    // The webhook endpoint's cursor did not pass it either: one delivery per event.
    await dispatcher.runOnce();
    const queued = await db
      .selectFrom('webhook_deliveries')
      .innerJoin('events', 'events.id', 'webhook_deliveries.event_id')
      .select('events.subject_group_id as group')
      .where('endpoint_id', '=', hook.endpoint.id)
      .orderBy('webhook_deliveries.id')
      .execute();
    expect(queued.map((q) => q.group)).toEqual(['later-but-quick', 'early-but-slow']);
  });

  it('reach every reader exactly once while eight writers commit in random order', async () => {
    const { poll, writer, other } = await start();
    const written: string[] = [];
    let writing = true;
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; i < 15; i++) {
        const name = `w${w}-${i}`;
        await (w % 2 ? writer : other).transaction().execute(async (trx) => {
          await appendEvents(trx, [named(name)]);
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
        });
        written.push(name);
      }
    });
    const readers = Array.from({ length: 2 }, async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      // Polls until one that began after the last writer had committed.
      for (let last = false; !last; ) {
        last = !writing;
        const page = await poll(cursor);
        for (const e of page.events) seen.push((e.data.group as { id: string }).id);
        cursor = page.next;
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
      return seen;
    });
    await Promise.all(writers);
    writing = false;
    for (const seen of await Promise.all(readers)) {
      expect(seen).toHaveLength(written.length);
      expect([...seen].sort()).toEqual([...written].sort());
    }
  });
});
