import { sql } from 'kysely';
import type { Db } from './database';
import { isPostgres } from './dialect';

/**
 * Locks for several instances on one PostgreSQL. SQLite has one writer at a time and one
 * process per file, so there every lock here is a no-op.
 */

/** A stable 31-bit key for a lock name (FNV-1a). */
export function lockKey(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash & 0x7fffffff;
}

/**
 * The lock migration 006's PL/pgSQL triggers take before changing licence ranks. Group writes
 * take it first, before any other row lock, so that they never wait on each other in a cycle.
 */
export const LICENCE_LOCK = 6006;

/**
 * Holds `name` until the transaction `trx` ends (pg_advisory_xact_lock): transactions that take
 * the same name run their locked part one after another, each seeing what the last committed.
 */
export async function lockInTransaction(trx: Db, name: string | number): Promise<void> {
  if (!isPostgres(trx)) return;
  const key = typeof name === 'number' ? name : lockKey(name);
  await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}

/**
 * Runs `job` only if no other instance is running the job of this name (pg_try_advisory_lock on
 * one pooled connection, released after); answers false when another instance holds it. For
 * background jobs that must run on one instance at a time: pruning, an outbox drain.
 */
export async function runExclusive(
  db: Db,
  name: string,
  job: (db: Db) => Promise<void>,
): Promise<boolean> {
  if (!isPostgres(db)) {
    await job(db);
    return true;
  }
  const key = lockKey(`job:${name}`);
  return db.connection().execute(async (connection) => {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_lock(${key}) as locked`.execute(connection);
    if (!rows[0]?.locked) return false;
    try {
      await job(db);
      return true;
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(connection);
    }
  });
}

/** `select … for update` on PostgreSQL (the row stays locked until the transaction ends). */
export function forUpdate<Q extends { forUpdate(): Q }>(db: Db, query: Q): Q {
  return isPostgres(db) ? query.forUpdate() : query;
}
