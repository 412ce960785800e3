/**
 * `npm run restore -- <file>`: checks a backup (integrity, this product, not newer), then puts it
 * in place of the database in DATA_DIR. Stop the server first: the restore refuses while it runs.
 * The database it replaces is kept next to it as `okta-sso-console.sqlite.before-restore-<time>`.
 */
import { loadConfig } from '../src/server/config';
import { BackupError, restoreDatabase } from '../src/server/db/backup';

const source = process.argv[2];
if (!source) {
  console.error('Usage: npm run restore -- <file>');
  process.exit(2);
}
try {
  const config = loadConfig();
  const result = restoreDatabase(config.dataDir, source);
  console.log(`Restored ${result.file} from ${source}.`);
  if (result.previous) console.log(`The database it replaced is kept as ${result.previous}.`);
  console.log('Start the server: it applies any newer migrations on start.');
} catch (error) {
  console.error(error instanceof BackupError ? error.message : error);
  process.exit(1);
}
