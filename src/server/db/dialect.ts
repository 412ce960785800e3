import { type Kysely, PostgresAdapter } from 'kysely';

/**
 * Which database a Kysely instance talks to. SQLite is the embedded default; PostgreSQL is used
 * when DATABASE_URL is set. Services branch on this only where the SQL of the two differs.
 */
export type DialectName = 'sqlite' | 'postgres';

// biome-ignore lint/suspicious/noExplicitAny: any database schema
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

// biome-ignore lint/suspicious/noExplicitAny: any database schema
export const isPostgres = (db: Kysely<any>): boolean => dialectOf(db) === 'postgres';

/** A postgres:// or postgresql:// URL (DATABASE_URL); anything else is a SQLite location. */
export const isPostgresUrl = (value: string | undefined): value is string =>
  typeof value === 'string' && /^postgres(ql)?:\/\//i.test(value);

/** The URL without its password, for messages (the password is never logged). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unreadable URL)';
  }
}

/** A unique violation: SQLite's constraint error, or PostgreSQL's 23505. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || /UNIQUE constraint failed/.test(error.message);
}

/** A PostgreSQL serialization failure or deadlock: the transaction may simply be run again. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}
