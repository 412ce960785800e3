/**
 * `npm run bench:events`: the events outbox and webhooks on a file-backed database, over real
 * loopback HTTP, with the events loop in its own thread as the server runs it. Prints: SCIM POST
 * p95 with webhooks off and on (alternating blocks) and the CPU each POST cost the server's
 * thread; events written per second and delivered per second to a loopback receiver; a mapping
 * change that moves 100,000 people (the admin request, SCIM POSTs while its fan-out runs, and the
 * time until all 100,000 events are delivered).
 *
 * BENCH_PEOPLE (100000) and BENCH_POSTS (600) make it smaller. The machine's load changes the
 * latencies: compare builds by running them in turn (A, B, A, B), with `uptime` beside each.
 */

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { databaseFile, migrateToLatest, openDatabase } from '../src/server/db/database';
import { adminCookieName } from '../src/server/http/admin-auth';
import { oktaUser } from '../src/server/http/scim/testing';
import { AccessKeysService } from '../src/server/services/access-keys';
import { AdminSessions } from '../src/server/services/sessions';
import { startReceiverProcess } from '../src/testing/receiver-process';
import { cpuSince, type ThreadCpu, threadCpu } from './bench/thread-cpu';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const POSTS = Number(process.env.BENCH_POSTS ?? 600);
const ROUNDS = 6;

const p95 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? 0;
const p99 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.99)] ?? 0;
const ms = (n: number) => `${n.toFixed(1)} ms`;

