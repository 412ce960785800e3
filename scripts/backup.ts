/**
 * `npm run backup -- <file>`: a consistent snapshot of the database in DATA_DIR (read from the
 * environment as the server reads it), taken while the server runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/server/config';
import { BackupError, backupDatabase } from '../src/server/db/backup';

const target = process.argv[2];
if (!target) {
  console.error('Usage: npm run backup -- <file>');
  process.exit(2);
}
try {
  const config = loadConfig();
  const summary = backupDatabase(config.dataDir, target);
  const rows = Object.entries(summary.rows)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');
  console.log(`Backed up ${config.dataDir} to ${summary.file} (${summary.bytes} bytes; ${rows}).`);
  if (!config.secretKey && fs.existsSync(path.join(config.dataDir, 'secret.key'))) {
    console.log(
      `The Okta client secret in it is encrypted with ${path.join(config.dataDir, 'secret.key')}, which is not in the backup: keep a copy of that key apart from the backup.`,
    );
  }
} catch (error) {
  console.error(error instanceof BackupError ? error.message : error);
  process.exit(1);
}
