import type { Db } from '../db/database';
import { randomToken, sha256 } from './crypto';

export interface EndUserSessionInfo {
  /** The SCIM id of the user. */
  userId: string;
  email: string;
  /** Sent back in the sign-out form. */
  csrfToken: string;
}

/**
 * End-user sessions: their own table and cookie, never the admin's. The cookie carries a random
 * token; the table keeps its sha256.
 */
export class EndUserSessions {
  constructor(
    private readonly db: Db,
    private readonly ttlMs: number,
  ) {}

  async create(userId: string, email: string) {
    const token = randomToken(32);
    const csrfToken = randomToken(32);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    await this.db
      .insertInto('end_user_sessions')
      .values({
        token_hash: sha256(token),
        user_id: userId,
        email,
        csrf_token: csrfToken,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
      })
      .execute();
    return { token, csrfToken, expiresAt };
  }

  async find(token: string): Promise<EndUserSessionInfo | undefined> {
    const row = await this.db
      .selectFrom('end_user_sessions')
      .select(['user_id', 'email', 'csrf_token'])
      .where('token_hash', '=', sha256(token))
      .where('expires_at', '>', new Date().toISOString())
      .executeTakeFirst();
    return row && { userId: row.user_id, email: row.email, csrfToken: row.csrf_token };
  }

  async end(token: string): Promise<void> {
    await this.db.deleteFrom('end_user_sessions').where('token_hash', '=', sha256(token)).execute();
  }

  async pruneExpired(): Promise<void> {
    await this.db
      .deleteFrom('end_user_sessions')
      .where('expires_at', '<=', new Date().toISOString())
      .execute();
  }
}
