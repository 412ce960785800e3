/**
 * `npm run bench:scim`: the real server on a temporary file-backed database, driven over loopback
 * one request at a time as Okta does. Round 1 with 1,000 users; then 100,000 users are inserted
 * directly and round 2 runs again, to compare p95 latency with 100k stored against 1k.
 */

import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { migrateToLatest, openDatabase } from '../src/server/db/database';
import { AccessKeysService } from '../src/server/services/access-keys';
import { buildUserDoc, userIndex } from '../src/server/services/scim/user-doc';

const USERS_PER_ROUND = Number(process.env.BENCH_USERS ?? 1000);
const BULK_USERS = Number(process.env.BENCH_BULK ?? 100_000);
const PAGE = 100;
const MEMBERS_PER_PATCH = 100;

type Kind = 'lookup' | 'create' | 'page' | 'members' | 'deactivate';
type Samples = Record<Kind, number[]>;
interface Round {
  samples: Samples;
  usersPerSecond: number;
  membersPerSecond: number;
  pagesPerSecond: number;
}

/** The Okta-like client runs in a child process, as Okta's client is not in the server's. */
const isServer = process.env.BENCH_SCIM_BASE === undefined;
const base = process.env.BENCH_SCIM_BASE ?? '';
const secret = process.env.BENCH_SCIM_KEY ?? '';
const dataDir = process.env.BENCH_SCIM_DIR ?? '';
const headers = {
  authorization: `Bearer ${secret}`,
  'content-type': 'application/scim+json',
  'user-agent': 'Okta SCIM Client 1.0.0',
};

async function call(method: string, url: string, body?: unknown, expected = [200]) {
  const started = performance.now();
  const response = await fetch(`${base}${url}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (!expected.includes(response.status)) {
    throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return { ms, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function oktaUser(userName: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    name: { givenName: 'Bench', familyName: userName.split('@')[0] },
    emails: [{ primary: true, value: userName, type: 'work' }],
    displayName: `Bench ${userName}`,
    locale: 'en-US',
    externalId: `00u${randomBytes(8).toString('hex')}`,
    groups: [],
    password: randomBytes(12).toString('base64url'),
    active: true,
  };
}

/** Unmeasured: JIT warm-up, as a server that has been running is warm. Leaves nothing stored. */
async function warmUp(count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const userName = `warm.user${i}@bench.example.com`;
    await call('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    ids.push((await call('POST', '/Users', oktaUser(userName), [201])).json.id as string);
    await call('GET', `/Users?startIndex=${i + 1}&count=1`);
  }
  const group = await call('POST', '/Groups', { displayName: 'warm', members: [] }, [201]);
  for (let i = 0; i < ids.length; i += 10) {
    const members = ids.slice(i, i + 10).map((value) => ({ value }));
    await call(
      'PATCH',
      `/Groups/${group.json.id}`,
      {
        Operations: [{ op: 'add', path: 'members', value: members }],
      },
      [204],
    );
  }
  await call('DELETE', `/Groups/${group.json.id}`, undefined, [204]);
  for (const id of ids) await call('DELETE', `/Users/${id}`, undefined, [204]);
}

async function round(label: string): Promise<Round> {
  const samples: Samples = { lookup: [], create: [], page: [], members: [], deactivate: [] };
  const created: string[] = [];
  let started = performance.now();
  for (let i = 0; i < USERS_PER_ROUND; i++) {
    const userName = `${label}.user${i}@bench.example.com`;
    const filter = encodeURIComponent(`userName eq "${userName}"`);
    const lookup = await call('GET', `/Users?filter=${filter}&startIndex=1&count=100`);
    samples.lookup.push(lookup.ms);
    const create = await call('POST', '/Users', oktaUser(userName), [201]);
    samples.create.push(create.ms);
    created.push(create.json.id as string);
  }
  const usersPerSecond = USERS_PER_ROUND / ((performance.now() - started) / 1000);

  started = performance.now();
  const everyone: string[] = [];
  for (let start = 1; ; start += PAGE) {
    const page = await call('GET', `/Users?startIndex=${start}&count=${PAGE}`);
    samples.page.push(page.ms);
    for (const r of page.json.Resources as { id: string }[]) everyone.push(r.id);
    if (start + PAGE > (page.json.totalResults as number)) break;
  }
  const pagesPerSecond = samples.page.length / ((performance.now() - started) / 1000);

  const group = await call(
    'POST',
    '/Groups',
    { displayName: `bench ${label}`, members: [] },
    [201],
  );
  const groupId = group.json.id as string;
  started = performance.now();
  for (let i = 0; i < everyone.length; i += MEMBERS_PER_PATCH) {
    const members = everyone.slice(i, i + MEMBERS_PER_PATCH).map((value) => ({ value }));
    const patch = await call(
      'PATCH',
      `/Groups/${groupId}`,
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          { op: 'replace', value: { id: groupId, displayName: `bench ${label}` } },
          { op: 'add', path: 'members', value: members },
        ],
      },
      [200, 204],
    );
    samples.members.push(patch.ms);
  }
  const membersPerSecond = everyone.length / ((performance.now() - started) / 1000);

  for (let i = 0; i < created.length; i += 10) {
    const patch = await call('PATCH', `/Users/${created[i]}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    samples.deactivate.push(patch.ms);
  }
  return { samples, usersPerSecond, membersPerSecond, pagesPerSecond };
}

