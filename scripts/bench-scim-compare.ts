/**
 * `npm run bench:scim -- --db postgres [--concurrency 8]`: the same provisioning on SQLite and
 * PostgreSQL, side by side in one run, with built servers (npm run build first) on loopback.
 * With --concurrency N, N Okta import jobs at once, on SQLite, on PostgreSQL, and on PostgreSQL
 * with two instances (the jobs alternate between them). PostgreSQL is the throwaway server of
 * scripts/pg-test-server.sh with fsync on (synchronous_commit off, as SQLite's synchronous=NORMAL).
 *
 * Each setup first provisions BENCH_WARM_USERS (2,000) per instance, unmeasured; then the setups take turns,
 * BENCH_ROUNDS (3) times, each provisioning BENCH_USERS (1,000) measured; the median counts. Besides users/s it prints the CPU each provisioned user cost, by process: the
 * server's main thread (its event loop), its other threads (the events thread, V8's GC and
 * compiler), every PostgreSQL process, and this client. On two cores these compete: a setup
 * whose total nears 2,000 ms per second is bound by the CPU, not by waiting.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateToLatest, openDatabase, openPostgres } from '../src/server/db/database';
import { AccessKeysService } from '../src/server/services/access-keys';
import { type BuiltServer, freePort, startBuiltServer } from '../src/testing/built-server';
import { startPgServer, withDatabase } from '../src/testing/pg-server';
import { postgresCpuMs, processCpu } from './bench/process-cpu';

const USERS = Number(process.env.BENCH_USERS ?? 1000);
/** Per instance: V8 compiles the hot code over the first few thousand requests an instance serves. */
const WARM_USERS = Number(process.env.BENCH_WARM_USERS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
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
  /** The median of the rounds. */
  usersPerSecond: number;
  rounds: number[];
  /** CPU milliseconds per provisioned user (lookup + create), by process. */
  cpu: ReturnType<typeof cpuSnapshot>;
  createP50: number;
  createP95: number;
  membersPerSecond: number;
  pagesPerSecond: number;
}

