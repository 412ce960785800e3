import type { Db } from './database';
import { isRetryable } from './dialect';

/** Attempts of a transaction PostgreSQL aborted as a deadlock or serialization failure. */
const ATTEMPTS = 4;

/**
 * Runs `work` in a transaction, or within the one `db` already is, so that a service step can be
 * one part of a larger change (an admin change and its audit entry). `work` must use only `trx`,
 * and must not wait on the network while it holds it.
 *
 * SQLite has one connection, so transactions run one at a time. On PostgreSQL each transaction
 * is a pooled connection and others run beside it, also from other instances: a read-then-write
 * that must not interleave takes a row lock (`forUpdate`) or `lockInTransaction`. A transaction
 * PostgreSQL aborts as a deadlock or serialization failure (40P01, 40001) is run again, a few
 * times: `work` must not have effects outside the database, or must undo them in `onRetry`.
 */
export async function inTransaction<T>(
  db: Db,
  work: (trx: Db) => Promise<T>,
  onRetry?: () => void,
): Promise<T> {
  if (db.isTransaction) return work(db);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      onRetry?.();
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}
