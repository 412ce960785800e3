/**
 * `npm run profile:scim-pg -- [--jobs 8] [--instances 2] [--seconds 10]`:
 * where SCIM requests spend their time on PostgreSQL, on a throwaway server.
 *
 * 1. Statements per request: each Okta request once, in-process, counting every query the pg
 *    client sends (one query is one round trip: pg sends parse, bind and execute together).
 * 2. What concurrent provisioning waits on: `--jobs` Okta jobs (lookup + create) against
 *    `--instances` built servers (npm run build first), while pg_stat_activity is sampled every
 *    few milliseconds for the wait events and the statements of busy backends.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { migrateToLatest, openPostgres } from '../src/server/db/database';
import { AccessKeysService } from '../src/server/services/access-keys';
import { type BuiltServer, freePort, startBuiltServer } from '../src/testing/built-server';
import { startPgServer, withDatabase } from '../src/testing/pg-server';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const jobs = arg('--jobs', 8);
const instances = arg('--instances', 2);
const seconds = arg('--seconds', 10);
const SECRET_KEY = randomBytes(32).toString('hex');

/** Every statement the pg client sends, while `recording` is set. */
let recording: string[] | undefined;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0] as string | { text?: string };
  recording?.push(typeof first === 'string' ? first : (first?.text ?? '?'));
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

const user = (userName: string, active = true) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  name: { givenName: 'Prof', familyName: userName.split('@')[0] },
  emails: [{ primary: true, value: userName, type: 'work' }],
  externalId: `00u${randomBytes(8).toString('hex')}`,
  active,
});
const patchOp = (operations: unknown[]) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: operations,
});

function caller(base: string, key: string) {
  return async (method: string, url: string, body?: unknown) => {
    const response = await fetch(`${base}/scim/v2${url}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/scim+json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
}

async function countStatements(url: string) {
  const db = openPostgres(url, 4);
  await migrateToLatest(db);
  const key = (await new AccessKeysService(db).create('profile')).secret;
  const config = loadConfig({
    PUBLIC_URL: 'http://127.0.0.1',
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'profile-')),
    SECRET_KEY,
    LOG_LEVEL: 'warn',
  });
  const app = await buildApp(config, db, { eventWorkers: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const call = caller(`http://127.0.0.1:${port}`, key);
  const ids: string[] = [];
  for (let i = 0; i < 20; i++)
    ids.push((await call('POST', '/Users', user(`warm${i}@p.test`))).id as string);
  const group = (await call('POST', '/Groups', { displayName: 'Profiled', members: [] })).id;
  const steps: [string, () => Promise<unknown>][] = [
    [
      'GET /Users?filter (lookup)',
      () => call('GET', `/Users?filter=${encodeURIComponent('userName eq "new@p.test"')}`),
    ],
    ['POST /Users', () => call('POST', '/Users', user('new@p.test'))],
    [
      'PUT /Users/{id}',
      () => call('PUT', `/Users/${ids[0]}`, { ...user('warm0@p.test'), displayName: 'W' }),
    ],
    [
      'PATCH /Users/{id} active:false',
      () =>
        call('PATCH', `/Users/${ids[1]}`, patchOp([{ op: 'replace', value: { active: false } }])),
    ],
    [
      'PATCH /Groups/{id} add 10 members',
      () =>
        call(
          'PATCH',
          `/Groups/${group}`,
          patchOp([
            { op: 'add', path: 'members', value: ids.slice(2, 12).map((value) => ({ value })) },
          ]),
        ),
    ],
    [
      'PATCH /Groups/{id} rename + remove 1',
      () =>
        call(
          'PATCH',
          `/Groups/${group}`,
          patchOp([
            { op: 'replace', value: { id: group, displayName: 'Profiled' } },
            { op: 'remove', path: `members[value eq "${ids[2]}"]` },
          ]),
        ),
    ],
    [
      'PUT /Groups/{id} 12 members',
      () =>
        call('PUT', `/Groups/${group}`, {
          displayName: 'Profiled',
          members: ids.slice(4, 16).map((value) => ({ value })),
        }),
    ],
  ];
  console.log('\nStatements (round trips) per request, after warm-up, access key just used:');
  for (const [name, step] of steps) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    recording = [];
    await step();
    const sent = recording;
    recording = undefined;
    console.log(`\n${name}: ${sent.length}`);
    for (const text of sent) console.log(`  ${text.replace(/\s+/g, ' ').slice(0, 150)}`);
  }
  await app.close();
  await db.destroy();
}

async function sampleWaits(serverUrl: string, url: string) {
  const db = openPostgres(url, 2);
  await migrateToLatest(db);
  const key = (await new AccessKeysService(db).create('profile')).secret;
  await db.destroy();
  const servers: BuiltServer[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profile-'));
  for (let i = 0; i < instances; i++) {
    servers.push(
      await startBuiltServer({
        port: await freePort(),
        dataDir: dir,
        admin: { email: 'p@example.test', password: randomBytes(9).toString('hex') },
        env: { SECRET_KEY, DATABASE_URL: url },
      }),
    );
  }
  const monitor = new pg.Client({ connectionString: serverUrl });
  await monitor.connect();
  const seen = new Map<string, number>();
  let samples = 0;
  let created = 0;
  const deadline = Date.now() + seconds * 1000;
  const sampler = (async () => {
    while (Date.now() < deadline) {
      const { rows } = await monitor.query(
        `select coalesce(wait_event_type || ':' || wait_event, 'on CPU') as w, left(regexp_replace(query, '\\s+', ' ', 'g'), 70) as q
         from pg_stat_activity where datname = $1 and state = 'active' and pid <> pg_backend_pid()`,
        [new URL(url).pathname.slice(1)],
      );
      samples++;
      for (const r of rows) seen.set(`${r.w}  ${r.q}`, (seen.get(`${r.w}  ${r.q}`) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
  })();
  await Promise.all(
    Array.from({ length: jobs }, async (_, w) => {
      const call = caller((servers[w % servers.length] as BuiltServer).baseUrl, key);
      for (let i = 0; Date.now() < deadline; i++) {
        const name = `j${w}.u${i}@p.test`;
        await call('GET', `/Users?filter=${encodeURIComponent(`userName eq "${name}"`)}`);
        await call('POST', '/Users', user(name));
        created++;
      }
    }),
  );
  await sampler;
  console.log(
    `\n${jobs} jobs on ${instances} instance(s), ${seconds} s: ${(created / seconds).toFixed(0)} users/s; load ${os.loadavg()[0]?.toFixed(1)}`,
  );
  console.log(`Busy backends per sample, by wait event and statement (${samples} samples):`);
  for (const [what, n] of [...seen].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${(n / samples).toFixed(2).padStart(6)}  ${what}`);
  }
  await monitor.end();
  for (const s of servers) await s.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

const server = await startPgServer({ durable: true });
const admin = new pg.Client({ connectionString: server.url });
try {
  await admin.connect();
  await admin.query('create database profile_counts');
  await admin.query('create database profile_waits');
  await countStatements(withDatabase(server.url, 'profile_counts'));
  await sampleWaits(server.url, withDatabase(server.url, 'profile_waits'));
} finally {
  await admin.end();
  await server.stop();
}
