import type { Db } from './database';

/**
 * Runs `work` in a transaction, or within the one `db` already is, so that a service step can be
 * one part of a larger change (an admin change and its audit entry). SQLite has one connection:
 * `work` must use only `trx`, and must not wait on the network while it holds it.
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
