import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database';
import { lockInTransaction, runExclusive } from '../db/locks';
import { inTransaction } from '../db/transaction';

let database: TestDatabase;
afterEach(() => database.close());

describe('locks for several instances', () => {
  it('runs a job on one instance at a time; the other skips it while it runs', async () => {
    database = await openTestDatabase();
    const other = database.another();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const first = runExclusive(database.db, 'job', async () => {
      started();
      await held;
    });
    await running;
    const ranTwice = await runExclusive(other, 'job', async () => undefined);
    release();
    expect(await first).toBe(true);
    // SQLite: one process per file, so every call runs; PostgreSQL: the second was skipped.
    expect(ranTwice).toBe(database.url === undefined);
    expect(await runExclusive(other, 'job', async () => undefined)).toBe(true);
  });

  it('orders transactions that take the same lock: none reads a stale count', async () => {
    database = await openTestDatabase();
    await sql`create table counter (n integer not null)`.execute(database.db);
    await sql`insert into counter (n) values (0)`.execute(database.db);
    const dbs = [database.db, database.another()];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        inTransaction(dbs[i % 2] as typeof database.db, async (trx) => {
          await lockInTransaction(trx, 'counter');
          const { rows } = await sql<{ n: number }>`select n from counter`.execute(trx);
          await sql`update counter set n = ${Number(rows[0]?.n) + 1}`.execute(trx);
        }),
      ),
    );
    const { rows } = await sql<{ n: number }>`select n from counter`.execute(database.db);
    expect(Number(rows[0]?.n)).toBe(20);
  });
});
