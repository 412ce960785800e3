import { sql } from 'kysely';
import type { AdminView } from '../../shared/api/admins';
import type { Db } from '../db/database';
import { emailKey } from './admins';
import { sha256 } from './crypto';
import { ServiceError } from './errors';
import { generatePassword, hashPassword } from './passwords';

/** A new password checked against what the server knows and the form cannot. */
export function refuseWeakChoice(email: string, current: string, next: string): void {
  if (next === current) {
    throw new ServiceError('invalid', 'Choose a password different from your current one.', {
      newPassword: 'Choose a password different from your current one.',
    });
  }
  if (emailKey(next) === emailKey(email)) {
    throw new ServiceError('invalid', 'Do not use your email as your password.', {
      newPassword: 'Do not use your email as your password.',
    });
  }
}

/**
 * The console's administrators: who they are, adding one (with a first password generated here
 * and returned once), removing one, and changing one's password. Passwords are checked by
 * AdminAuthenticator; this class only stores their scrypt hashes.
 */
export class AdminAccounts {
  constructor(private readonly db: Db) {}

  /** The same accounts, written through `db`, a transaction the caller holds. */
  withDb(db: Db): AdminAccounts {
    return new AdminAccounts(db);
  }

  async list(youId: number): Promise<AdminView[]> {
    const now = new Date().toISOString();
    const rows = await this.db
      .selectFrom('admins as a')
      .select((eb) => [
        'a.id',
        'a.email',
        'a.created_at',
        eb
          .selectFrom('admin_sessions as s')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('s.admin_id', '=', 'a.id')
          .where('s.expires_at', '>', now)
          .as('sessions'),
      ])
      .orderBy('a.id')
      .execute();
    return rows.map((row) => this.view(row, youId, Number(row.sessions ?? 0)));
  }

  /**
   * Hashes a generated first password. Separate from `add`, so the slow hash runs before the
   * transaction that stores the admin and its audit entry.
   */
  async newPassword(): Promise<{ password: string; hash: string }> {
    const password = generatePassword();
    return { password, hash: await hashPassword(password) };
  }

  async add(email: string, passwordHash: string, youId: number): Promise<AdminView> {
    const wanted = email.trim();
    const taken = await this.db
      .selectFrom('admins')
      .select('email')
      .where(sql<string>`lower(email)`, '=', emailKey(wanted))
      .executeTakeFirst();
    if (taken) {
      const message = `${taken.email} is already an administrator.`;
      throw new ServiceError('conflict', message, { email: message });
    }
    const row = await this.db
      .insertInto('admins')
      // Its first password is one the console made: they choose their own at first sign-in.
      .values({
        email: wanted,
        password_hash: passwordHash,
        created_at: new Date().toISOString(),
        must_change_password: 1,
      })
      .returning(['id', 'email', 'created_at'])
      .executeTakeFirstOrThrow();
    return this.view(row, youId, 0);
  }

  /** Removes another admin; their sessions end with them (the foreign key cascades). */
  async remove(id: number, youId: number): Promise<{ email: string }> {
    if (id === youId) {
      throw new ServiceError(
        'conflict',
        'You cannot remove yourself. Another administrator can remove you.',
      );
    }
    const removed = await this.db
      .deleteFrom('admins')
      .where('id', '=', id)
      .returning('email')
      .executeTakeFirst();
    if (!removed) throw new ServiceError('not-found', 'This administrator was already removed.');
    return removed;
  }

  /**
   * Stores a new password hash and ends every session of the admin but `keepToken`'s.
   * `generated`: the console made this password, so the admin must choose their own next.
   */
  async setPassword(
    adminId: number,
    passwordHash: string,
    { keepToken, generated = false }: { keepToken?: string; generated?: boolean } = {},
  ): Promise<number> {
    await this.db
      .updateTable('admins')
      .set({ password_hash: passwordHash, must_change_password: generated ? 1 : 0 })
      .where('id', '=', adminId)
      .execute();
    let ended = this.db.deleteFrom('admin_sessions').where('admin_id', '=', adminId);
    if (keepToken) ended = ended.where('token_hash', '!=', sha256(keepToken));
    const result = await ended.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private view(
    row: { id: number; email: string; created_at: string },
    youId: number,
    activeSessions: number,
  ): AdminView {
    return {
      id: row.id,
      email: row.email,
      createdAt: row.created_at,
      you: row.id === youId,
      activeSessions,
    };
  }
}
