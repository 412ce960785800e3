/**
 * `npm run admin:password -- <email>`: a new password for a console administrator who lost
 * theirs (or the first admin's, printed once at first start). Reads DATA_DIR as the server does
 * and works while it runs. The password is ADMIN_PASSWORD when set, else generated and printed
 * once; every session of that admin ends, and the audit log records the reset.
 */
import { loadConfig } from '../src/server/config';
import { resetAdminPassword } from '../src/server/services/admin-password-reset';
import { plural } from '../src/shared/text';

const email = process.argv[2];
if (!email || process.argv.length > 3) {
  console.error('Usage: npm run admin:password -- <admin email>');
  process.exit(2);
}
const config = loadConfig();
const result = await resetAdminPassword(config.dataDir, email, process.env.ADMIN_PASSWORD);
if (!result.ok) {
  console.error(result.message);
  process.exit(1);
}
const ended = plural(result.sessionsEnded, 'session');
console.log(
  result.generatedPassword
    ? `New password for ${result.email}: ${result.generatedPassword} (shown once). Their ${ended} ended.`
    : `The password of ${result.email} is now ADMIN_PASSWORD. Their ${ended} ended.`,
);
