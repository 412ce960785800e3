/**
 * `npm run backup` while the server runs and writes, `npm run restore` after it stopped: the data
 * written before the backup is back, what came after is gone, and the snapshot is consistent.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SourceServer, startSourceServer } from '../../testing/source-server';
import { onPostgres } from '../../testing/test-database';
import { BackupError, checkSnapshot, restoreDatabase } from '../db/backup';
import { databaseFile, migrateToLatest, openDatabase } from '../db/database';
import { oktaUser } from '../http/scim/testing';
import { AccessKeysService } from '../services/access-keys';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
let dir: string;
let dataDir: string;
let key: string;
const running: SourceServer[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osc-backup-'));
  dataDir = path.join(dir, 'data');
  const db = openDatabase(dataDir);
  await migrateToLatest(db);
  key = (await new AccessKeysService(db).create('ada@example.test')).secret;
  await db.destroy();
});
afterAll(async () => {
  for (const server of running) await server.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function start() {
  const server = await startSourceServer(dataDir, { ADMIN_PASSWORD: 'backup-test-admin-pw' });
  running.push(server);
  return server;
}

/**
 * `npm run <script> -- <file>` with DATA_DIR set (the backup through npm itself, the restores
 * straight through node, which is what the npm script runs, a second faster).
 */
async function npm(script: 'backup' | 'restore', file: string) {
  const [command, args] =
    script === 'backup'
      ? ['npm', ['run', '--silent', script, '--', file]]
      : [process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, file]];
  try {
    const { stdout } = await run(command, args, {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir },
    });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}

async function createUser(server: SourceServer, userName: string) {
  const r = await fetch(`${server.origin}/scim/v2/Users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify(oktaUser(userName)),
  });
  if (r.status !== 201) throw new Error(`create ${userName}: ${r.status}`);
  return ((await r.json()) as { id: string }).id;
}

async function find(server: SourceServer, userName: string) {
  const filter = encodeURIComponent(`userName eq "${userName}"`);
  const r = await fetch(`${server.origin}/scim/v2/Users?filter=${filter}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(r.status).toBe(200);
  return ((await r.json()) as { totalResults: number }).totalResults;
}

// SQLite only by nature: npm run backup and restore copy the SQLite file under DATA_DIR; on
// PostgreSQL backups are pg_dump's job (README).
describe.skipIf(onPostgres())('backup and restore', () => {
  it('round-trips the data written through the server, taken while it writes', async () => {
    const server = await start();
    // Okta keeps writing before and while the backup runs, slowly enough that SQLite does not
    // checkpoint: what was written before the backup is still in the write-ahead log only.
    let writing = true;
    let n = 0;
    const background = (async () => {
      while (writing) {
        await createUser(server, `during.${n++}@acme.com`);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const before = Array.from({ length: 20 }, (_, i) => `before.${i}@acme.com`);
    for (const name of before) await createUser(server, name);
    const file = path.join(dir, 'backups', 'console.sqlite');
    const backup = await npm('backup', file);
    writing = false;
    await background;
    expect(n).toBeGreaterThan(3);
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toContain(`to ${file}`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const snapshot = checkSnapshot(file);
    expect(snapshot.rows.scim_users).toBeGreaterThanOrEqual(before.length);

    await createUser(server, 'after@acme.com');
    const refused = await npm('restore', file);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/open in another process: stop the server/);
    expect(await find(server, 'after@acme.com')).toBe(1);

    await server.stop();
    const restored = await npm('restore', file);
    expect(restored.code, restored.out).toBe(0);
    expect(restored.out).toMatch(/The database it replaced is kept as .*before-restore-/);

    const again = await start();
    for (const name of before) expect(await find(again, name), name).toBe(1);
    expect(await find(again, 'after@acme.com')).toBe(0);
    // Consistent: the totals kept by triggers match the rows, as in one transaction.
    const list = await fetch(`${again.origin}/scim/v2/Users?count=0`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const total = ((await list.json()) as { totalResults: number }).totalResults;
    expect(total).toBe(snapshot.rows.scim_users);
    await again.stop();
    const db = new SQLite(databaseFile(dataDir), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 60_000);

  it('refuses a file that is not a sound backup of this console, and leaves the database', () => {
    const live = databaseFile(dataDir);
    const liveBefore = fs.readFileSync(live);
    const junk = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(junk, Buffer.alloc(8192, 7));
    const other = path.join(dir, 'other.sqlite');
    const otherDb = new SQLite(other);
    otherDb.exec('create table notes (text)');
    otherDb.close();
    const corrupt = path.join(dir, 'corrupt.sqlite');
    const good = fs.readFileSync(path.join(dir, 'backups', 'console.sqlite'));
    good.fill(0x5a, 4096, 8192); // a page in the middle overwritten
    fs.writeFileSync(corrupt, good);

    for (const [file, message] of [
      [path.join(dir, 'missing.sqlite'), /does not exist/],
      [junk, /not a sound database|not an SQLite database|fails the integrity check/],
      [other, /not a database of this console/],
      [corrupt, /fails the integrity check|not a sound database|malformed/],
    ] as const) {
      expect(() => restoreDatabase(dataDir, file), file).toThrow(message);
    }
    expect(() => restoreDatabase(dataDir, junk)).toThrow(BackupError);
    expect(fs.readFileSync(live).equals(liveBefore)).toBe(true);
  });
});
