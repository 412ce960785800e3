import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs more than running most of
 * them (tens of µs, more for tables with triggers). This keeps the most recent statements by SQL
 * text. Values stay bound parameters, so the number of distinct texts is small.
 */
export function withStatementCache<D extends SqliteDatabase>(database: D, size = 500): D {
  const cache = new Map<string, SqliteStatement>();
  const prepare = (sql: string): SqliteStatement => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql); // re-insert: the Map's order is the recency order
    } else {
      statement = database.prepare(sql);
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, statement);
    return statement;
  };
  return new Proxy(database, {
    get(target, property, receiver) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
