/**
 * `npm run bench:events`: the events outbox and webhooks on a file-backed database, over real
 * loopback HTTP. Prints: SCIM POST p95 with webhooks off and on; events written per second and
 * delivered per second to a loopback receiver; a mapping change that moves 100,000 people (the
 * admin request, the longest SCIM POST while its fan-out runs, and the time until all 100,000
 * events are delivered).
 */

import { spawn } from 'node:child_process';
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

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const POSTS = Number(process.env.BENCH_POSTS ?? 600);

const p95 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? 0;
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
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/demo/webhook-receiver.ts', '--port', '0', '--quiet'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const receiverUrl = await new Promise<string>((resolve) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening (\S+)/.exec(chunk.toString());
      if (match?.[1]) resolve(match[1]);
    });
  });
  const receiver = { url: receiverUrl, close: async () => void child.kill() };
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
  const app = await buildApp(config, db, { logStream: fs.createWriteStream('/dev/null') });
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
  const adminCall = (method: 'POST' | 'PATCH', url: string, payload: unknown) =>
    app.inject({
      method,
      url,
      payload: payload as object,
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
  const deliveredCount = async () =>
    Number(
      (
        await db
          .selectFrom('webhook_deliveries')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'delivered')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const waitDelivered = async (target: number) => {
    while ((await deliveredCount()) < target) await new Promise((r) => setTimeout(r, 500));
  };

  await series(50);
  const off = await series(POSTS);
  const added = await adminCall('POST', '/api/webhooks', {
    url: receiver.url,
    eventTypes: ['user.created', 'user.licence_changed', 'mapping.changed'],
  });
  if (added.statusCode !== 201) throw new Error(added.body);
  await series(50);
  const on = await series(POSTS);
  console.log(
    `SCIM POST p95, webhooks off: ${ms(p95(off))}; on: ${ms(p95(on))} (${(p95(on) / p95(off)).toFixed(2)}x)`,
  );

  // Written and delivered per second: 8 writers for a burst, then until the receiver has all.
  const before = await deliveredCount();
  const burstStart = performance.now();
  const BURST = 2000;
  let left = BURST;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (left-- > 0) await post();
    }),
  );
  const written = (performance.now() - burstStart) / 1000;
  await waitDelivered(before + BURST);
  const delivered = (performance.now() - burstStart) / 1000;
  console.log(
    `events written: ${(BURST / written).toFixed(0)}/s (8 SCIM writers); delivered: ${(BURST / delivered).toFixed(0)}/s`,
  );

  // A mapping change of 100,000 people.
  const group = await db
    .selectFrom('scim_groups')
    .select('id')
    .where('display_name', '=', 'Everyone')
    .executeTakeFirstOrThrow();
  void group;
  const base = await deliveredCount();
  const mapStart = performance.now();
  const mapped = await adminCall('POST', '/api/directory-groups', {
    groupName: 'Everyone',
    capability: 'basic',
  });
  const mapRequest = performance.now() - mapStart;
  if (mapped.statusCode !== 201) throw new Error(mapped.body);
  // SCIM keeps writing while the fan-out runs: its slowest POST shows how long writers wait.
  const during: number[] = [];
  let fanoutDone = false;
  const writer = (async () => {
    while (!fanoutDone) during.push(await post());
  })();
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
  await waitDelivered(base + PEOPLE + 1 + during.length);
  const all = performance.now() - mapStart;
  console.log(
    `mapping change of ${PEOPLE.toLocaleString('en')} people: admin request ${ms(mapRequest)}; per-person events written after ${(fanout / 1000).toFixed(1)} s; SCIM POST while fanning out p95 ${ms(p95(during))}, max ${ms(Math.max(...during))} (${during.length} POSTs); all delivered after ${(all / 1000).toFixed(1)} s`,
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
