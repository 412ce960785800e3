/**
 * The server's SQLite connection waits for the write lock without blocking its thread: here the
 * lock is held by another connection of this same thread, which lets go on a timer. A wait inside
 * SQLite's busy handler would block that timer for the whole busy timeout and then fail.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { type Db, databaseFile, migrateToLatest, openDatabase } from './database';
import { inTransaction } from './transaction';

let dir: string;
let db: Db;
afterEach(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('waits for the write lock between turns of the event loop', async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osc-sqlite-lock-'));
  db = openDatabase(dir);
  await migrateToLatest(db);
  const other = new SQLite(databaseFile(dir));
  other.exec('begin immediate');
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 5);
  setTimeout(() => {
    other.exec('commit');
    other.close();
  }, 200);
  const started = Date.now();
  await inTransaction(db, (trx) =>
    trx.insertInto('rate_limit_failures').values({ scope: 's', subject: 'x', at_ms: 1 }).execute(),
  );
  clearInterval(ticker);
  expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  expect(ticks).toBeGreaterThan(5);
  const rows = await db.selectFrom('rate_limit_failures').selectAll().execute();
  expect(rows).toHaveLength(1);
});
