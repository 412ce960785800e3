/**
 * Moves an install from SQLite to PostgreSQL: reads DATA_DIR's database, writes every table to
 * DATABASE_URL, prints each table's rows in both and fails when they differ. Stop the server
 * first. `--force` replaces a PostgreSQL database that already holds data.
 *
 *   DATA_DIR=./data DATABASE_URL=postgres://… npm run migrate:sqlite-to-postgres [-- --force]
 */
import fs from 'node:fs';
import { loadConfig } from '../src/server/config';
import { copySqliteToPostgres } from '../src/server/db/copy-to-postgres';
import { databaseFile, openDatabase, openPostgres } from '../src/server/db/database';
import { redactUrl } from '../src/server/db/dialect';

async function main() {
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('Set DATABASE_URL to the PostgreSQL database to fill.');
  if (!fs.existsSync(databaseFile(config.dataDir))) {
    throw new Error(`No SQLite database in ${config.dataDir} (DATA_DIR).`);
  }
  const source = openDatabase(config.dataDir);
  const target = openPostgres(config.databaseUrl, 2);
  try {
    console.log(`Copying ${databaseFile(config.dataDir)} to ${redactUrl(config.databaseUrl)}`);
    const counts = await copySqliteToPostgres(source, target, {
      force: process.argv.includes('--force'),
    });
    const width = Math.max(...counts.map((c) => c.table.length));
    console.log(`${'table'.padEnd(width)}  sqlite  postgres`);
    for (const c of counts) {
      const mark = c.source === c.target ? '' : '  DIFFERENT';
      console.log(
        `${c.table.padEnd(width)}  ${String(c.source).padStart(6)}  ${String(c.target).padStart(8)}${mark}`,
      );
    }
    if (counts.some((c) => c.source !== c.target)) {
      throw new Error('The row counts differ: check the PostgreSQL database before using it.');
    }
    console.log(`Done: ${counts.length} tables. Start the server with DATABASE_URL set.`);
  } finally {
    await source.destroy();
    await target.destroy();
  }
}

main().catch((error: unknown) => {
  // The message never holds the URL's password: only redactUrl's form is printed.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
