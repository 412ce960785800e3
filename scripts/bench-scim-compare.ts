/**
 * `npm run bench:scim -- --db postgres [--concurrency 8]`: the same provisioning on SQLite and
 * PostgreSQL, side by side in one run, with built servers (npm run build first) on loopback.
 * With --concurrency N, N Okta import jobs at once, on SQLite, on PostgreSQL, and on PostgreSQL
 * with two instances (the jobs alternate between them). PostgreSQL is the throwaway server of
 * scripts/pg-test-server.sh with fsync on (synchronous_commit off, as SQLite's synchronous=NORMAL).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateToLatest, openDatabase, openPostgres } from '../src/server/db/database';
import { AccessKeysService } from '../src/server/services/access-keys';
import { type BuiltServer, freePort, startBuiltServer } from '../src/testing/built-server';
import { startPgServer, withDatabase } from '../src/testing/pg-server';

const USERS = Number(process.env.BENCH_USERS ?? 400);
const argValue = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const concurrency = Number(argValue('--concurrency') ?? 1);
const withPostgres = argValue('--db') === 'postgres' || concurrency > 1;
const ADMIN = { email: 'bench@example.test', password: randomBytes(12).toString('hex') };
const SECRET_KEY = randomBytes(32).toString('hex');

interface Setup {
  name: string;
  db: 'sqlite' | 'postgres';
  instances: number;
  workers: number;
}
interface Result {
  setup: Setup;
  usersPerSecond: number;
  createP50: number;
  createP95: number;
  membersPerSecond: number;
  pagesPerSecond: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

function client(bases: string[], key: string) {
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/scim+json' };
  return async (worker: number, method: string, url: string, body?: unknown) => {
    const base = bases[worker % bases.length];
    const started = performance.now();
    const response = await fetch(`${base}/scim/v2${url}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${text}`);
    return { ms: performance.now() - started, json: text ? JSON.parse(text) : {} };
  };
}

async function run(setup: Setup, bases: string[], key: string): Promise<Result> {
  const call = client(bases, key);
  const creates: number[] = [];
  const ids: string[] = [];
  const per = Math.ceil(USERS / setup.workers);
  let started = performance.now();
  await Promise.all(
    Array.from({ length: setup.workers }, async (_, w) => {
      for (let i = 0; i < per; i++) {
        const userName = `w${w}.user${i}@bench.example.com`;
        await call(w, 'GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
        const created = await call(w, 'POST', '/Users', {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName,
          name: { givenName: 'Bench', familyName: `User${i}` },
          emails: [{ primary: true, value: userName, type: 'work' }],
          active: true,
        });
        creates.push(created.ms);
        ids.push(created.json.id);
      }
    }),
  );
  const usersPerSecond = ids.length / ((performance.now() - started) / 1000);
  const group = await call(0, 'POST', '/Groups', { displayName: 'bench', members: [] });
  const parts: string[][] = [];
  for (let i = 0; i < ids.length; i += 50) parts.push(ids.slice(i, i + 50));
  started = performance.now();
  await Promise.all(
    Array.from({ length: setup.workers }, async (_, w) => {
      for (let p = w; p < parts.length; p += setup.workers) {
        await call(w, 'PATCH', `/Groups/${group.json.id}`, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [
            { op: 'add', path: 'members', value: (parts[p] ?? []).map((value) => ({ value })) },
          ],
        });
      }
    }),
  );
  const membersPerSecond = ids.length / ((performance.now() - started) / 1000);
  const pages = Math.ceil(ids.length / 100);
  started = performance.now();
  await Promise.all(
    Array.from({ length: setup.workers }, async (_, w) => {
      for (let p = w; p < pages; p += setup.workers) {
        await call(w, 'GET', `/Users?startIndex=${p * 100 + 1}&count=100`);
      }
    }),
  );
  const pagesPerSecond = pages / ((performance.now() - started) / 1000);
  const check = await call(0, 'GET', `/Groups/${group.json.id}`);
  if (check.json.members.length !== ids.length) throw new Error('members lost');
  return {
    setup,
    usersPerSecond,
    createP50: percentile(creates, 50),
    createP95: percentile(creates, 95),
    membersPerSecond,
    pagesPerSecond,
  };
}

async function main() {
  if (!withPostgres) {
    throw new Error('Use --db postgres and/or --concurrency N (plain bench:scim is SQLite only).');
  }
  const setups: Setup[] = [
    { name: 'SQLite, 1 instance', db: 'sqlite', instances: 1, workers: 1 },
    { name: 'PostgreSQL, 1 instance', db: 'postgres', instances: 1, workers: 1 },
  ];
  if (concurrency > 1) {
    setups.push(
      {
        name: `SQLite, 1 instance, ${concurrency} jobs`,
        db: 'sqlite',
        instances: 1,
        workers: concurrency,
      },
      {
        name: `PostgreSQL, 1 instance, ${concurrency} jobs`,
        db: 'postgres',
        instances: 1,
        workers: concurrency,
      },
      {
        name: `PostgreSQL, 2 instances, ${concurrency} jobs`,
        db: 'postgres',
        instances: 2,
        workers: concurrency,
      },
    );
  }
  console.log(
    `${os.cpus().length} CPUs; load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; ${USERS} users per setup`,
  );
  const server = await startPgServer({ durable: true });
  const admin = new pg.Pool({ connectionString: server.url, max: 1 });
  const results: Result[] = [];
  try {
    for (const [n, setup] of setups.entries()) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-compare-'));
      let url: string | undefined;
      if (setup.db === 'postgres') {
        await admin.query(`create database bench_${n}`);
        url = withDatabase(server.url, `bench_${n}`);
      }
      const db = url ? openPostgres(url, 2) : openDatabase(dir);
      await migrateToLatest(db);
      const key = (await new AccessKeysService(db).create('bench')).secret;
      await db.destroy();
      const servers: BuiltServer[] = [];
      try {
        for (let i = 0; i < setup.instances; i++) {
          servers.push(
            await startBuiltServer({
              port: await freePort(),
              dataDir: dir,
              admin: ADMIN,
              env: { SECRET_KEY, ...(url ? { DATABASE_URL: url } : {}) },
            }),
          );
        }
        results.push(
          await run(
            setup,
            servers.map((s) => s.baseUrl),
            key,
          ),
        );
      } finally {
        for (const s of servers) await s.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await admin.end();
    await server.stop();
  }
  const width = Math.max(...results.map((r) => r.setup.name.length));
  console.log(`\n${'setup'.padEnd(width)}  users/s  create p50  create p95  members/s  pages/s`);
  for (const r of results) {
    console.log(
      `${r.setup.name.padEnd(width)}  ${r.usersPerSecond.toFixed(0).padStart(7)}  ${r.createP50.toFixed(2).padStart(10)}  ${r.createP95.toFixed(2).padStart(10)}  ${r.membersPerSecond.toFixed(0).padStart(9)}  ${r.pagesPerSecond.toFixed(0).padStart(7)}`,
    );
  }
  const by = (name: string) => results.find((r) => r.setup.name === name)?.usersPerSecond ?? 0;
  const ratio = by('SQLite, 1 instance') / Math.max(1, by('PostgreSQL, 1 instance'));
  console.log(
    `\nSQLite / PostgreSQL provisioning at 1 instance: ${ratio.toFixed(2)}x (aim ≤ 1.5x)`,
  );
  if (concurrency > 1) {
    const two = by(`PostgreSQL, 2 instances, ${concurrency} jobs`);
    const sqlite = by(`SQLite, 1 instance, ${concurrency} jobs`);
    console.log(
      `PostgreSQL 2 instances vs SQLite with ${concurrency} jobs: ${(two / Math.max(1, sqlite)).toFixed(2)}x (aim > 1x)`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
