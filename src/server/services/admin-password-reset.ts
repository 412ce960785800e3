import fs from 'node:fs';
import { sql } from 'kysely';
import { newPassword } from '../../shared/api/admins';
import { plural } from '../../shared/text';
import { databaseFile, openDatabase } from '../db/database';
import { AuditLog } from './activity/audit-log';
import { AdminAccounts } from './admin-accounts';
import { emailKey } from './admins';
import { generatePassword, hashPassword } from './passwords';

export type ResetResult =
  | { ok: true; email: string; generatedPassword?: string; sessionsEnded: number }
  | { ok: false; message: string };

/**
 * Sets a new password for the admin with this email (any letter case) in the database under
 * `dataDir`, ends all their sessions and records it in the audit log as done from the command
 * line. `chosen` is used when given (it must meet the console's rule), else one is generated.
 */
export async function resetAdminPassword(
  dataDir: string,
  email: string,
  chosen?: string,
): Promise<ResetResult> {
  if (!fs.existsSync(databaseFile(dataDir))) {
    return {
      ok: false,
      message: `There is no console database in ${dataDir}. Start the console once first, or set DATA_DIR.`,
    };
  }
  if (chosen !== undefined) {
    const judged = newPassword.safeParse(chosen);
    if (!judged.success) {
      return { ok: false, message: `ADMIN_PASSWORD: ${judged.error.issues[0]?.message}` };
    }
  }
  const db = openDatabase(dataDir);
  try {
    const admins = await db.selectFrom('admins').select(['id', 'email']).orderBy('id').execute();
    const admin = admins.find((a) => emailKey(a.email) === emailKey(email));
    if (!admin) {
      const known = admins.map((a) => a.email).join(', ') || 'none';
      return {
        ok: false,
        message: `No administrator has the email ${email}. Administrators: ${known}.`,
      };
    }
    const password = chosen ?? generatePassword();
    const hash = await hashPassword(password);
    const sessionsEnded = await new AuditLog(db).recorded(
      (trx) =>
        new AdminAccounts(trx).setPassword(admin.id, hash, { generated: chosen === undefined }),
      (ended) => ({
        kind: 'admin_password_changed',
        actor: 'command line',
        summary: `Reset the password of ${admin.email} from the command line; ${plural(ended, 'session')} ended`,
        details: { email: admin.email, sessionsEnded: ended },
      }),
    );
    await sql`pragma wal_checkpoint(passive)`.execute(db);
    return {
      ok: true,
      email: admin.email,
      sessionsEnded,
      ...(chosen === undefined ? { generatedPassword: password } : {}),
    };
  } finally {
    await db.destroy();
  }
}
