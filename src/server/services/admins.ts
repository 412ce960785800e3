import { sql } from 'kysely';
import type { Db } from '../db/database';
import { lockInTransaction } from '../db/locks';
import { inTransaction } from '../db/transaction';
import { ServiceError, tooManyFailures } from './errors';
import { generatePassword, hashPassword, verifyPassword } from './passwords';
import { FailureLimiter } from './rate-limit';

export const DEFAULT_ADMIN_EMAIL = 'admin@localhost';

/** How admin emails are compared: without surrounding spaces, in any letter case. */
export const emailKey = (email: string) => email.trim().toLowerCase();
const WRONG_PAIR = 'The email and password do not match.';

/** A real hash to compare against when the email is unknown, so both paths take the same time. */
let dummyHash: Promise<string> | undefined;

/**
 * Creates the first admin when there is none. Returns the generated password when it made one,
 * so the caller can print it once.
 */
export async function ensureFirstAdmin(
  db: Db,
  email: string | undefined,
  password: string | undefined,
): Promise<{ email: string; generatedPassword?: string } | undefined> {
  const existing = await db.selectFrom('admins').select('id').limit(1).executeTakeFirst();
  if (existing) return undefined;
  const chosen = password ?? generatePassword();
  const adminEmail = (email ?? DEFAULT_ADMIN_EMAIL).trim();
  const passwordHash = await hashPassword(chosen);
  // Instances started together on one PostgreSQL: one of them creates the first admin.
  const created = await inTransaction(db, async (trx) => {
    await lockInTransaction(trx, 'first-admin');
    if (await trx.selectFrom('admins').select('id').limit(1).executeTakeFirst()) return false;
    await trx
      .insertInto('admins')
      .values({
        email: adminEmail,
        password_hash: passwordHash,
        created_at: new Date().toISOString(),
        must_change_password: password ? 0 : 1,
      })
      .execute();
    return true;
  });
  if (!created) return undefined;
  return password ? { email: adminEmail } : { email: adminEmail, generatedPassword: chosen };
}

export class AdminAuthenticator {
  private readonly byEmail: FailureLimiter;
  private readonly byAddress: FailureLimiter;

  constructor(
    private readonly db: Db,
    maxFailuresPerMinute: number,
  ) {
    this.byEmail = new FailureLimiter(db, 'admin-sign-in:email', maxFailuresPerMinute, 60_000);
    this.byAddress = new FailureLimiter(db, 'admin-sign-in:address', maxFailuresPerMinute, 60_000);
  }

  /** Checks the pair; more than the allowed failures a minute per email or address are refused. */
  async authenticate(email: string, password: string, address: string) {
    const key = emailKey(email);
    await this.refuseWhileLimited(key, address, 'sign-ins');
    const admin = await this.db
      .selectFrom('admins')
      .select(['id', 'email', 'password_hash', 'must_change_password'])
      .where(sql<string>`lower(email)`, '=', key)
      .executeTakeFirst();
    dummyHash ??= hashPassword(generatePassword());
    const ok = await verifyPassword(password, admin?.password_hash ?? (await dummyHash));
    if (!admin || !ok) {
      await this.fail(key, address);
      throw new ServiceError('unauthenticated', WRONG_PAIR);
    }
    await this.byEmail.reset(key);
    return {
      id: admin.id,
      email: admin.email,
      mustChangePassword: admin.must_change_password === 1,
    };
  }

  /**
   * A signed-in admin's own password, asked again before it is changed. Wrong guesses count as
   * failed sign-ins, so a stolen session cannot be used to try passwords faster than the form.
   */
  async verifyCurrent(adminId: number, password: string, address: string): Promise<void> {
    const admin = await this.db
      .selectFrom('admins')
      .select(['email', 'password_hash'])
      .where('id', '=', adminId)
      .executeTakeFirstOrThrow();
    const key = emailKey(admin.email);
    await this.refuseWhileLimited(key, address, 'password attempts');
    if (!(await verifyPassword(password, admin.password_hash))) {
      await this.fail(key, address);
      const message = 'This is not your current password.';
      throw new ServiceError('invalid', message, { currentPassword: message });
    }
  }

  private async refuseWhileLimited(key: string, address: string, what: string): Promise<void> {
    const wait = Math.max(
      await this.byEmail.retryAfterSeconds(key),
      await this.byAddress.retryAfterSeconds(address),
    );
    if (wait > 0) {
      throw tooManyFailures(`failed ${what}`, wait);
    }
  }

  private async fail(key: string, address: string): Promise<void> {
    await this.byEmail.fail(key);
    await this.byAddress.fail(address);
  }
}
