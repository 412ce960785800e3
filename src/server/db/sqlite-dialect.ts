import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

/**
 * Kysely's SQLite driver starts transactions with a deferred `begin`, which takes the write lock
 * at the first write. With a second connection to the same file (the events thread), a
 * transaction that read first and then writes after the other connection committed fails at once
 * with SQLITE_BUSY (its snapshot is stale; the busy timeout does not apply). `begin immediate`
 * takes the write lock at the start, waiting up to `busy_timeout` for it, so that never happens.
 * With one connection the two are the same.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}
