/**
 * The database a test runs on: SQLite in memory, or, when TEST_DATABASE_URL is set (the `pg`
 * test project, `npm run test:pg`), a fresh PostgreSQL database per call, created from a
 * template migrated once, and dropped when the test closes it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Db, migrateToLatest, openDatabase, openPostgres } from '../server/db/database';
import { withDatabase } from './pg-server';

export const TEMPLATE_DATABASE = 'okta_test_template';

/** The PostgreSQL server the tests use, or undefined on SQLite. */
export const testDatabaseUrl = (): string | undefined => process.env.TEST_DATABASE_URL || undefined;
export const onPostgres = (): boolean => testDatabaseUrl() !== undefined;

export interface TestDatabase {
  db: Db;
  /** postgres:// URL of this database (to start a built server on it); undefined on SQLite. */
  url: string | undefined;
  /**
   * Another connection to this database, as a second instance of the server has (its own pool
   * on PostgreSQL; the same connection for SQLite in memory). Closed with the database.
   */
  another(): Db;
  close(): Promise<void>;
}

let admin: pg.Pool | undefined;
function adminPool(url: string): pg.Pool {
  admin ??= new pg.Pool({ connectionString: url, max: 2 });
  return admin;
}

/**
 * `strategy file_copy` (PostgreSQL 15+) copies the template's files, where the default writes
 * every page of it to the WAL: 39 ms instead of 110 ms a database on the test server.
 */
let copyStrategy: Promise<string> | undefined;
function createStrategy(pool: pg.Pool): Promise<string> {
  copyStrategy ??= pool
    .query<{ v: string }>('show server_version_num')
    .then(({ rows }) => (Number(rows[0]?.v) >= 150000 ? ' strategy file_copy' : ''));
  return copyStrategy;
}

/** (Re)creates the migrated template; the global setup runs it once per test run. */
export async function createTemplate(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await pool.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await pool.query(`create database ${TEMPLATE_DATABASE}`);
    const db = openPostgres(withDatabase(url, TEMPLATE_DATABASE), 1);
    await migrateToLatest(db);
    await db.destroy();
  } finally {
    await pool.end();
  }
}

/**
 * `empty`: no migration (tests of the migrations themselves); otherwise migrated to the latest.
 */
export async function openTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const server = testDatabaseUrl();
  if (!server) {
    const db = openDatabase(':memory:');
    if (!options.empty) await migrateToLatest(db);
    return { db, url: undefined, another: () => db, close: () => db.destroy() };
  }
  const name = `okta_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  const template = options.empty ? 'template0' : TEMPLATE_DATABASE;
  const pool = adminPool(server);
  await pool.query(`create database ${name} template ${template}${await createStrategy(pool)}`);
  const url = withDatabase(server, name);
  const db = openPostgres(url);
  const others: Db[] = [];
  let closed = false;
  return {
    db,
    url,
    another() {
      const other = openPostgres(url);
      others.push(other);
      return other;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const other of [db, ...others]) await other.destroy().catch(() => undefined);
      await adminPool(server).query(`drop database if exists ${name} with (force)`);
    },
  };
}
