import type { Db } from '../db/database';
import { randomToken, sha256 } from './crypto';

export interface AdminSessionInfo {
  adminId: number;
  email: string;
  csrfToken: string;
  /** The admin signs in with a password the console made: only choosing their own is allowed. */
  mustChangePassword: boolean;
}

/** Admin sessions live in the database; the cookie carries a random token, the table its hash. */
export class AdminSessions {
  constructor(
    private readonly db: Db,
    private readonly ttlMs: number,
  ) {}

  /** The same sessions, written through `db`, a transaction the caller holds. */
  withDb(db: Db): AdminSessions {
    return new AdminSessions(db, this.ttlMs);
  }

  async create(adminId: number): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = randomToken(32);
    const csrfToken = randomToken(32);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    await this.db
      .insertInto('admin_sessions')
      .values({
        token_hash: sha256(token),
        admin_id: adminId,
        csrf_token: csrfToken,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
      })
      .execute();
    return { token, csrfToken, expiresAt };
  }

  async find(token: string): Promise<AdminSessionInfo | undefined> {
    const row = await this.db
      .selectFrom('admin_sessions')
      .innerJoin('admins', 'admins.id', 'admin_sessions.admin_id')
      .select([
        'admin_sessions.admin_id',
        'admins.email',
        'admins.must_change_password',
        'admin_sessions.csrf_token',
      ])
      .where('admin_sessions.token_hash', '=', sha256(token))
      .where('admin_sessions.expires_at', '>', new Date().toISOString())
      .executeTakeFirst();
    return (
      row && {
        adminId: row.admin_id,
        email: row.email,
        csrfToken: row.csrf_token,
        mustChangePassword: row.must_change_password === 1,
      }
    );
  }

  async end(token: string): Promise<void> {
    await this.db.deleteFrom('admin_sessions').where('token_hash', '=', sha256(token)).execute();
  }

  async pruneExpired(): Promise<void> {
    await this.db
      .deleteFrom('admin_sessions')
      .where('expires_at', '<=', new Date().toISOString())
      .execute();
  }
}
