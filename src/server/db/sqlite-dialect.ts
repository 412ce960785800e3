import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

/** How long a transaction waits for the write lock before it fails (as `busy_timeout`). */
export const BUSY_TIMEOUT_MS = 5_000;

const isBusy = (error: unknown) =>
  /^SQLITE_BUSY/.test(String((error as { code?: unknown } | null)?.code ?? ''));

const raw = (connection: DatabaseConnection, text: string) =>
  connection.executeQuery(CompiledQuery.raw(text));

/**
 * Kysely's SQLite driver starts transactions with a deferred `begin`, which takes the write lock
 * at the first write. With a second connection to the same file (the events thread), a
 * transaction that read first and then writes after the other connection committed fails at once
 * with SQLITE_BUSY (its snapshot is stale; the busy timeout does not apply). `begin immediate`
 * takes the write lock at the start, so that never happens. With one connection the two are the
 * same.
 *
 * Waiting for the lock: SQLite's busy handler sleeps inside the call, blocking the thread, and
 * backs off up to 100 ms between tries, so it can miss short gaps between another connection's
 * transactions again and again. With `poll`, the connection of the server's thread asks again
 * every millisecond between turns of its event loop instead: requests go on being served, and it
 * gets the lock within about a millisecond of its release, ahead of the events thread, which
 * waits in the busy handler (the default).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  constructor(
    settings: SqliteDialectConfig,
    private readonly poll: boolean,
  ) {
    super(settings);
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.poll) {
      await raw(connection, 'begin immediate');
      return;
    }
    const deadline = Date.now() + BUSY_TIMEOUT_MS;
    await raw(connection, 'pragma busy_timeout = 0');
    try {
      for (;;) {
        try {
          await raw(connection, 'begin immediate');
          return;
        } catch (error) {
          if (!isBusy(error) || Date.now() > deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      }
    } finally {
      await raw(connection, `pragma busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    private readonly settings: SqliteDialectConfig,
    /** Wait for the write lock by asking again between event-loop turns (see the driver). */
    private readonly poll = false,
  ) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings, this.poll);
  }
}