function bulkInsert(count: number) {
  const sqlite = new SQLite(path.join(dataDir, 'okta-sso-console.sqlite'));
  sqlite.pragma('busy_timeout = 5000');
  const user = sqlite.prepare(
    `insert into scim_users (id, user_name, user_name_key, external_id, display_name_key,
      given_name_key, family_name_key, active, doc, created_at, last_modified)
     values (@id, @user_name, @user_name_key, @external_id, @display_name_key,
      @given_name_key, @family_name_key, @active, @doc, @now, @now)`,
  );
  const email = sqlite.prepare(
    'insert into scim_user_emails (user_seq, value_key, type_key, is_primary) values (?, ?, ?, ?)',
  );
  const now = new Date().toISOString();
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const doc = buildUserDoc(oktaUser(`bulk.user${i}@bench.example.com`));
      doc.active = true;
      const { emails, ...index } = userIndex(doc);
      const { lastInsertRowid } = user.run({
        ...index,
        id: randomUUID(),
        doc: JSON.stringify(doc),
        now,
      });
      for (const e of emails) email.run(lastInsertRowid, e.value_key, e.type_key, e.is_primary);
    }
  })();
  sqlite.close();
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const total = values.reduce((a, b) => a + b, 0);
  return {
    n: values.length,
    opsPerSecond: values.length / (total / 1000),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

function print(title: string, r: Round) {
  console.log(`\n${title}`);
  console.log('kind         requests   ops/s    p50 ms   p95 ms   p99 ms');
  for (const [kind, values] of Object.entries(r.samples)) {
    const s = stats(values);
    console.log(
      `${kind.padEnd(12)} ${String(s.n).padStart(8)} ${s.opsPerSecond.toFixed(0).padStart(7)} ${s.p50.toFixed(2).padStart(9)} ${s.p95.toFixed(2).padStart(8)} ${s.p99.toFixed(2).padStart(8)}`,
    );
  }
  console.log(
    `users provisioned/s (lookup + create): ${r.usersPerSecond.toFixed(0)}; members added/s: ${r.membersPerSecond.toFixed(0)}; pages/s: ${r.pagesPerSecond.toFixed(0)}`,
  );
}

async function client() {
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(`${os.cpus().length} CPUs; load average at start: ${load()}`);
  await warmUp(300);
  const small = await round('r1');
  print(`Round 1: ${USERS_PER_ROUND} users stored`, small);
  const bulkStarted = performance.now();
  bulkInsert(BULK_USERS);
  console.log(
    `\nInserted ${BULK_USERS} users directly in ${((performance.now() - bulkStarted) / 1000).toFixed(1)} s`,
  );
  const large = await round('r2');
  print(`Round 2: ${BULK_USERS + 2 * USERS_PER_ROUND} users stored`, large);

  console.log('\np95 with 100k stored vs 1k (target ≤ 1.5x)');
  let ok = true;
  for (const kind of Object.keys(small.samples) as Kind[]) {
    const ratio = stats(large.samples[kind]).p95 / stats(small.samples[kind]).p95;
    ok &&= ratio <= 1.5;
    console.log(`${kind.padEnd(12)} ${ratio.toFixed(2)}x ${ratio <= 1.5 ? 'ok' : 'OVER'}`);
  }
  const targets = [
    [`users provisioned/s ≥ 200`, Math.min(small.usersPerSecond, large.usersPerSecond) >= 200],
    [`members added/s ≥ 5000`, Math.min(small.membersPerSecond, large.membersPerSecond) >= 5000],
    ['p95 ratio ≤ 1.5 for every kind', ok],
  ] as const;
  console.log(`\nload average at end: ${load()} (other work on the machine skews latency)`);
  for (const [name, met] of targets) console.log(`${met ? 'met    ' : 'MISSED '} ${name}`);
}

if (isServer && (process.argv.includes('--db') || process.argv.includes('--concurrency'))) {
  // SQLite and PostgreSQL side by side, and concurrent jobs: scripts/bench-scim-compare.ts.
  await import('./bench-scim-compare');
} else if (isServer) {
  // The server runs in this process; Okta's client, in a child, does not compete for its thread.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scim-'));
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dir,
    SECRET_KEY: randomBytes(32).toString('hex'),
    PUBLIC_URL: 'http://127.0.0.1',
    LOG_LEVEL: 'warn',
  });
  const db = openDatabase(config.dataDir);
  await migrateToLatest(db);
  const app = await buildApp(config, db);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  try {
    if (!address || typeof address === 'string') throw new Error('no port');
    const key = await new AccessKeysService(db).create('bench');
    const child = fork(fileURLToPath(import.meta.url), {
      env: {
        ...process.env,
        BENCH_SCIM_BASE: `http://127.0.0.1:${address.port}/scim/v2`,
        BENCH_SCIM_KEY: key.secret,
        BENCH_SCIM_DIR: dir,
      },
    });
    const code = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (c) => resolve(c ?? 1));
    });
    if (code !== 0) process.exitCode = code;
  } finally {
    await app.close();
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
} else {
  await client();
}