function seedPeople(file: string) {
  const db = new SQLite(file);
  const now = new Date().toISOString();
  const user = db.prepare(`insert into scim_users (id, user_name, user_name_key, active, doc,
    created_at, last_modified) values (?, ?, ?, 1, ?, ?, ?) returning seq`);
  const member = db.prepare('insert into scim_group_members (group_seq, user_seq) values (?, ?)');
  const group =
    db.prepare(`insert into scim_groups (id, display_name, display_name_key, external_id,
    doc, created_at, last_modified) values (?, 'Everyone', 'everyone', null, '{}', ?, ?) returning seq`);
  db.transaction(() => {
    const { seq: g } = group.get(randomUUID(), now, now) as { seq: number };
    for (let i = 0; i < PEOPLE; i++) {
      const userName = `person.${i}@acme.com`;
      const doc = JSON.stringify({
        userName,
        active: true,
        emails: [{ value: userName, primary: true }],
      });
      const { seq } = user.get(randomUUID(), userName, userName, doc, now, now) as { seq: number };
      member.run(g, seq);
    }
  })();
  db.close();
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'osc-bench-events-'));
  // The receiver runs in its own process, as a real application's would.
  const receiver = await startReceiverProcess();
  const config = {
    ...loadConfig({ LOG_LEVEL: 'warn', ALLOW_HTTP_LOOPBACK_ISSUER: '1' }),
    dataDir,
    eventsPollMs: 50,
  };
  let db = openDatabase(dataDir);
  await migrateToLatest(db);
  await db.destroy();
  seedPeople(databaseFile(dataDir));
  db = openDatabase(dataDir);
  // As the server runs it (src/server/index.ts): the events loop in its own thread, unless
  // BENCH_EVENTS_THREAD=0 (in-process, to compare).
  const app = await buildApp(config, db, {
    logStream: fs.createWriteStream('/dev/null'),
    eventsThread: process.env.BENCH_EVENTS_THREAD !== '0',
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const { secret: key } = await new AccessKeysService(db).create('bench');
  const admin = await db.selectFrom('admins').select('id').executeTakeFirst();
  const adminId =
    admin?.id ??
    (
      await db
        .insertInto('admins')
        .values({
          email: 'bench@acme.com',
          password_hash: 'x',
          created_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const session = await new AdminSessions(db, 3_600_000).create(adminId);
  const adminCall = (method: 'POST' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: {
        cookie: `${adminCookieName(config)}=${session.token}`,
        'x-csrf-token': session.csrfToken,
      },
    });

  let n = 0;
  const post = async () => {
    const started = performance.now();
    const r = await fetch(`${origin}/scim/v2/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify(oktaUser(`bench.${n++}@acme.com`)),
    });
    await r.arrayBuffer();
    if (r.status !== 201) throw new Error(`SCIM POST answered ${r.status}`);
    return performance.now() - started;
  };
  const series = async (count: number) => {
    const times: number[] = [];
    for (let i = 0; i < count; i++) times.push(await post());
    return times;
  };
  const deliveredCount = async (endpointId: number) =>
    Number(
      (
        await db
          .selectFrom('webhook_deliveries')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('endpoint_id', '=', endpointId)
          .where('status', '=', 'delivered')
          .executeTakeFirstOrThrow()
      ).n,
    );
  // Counting 100,000 rows every poll would slow the server it measures: while any delivery is
  // pending (a probe of an index on endpoint and status) it waits; then it counts once.
  const anyPending = async (endpointId: number) =>
    (await db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('endpoint_id', '=', endpointId)
      .where('status', '=', 'pending')
      .limit(1)
      .executeTakeFirst()) !== undefined;
  const waitDelivered = async (endpointId: number, target: number) => {
    for (;;) {
      if (!(await anyPending(endpointId)) && (await deliveredCount(endpointId)) >= target) return;
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  const addEndpoint = async () => {
    const added = await adminCall('POST', '/api/webhooks', {
      url: receiver.url,
      eventTypes: ['user.created', 'user.licence_changed', 'mapping.changed'],
    });
    if (added.statusCode !== 201) throw new Error(added.body);
    return (added.json() as { endpoint: { id: number } }).endpoint.id;
  };

  // Webhooks off (no endpoint) and on, in alternating blocks, so that the load others put on the
  // machine meanwhile weighs on both alike; each on-block's deliveries end before the next block.
  await series(50);
  const off: number[] = [];
  const on: number[] = [];
  const cpu = { off: [0, 0], on: [0, 0] };
  const addCpu = (to: number[], used: ThreadCpu | undefined) => {
    to[0] = (to[0] ?? 0) + (used?.mainMs ?? Number.NaN);
    to[1] = (to[1] ?? 0) + (used?.otherMs ?? Number.NaN);
  };
  const block = Math.ceil(POSTS / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    let start = threadCpu();
    off.push(...(await series(block)));
    addCpu(cpu.off, cpuSince(start));
    const id = await addEndpoint();
    await series(10);
    start = threadCpu();
    on.push(...(await series(block)));
    addCpu(cpu.on, cpuSince(start));
    await waitDelivered(id, block + 10);
    const removed = await adminCall('DELETE', `/api/webhooks/${id}`);
    if (removed.statusCode !== 204) throw new Error(removed.body);
  }
  const perPost = (total: number | undefined, count: number) => ms((total ?? 0) / count);
  console.log(
    `SCIM POST p95, webhooks off: ${ms(p95(off))}; on: ${ms(p95(on))} (${(p95(on) / p95(off)).toFixed(2)}x; ${ROUNDS} alternating blocks of ${block})`,
  );
  console.log(
    `CPU per SCIM POST, server thread (with the bench's client): off ${perPost(cpu.off[0], off.length)}, on ${perPost(cpu.on[0], on.length)}; other threads (the events thread): off ${perPost(cpu.off[1], off.length)}, on ${perPost(cpu.on[1], on.length)}`,
  );
  const endpointId = await addEndpoint();

  // Written and delivered per second: 8 writers for a burst, then until the receiver has all.
  const before = await deliveredCount(endpointId);
  const burstStart = performance.now();
  const BURST = 2000;
  let left = BURST;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (left-- > 0) await post();
    }),
  );
  const written = (performance.now() - burstStart) / 1000;
  await waitDelivered(endpointId, before + BURST);
  const delivered = (performance.now() - burstStart) / 1000;
  console.log(
    `events written: ${(BURST / written).toFixed(0)}/s (8 SCIM writers); delivered: ${(BURST / delivered).toFixed(0)}/s`,
  );

  // A mapping change of 100,000 people.
  const base = await deliveredCount(endpointId);
  // SCIM keeps writing, one POST at a time, from before the admin request until the fan-out is
  // written: the POSTs that began during the request wait for its transaction (the licence
  // ranks and the staged seats), the later ones for fan-out batches.
  const posts: Array<{ began: number; ms: number }> = [];
  let fanoutDone = false;
  const writer = (async () => {
    while (!fanoutDone) {
      const began = performance.now();
      posts.push({ began, ms: await post() });
    }
  })();
  await new Promise((r) => setTimeout(r, 200));
  const mapStart = performance.now();
  const mapped = await adminCall('POST', '/api/directory-groups', {
    groupName: 'Everyone',
    capability: 'basic',
  });
  const mapEnd = performance.now();
  if (mapped.statusCode !== 201) throw new Error(mapped.body);
  for (;;) {
    const job = await db
      .selectFrom('event_fanout_jobs')
      .select('done_at')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    if (job.done_at) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const fanout = performance.now() - mapStart;
  fanoutDone = true;
  await writer;
  const inRequest = posts.filter((p) => p.began < mapEnd && p.began + p.ms > mapStart);
  const during = posts.filter((p) => p.began >= mapEnd).map((p) => p.ms);
  await waitDelivered(endpointId, base + PEOPLE + 1 + posts.length);
  const all = performance.now() - mapStart;
  const longest = Math.max(0, ...inRequest.map((p) => p.ms));
  console.log(
    `mapping change of ${PEOPLE.toLocaleString('en')} people: admin request ${ms(mapEnd - mapStart)} (SCIM POSTs meanwhile: ${inRequest.length}, longest ${ms(longest)}); per-person events written after ${(fanout / 1000).toFixed(1)} s; SCIM POST while fanning out p95 ${ms(p95(during))}, p99 ${ms(p99(during))}, max ${ms(Math.max(...during))}, ${during.filter((t) => t > 300).length} over 300 ms (${during.length} POSTs); all delivered after ${(all / 1000).toFixed(1)} s`,
  );
  await app.close();
  await db.destroy();
  await receiver.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
