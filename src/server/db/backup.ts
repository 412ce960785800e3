/**
 * Backup and restore of the embedded database. A backup is `VACUUM INTO`: one read transaction,
 * so a consistent snapshot while the server keeps writing (WAL lets both run). A restore refuses
 * a file that fails SQLite's integrity check, comes from a newer build, or a database that another
 * process (a running server) has open; it keeps the database it replaces next to it.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { databaseFile, migrationNames } from './database';

export interface SnapshotSummary {
  file: string;
  bytes: number;
  /** Rows of the tables an operator recognises. */
  rows: Record<string, number>;
}

const COUNTED = ['admins', 'incoming_keys', 'scim_access_keys', 'scim_users', 'scim_groups'];

export class BackupError extends Error {}

/** Checks a database file on its own: integrity, and that it is this product's, not newer. */
export function checkSnapshot(file: string): SnapshotSummary {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist.`);
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} is not an SQLite database: ${(error as Error).message}`);
  }
  try {
    return summarise(db, file);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a sound database: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}

function names(db: SQLite.Database, query: string): string[] {
  return (db.prepare(query).all() as Array<{ name: string }>).map((row) => row.name);
}

function summarise(db: SQLite.Database, file: string): SnapshotSummary {
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') throw new BackupError(`${file} fails the integrity check: ${integrity}`);
  const tables = new Set(names(db, "select name from sqlite_master where type = 'table'"));
  if (!tables.has('kysely_migration') || !tables.has('admins')) {
    throw new BackupError(`${file} is not a database of this console.`);
  }
  const known = new Set(migrationNames());
  const unknown = names(db, 'select name from kysely_migration').filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new BackupError(
      `${file} comes from a newer version (migration ${unknown.join(', ')}): update the console first.`,
    );
  }
  const rows: Record<string, number> = {};
  for (const table of COUNTED.filter((t) => tables.has(t))) {
    rows[table] = (db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
  }
  return { file, bytes: fs.statSync(file).size, rows };
}

/** Writes a consistent snapshot of DATA_DIR's database to `target`, which must not exist yet. */
export function backupDatabase(dataDir: string, target: string): SnapshotSummary {
  const source = databaseFile(dataDir);
  if (!fs.existsSync(source)) throw new BackupError(`There is no database at ${source}.`);
  const out = path.resolve(target);
  if (fs.existsSync(out)) throw new BackupError(`${out} exists already: choose a new file name.`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // Written under a temporary name and renamed: a crash never leaves a half backup at `target`.
  const partial = `${out}.partial`;
  fs.rmSync(partial, { force: true });
  const db = new SQLite(source, { fileMustExist: true, timeout: 10_000 });
  try {
    db.prepare('vacuum into ?').run(partial);
  } finally {
    db.close();
  }
  fs.chmodSync(partial, 0o600);
  const summary = checkSnapshot(partial);
  fs.renameSync(partial, out);
  return { ...summary, file: out };
}

/**
 * Whether another connection has the database open: leaving WAL mode needs it alone. When it is
 * alone, this also folds the write-ahead log into the file, so the file is the whole database.
 */
function inUse(file: string): boolean {
  const db = new SQLite(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('journal_mode = DELETE');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    db.close();
  }
}

export interface RestoreResult extends SnapshotSummary {
  /** Where the database that was replaced now lies, if there was one. */
  previous?: string;
}

/** Puts a backup in place of DATA_DIR's database; refuses while a server has it open. */
export function restoreDatabase(dataDir: string, backup: string, now = new Date()): RestoreResult {
  const summary = checkSnapshot(path.resolve(backup));
  const live = databaseFile(dataDir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let previous: string | undefined;
  if (fs.existsSync(live)) {
    if (inUse(live)) {
      throw new BackupError(
        `The database in ${dataDir} is open in another process: stop the server, then restore.`,
      );
    }
    previous = `${live}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(live, previous);
  }
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${live}${suffix}`, { force: true });
  const incoming = `${live}.restoring`;
  fs.copyFileSync(summary.file, incoming);
  fs.chmodSync(incoming, 0o600);
  const fd = fs.openSync(incoming, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(incoming, live);
  return { ...summary, file: live, ...(previous ? { previous } : {}) };
}
