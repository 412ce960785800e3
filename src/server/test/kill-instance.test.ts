/**
 * Two server processes on one PostgreSQL; one is killed (SIGKILL) in the middle of a SCIM burst.
 * Every write it acknowledged is stored, and the other instance keeps serving. Needs
 * PostgreSQL: runs in the `pg` project only (SQLite's own SIGKILL test is crash-safety.test.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, projectRoot } from '../../testing/built-server';
import { onPostgres, openTestDatabase, type TestDatabase } from '../../testing/test-database';
import { AccessKeysService } from '../services/access-keys';

let database: TestDatabase | undefined;
let dir: string | undefined;
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await database?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function startInstance(url: string, name: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/index.ts'], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: url,
      DATA_DIR: path.join(dir as string, name),
      SECRET_KEY: 'b'.repeat(64),
      ADMIN_EMAIL: 'ada@example.test',
      ADMIN_PASSWORD: 'correct horse battery staple',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null)
      throw new Error(`instance ${name} exited ${child.exitCode}: ${errors}`);
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return base;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`instance ${name} did not start`);
}

describe.skipIf(!onPostgres())('kill -9 of one instance during a SCIM burst', () => {
  it('loses no acknowledged write, and the other instance keeps serving', async () => {
    database = await openTestDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), 'okta-kill-'));
    const key = (await new AccessKeysService(database.db).create('ada@example.test')).secret;
    const url = database.url as string;
    const [a, b] = await Promise.all([startInstance(url, 'a'), startInstance(url, 'b')]);
    const killed = children[0] as ChildProcess;
    const acknowledged: string[] = [];
    const failedOnA: string[] = [];
    const post = async (base: string, userName: string) => {
      const response = await fetch(`${base}/scim/v2/Users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/scim+json' },
        body: JSON.stringify({ userName, active: true }),
      });
      if (response.status !== 201) throw new Error(`${userName}: ${response.status}`);
      acknowledged.push(userName);
    };
    let sent = 0;
    const job = async (j: number) => {
      for (let i = 0; i < 25; i++) {
        const userName = `burst${j}.${i}.${randomBytes(2).toString('hex')}@acme.com`;
        const base = (i + j) % 2 ? b : a;
        sent += 1;
        if (sent === 40) killed.kill('SIGKILL');
        try {
          await post(base, userName);
        } catch (error) {
          // Only the killed instance may fail a request.
          if (base !== a) throw error;
          failedOnA.push(userName);
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(job));
    expect(killed.signalCode).toBe('SIGKILL');
    expect(failedOnA.length).toBeGreaterThan(0);
    const stored = await database.db.selectFrom('scim_users').select('user_name').execute();
    const names = new Set(stored.map((r) => r.user_name));
    expect(acknowledged.filter((n) => !names.has(n))).toEqual([]);
    // B still answers reads and writes.
    const health = await fetch(`${b}/healthz`);
    expect(health.status).toBe(200);
    await post(b, 'after.kill@acme.com');
    const list = await fetch(`${b}/scim/v2/Users?startIndex=1&count=1`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect((await list.json()).totalResults).toBe(names.size + 1);
  }, 90_000);
});