function cpuSnapshot(serverPids: number[]) {
  const own = process.cpuUsage();
  const servers = serverPids.map(processCpu);
  return {
    serverMain: servers.reduce((sum, c) => sum + c.mainMs, 0),
    serverOther: servers.reduce((sum, c) => sum + c.otherMs, 0),
    postgres: postgresCpuMs(),
    client: (own.user + own.system) / 1000,
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

/**
 * Okta's side: node:http with kept-alive connections, the cheapest client Node has, since Okta's
 * jobs do not share this machine's two cores with the server and every millisecond the client
 * spends here is one the server does not get (fetch costs about twice as much per request).
 */
function client(bases: string[], key: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const send = (base: string, method: string, url: string, body?: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(
        `${base}/scim/v2${url}`,
        {
          method,
          agent,
          headers: {
            authorization: `Bearer ${key}`,
            'content-type': 'application/scim+json',
            ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
          );
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  return async (worker: number, method: string, url: string, body?: unknown) => {
    const base = bases[worker % bases.length] as string;
    const started = performance.now();
    const { status, text } = await send(
      base,
      method,
      url,
      body === undefined ? undefined : JSON.stringify(body),
    );
    if (status >= 300) throw new Error(`${method} ${url}: ${status} ${text}`);
    return { ms: performance.now() - started, json: text ? JSON.parse(text) : {} };
  };
}

interface Running {
  setup: Setup;
  call: ReturnType<typeof client>;
  pids: number[];
  servers: BuiltServer[];
  dir: string;
}

/** Each job looks its users up and creates them, one request at a time, as Okta's import does. */
async function provision(run: Running, prefix: string, count: number) {
  const creates: number[] = [];
  const ids: string[] = [];
  const { workers } = run.setup;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; i < Math.ceil(count / workers); i++) {
        const userName = `${prefix}${w}.user${i}@bench.example.com`;
        await run.call(
          w,
          'GET',
          `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`,
        );
        const created = await run.call(w, 'POST', '/Users', {
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
  return { creates, ids };
}

/** One measured round: users/s, and the CPU each user cost by process. */
async function measureRound(run: Running, round: number) {
  const before = cpuSnapshot(run.pids);
  const started = performance.now();
  const { creates, ids } = await provision(run, `r${round}.`, USERS);
  const usersPerSecond = ids.length / ((performance.now() - started) / 1000);
  const after = cpuSnapshot(run.pids);
  const cpu = Object.fromEntries(
    Object.keys(after).map((k) => {
      const key = k as keyof typeof after;
      return [key, (after[key] - before[key]) / ids.length];
    }),
  ) as typeof after;
  return { usersPerSecond, cpu, creates, ids };
}

/** Group membership and paging, once, with the last round's users. */
async function membersAndPages(run: Running, ids: string[]) {
  const { workers } = run.setup;
  const group = await run.call(0, 'POST', '/Groups', { displayName: 'bench', members: [] });
  const parts: string[][] = [];
  for (let i = 0; i < ids.length; i += 50) parts.push(ids.slice(i, i + 50));
  let started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let p = w; p < parts.length; p += workers) {
        await run.call(w, 'PATCH', `/Groups/${group.json.id}`, {
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
    Array.from({ length: workers }, async (_, w) => {
      for (let p = w; p < pages; p += workers) {
        await run.call(w, 'GET', `/Users?startIndex=${p * 100 + 1}&count=100`);
      }
    }),
  );
  const pagesPerSecond = pages / ((performance.now() - started) / 1000);
  const check = await run.call(0, 'GET', `/Groups/${group.json.id}`);
  if (check.json.members.length !== ids.length) throw new Error('members lost');
  return { membersPerSecond, pagesPerSecond };
}

const median = (values: number[]) => percentile(values, 50);

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
      .join(
        ' ',
      )}; ${ROUNDS} rounds of ${USERS} users per setup, after ${WARM_USERS} per instance to warm up`,
  );
  const server = await startPgServer({ durable: true });
  const admin = new pg.Pool({ connectionString: server.url, max: 1 });
  const running: Running[] = [];
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
      const run: Running = { setup, call: client([], key), pids: [], servers: [], dir };
      running.push(run);
      for (let i = 0; i < setup.instances; i++) {
        run.servers.push(
          await startBuiltServer({
            port: await freePort(),
            dataDir: dir,
            admin: ADMIN,
            env: { SECRET_KEY, ...(url ? { DATABASE_URL: url } : {}) },
          }),
        );
      }
      run.call = client(
        run.servers.map((s) => s.baseUrl),
        key,
      );
      run.pids = run.servers.map((s) => s.child.pid ?? 0);
      // Unmeasured: a server that has been running has compiled its hot code (the JIT's
      // threads would otherwise be counted as the server's CPU, twice over with two instances,
      // each of which sees half the requests).
      await provision(run, 'warm', WARM_USERS * setup.instances);
    }
    // The setups take turns, round after round, so that a slower minute of a shared machine
    // falls on all of them; each setup's figure is the median of its rounds.
    const rounds = running.map(() => [] as Awaited<ReturnType<typeof measureRound>>[]);
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < running.length; i++) {
        const turn = (i + round) % running.length;
        rounds[turn]?.push(await measureRound(running[turn] as Running, round));
      }
    }
    for (const [i, run] of running.entries()) {
      const mine = rounds[i] ?? [];
      const creates = mine.flatMap((r) => r.creates);
      const cpuOf = (k: keyof Result['cpu']) => median(mine.map((r) => r.cpu[k]));
      results.push({
        setup: run.setup,
        usersPerSecond: median(mine.map((r) => r.usersPerSecond)),
        rounds: mine.map((r) => r.usersPerSecond),
        cpu: {
          serverMain: cpuOf('serverMain'),
          serverOther: cpuOf('serverOther'),
          postgres: cpuOf('postgres'),
          client: cpuOf('client'),
        },
        createP50: percentile(creates, 50),
        createP95: percentile(creates, 95),
        ...(await membersAndPages(run, mine[mine.length - 1]?.ids ?? [])),
      });
    }
  } finally {
    for (const run of running) {
      for (const s of run.servers) await s.stop();
      fs.rmSync(run.dir, { recursive: true, force: true });
    }
    await admin.end();
    await server.stop();
  }
  const width = Math.max(...results.map((r) => r.setup.name.length));
  console.log(
    `\n${'setup'.padEnd(width)}  users/s  create p50  create p95  members/s  pages/s  CPU ms/user: server main  other  postgres  client  users/s by round`,
  );
  for (const r of results) {
    console.log(
      `${r.setup.name.padEnd(width)}  ${r.usersPerSecond.toFixed(0).padStart(7)}  ${r.createP50.toFixed(2).padStart(10)}  ${r.createP95.toFixed(2).padStart(10)}  ${r.membersPerSecond.toFixed(0).padStart(9)}  ${r.pagesPerSecond.toFixed(0).padStart(7)}  ${r.cpu.serverMain.toFixed(2).padStart(24)}  ${r.cpu.serverOther.toFixed(2).padStart(5)}  ${(r.setup.db === 'postgres' ? r.cpu.postgres.toFixed(2) : '-').padStart(8)}  ${r.cpu.client.toFixed(2).padStart(6)}  ${r.rounds.map((u) => u.toFixed(0)).join(' ')}`,
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
