import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  PostgresDialect,
  sql,
} from 'kysely';
import pg from 'pg';
import { isPostgres, isPostgresUrl } from './dialect';
import * as m001 from './migrations/001_initial';
import * as m002 from './migrations/002_scim';
import * as m003 from './migrations/003_directory_groups';
import * as m004 from './migrations/004_activity';
import * as m005 from './migrations/005_one_action';
import * as m006 from './migrations/006_licence_rank';
import * as m007 from './migrations/007_oidc_provider';
import * as m008 from './migrations/008_events_webhooks';
import * as m009 from './migrations/009_must_change_password';
import * as m010 from './migrations/010_rate_limits';
import * as m011 from './migrations/011_count_shards';
import * as m012 from './migrations/012_event_positions';
import * as m013 from './migrations/013_event_retention';
import { nameStatements } from './prepared-statements';
import type { Database } from './schema';
import { BUSY_TIMEOUT_MS, ImmediateSqliteDialect } from './sqlite-dialect';
import { withStatementCache } from './statement-cache';

export type Db = Kysely<Database>;

/**
 * Where a database was opened, so that another thread can open its own connection to it (the
 * events thread): a SQLite DATA_DIR or a PostgreSQL URL. SQLite in memory has none.
 */
export type DatabaseLocation = { sqlite: string } | { postgres: string };
const locations = new WeakMap<Db, DatabaseLocation>();

export const databaseLocation = (db: Db): DatabaseLocation | undefined => locations.get(db);

/**
 * Opens another connection (a pool of `poolSize` on PostgreSQL) to where `db` was opened, for a
 * background thread: on SQLite it waits for the write lock in SQLite's busy handler, behind the
 * server's connection, which polls (sqlite-dialect.ts).
 */
export function openDatabaseAt(location: DatabaseLocation, poolSize: number): Db {
  return 'postgres' in location
    ? openPostgres(location.postgres, poolSize)
    : openDatabase(location.sqlite, { pollForLock: false });
}

/** Migrations are listed here, in order, so the bundled server carries them. */
const migrations: Record<string, Migration> = {
  '001_initial': m001,
  '002_scim': m002,
  '003_directory_groups': m003,
  '004_activity': m004,
  '005_one_action': m005,
  '006_licence_rank': m006,
  '007_oidc_provider': m007,
  '008_events_webhooks': m008,
  '009_must_change_password': m009,
  '010_rate_limits': m010,
  '011_count_shards': m011,
  '012_event_positions': m012,
  '013_event_retention': m013,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** The database file under DATA_DIR (its -wal and -shm files sit next to it). */
export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'okta-sso-console.sqlite');
}

/** The migrations this build knows, in order: a backup made by a newer build is refused. */
export const migrationNames = (): string[] => Object.keys(migrations);

/** A migrator over every migration of this build (tests move a database down and up again). */
export const migratorFor = (db: Db): Migrator => new Migrator({ db, provider });

/**
 * PostgreSQL answers bigint (count(*), sums) and numeric as strings; services expect numbers, as
 * SQLite gives them. Counts stay far below 2^53.
 */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return Number;
    return pg.types.getTypeParser(oid, format);
  },
};

/**
 * A pool over DATABASE_URL: `max` connections per instance (DATABASE_POOL_SIZE, default 10);
 * queries as prepared statements unless `preparedStatements` is false (nameStatements says why).
 */
export function openPostgres(url: string, max = 10, preparedStatements = true): Db {
  const pool = new pg.Pool({ connectionString: url, max, types: pgTypes });
  // An idle connection that the server dropped must not crash the process.
  pool.on('error', () => undefined);
  if (preparedStatements) nameStatements(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  locations.set(db, { postgres: url });
  return db;
}

/**
 * Opens the database: PostgreSQL for a postgres:// URL (DATABASE_URL), otherwise (creating when
 * needed) the SQLite database under `dataDir`, or in memory for ':memory:'.
 */
export function openDatabase(
  dataDir: string | ':memory:',
  options: { pollForLock?: boolean } = {},
): Db {
  if (isPostgresUrl(dataDir)) return openPostgres(dataDir);
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    file = databaseFile(dataDir);
  }
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // 32 MiB of page cache instead of 2: a licence change over a 100k-member group rewrites two
  // indexes and rereads fewer of their pages (bench:licences: Pro->Basic 1.59 s -> 1.38 s).
  sqlite.pragma('cache_size = -32768');
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect(
      { database: withStatementCache(sqlite) },
      options.pollForLock ?? true,
    ),
  });
  if (dataDir !== ':memory:') locations.set(db, { sqlite: dataDir });
  return db;
}

/** Which database this is, for /healthz: never the URL (it carries the password). */
export const databaseKind = (db: Db): 'sqlite' | 'postgres' =>
  isPostgres(db) ? 'postgres' : 'sqlite';

export async function migrateToLatest(db: Db): Promise<void> {
  const { error, results } = await migratorFor(db).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
}

export async function pingDatabase(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
