import type { Db } from '../db/database';

/**
 * Counts failures per key in a sliding window, in the database (migration 010), so that every
 * instance of the server sees the same count. `retryAfterSeconds` says whether a key is blocked
 * and for how long; `fail` records one failure; `reset` forgets a key. `scope` separates the
 * limiters (admin sign-in by email, by address; SCIM authentication by address).
 */
export class FailureLimiter {
  constructor(
    private readonly db: Db,
    private readonly scope: string,
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before trying again, or 0 when the key may try now. */
  async retryAfterSeconds(key: string): Promise<number> {
    const now = this.now();
    const recent = await this.db
      .selectFrom('rate_limit_failures')
      .select('at_ms')
      .where('scope', '=', this.scope)
      .where('subject', '=', key)
      .where('at_ms', '>', now - this.windowMs)
      .orderBy('at_ms', 'desc')
      .limit(this.maxFailures)
      .execute();
    const oldest = recent[this.maxFailures - 1];
    if (!oldest) return 0;
    return Math.max(1, Math.ceil((Number(oldest.at_ms) + this.windowMs - now) / 1000));
  }

  /** Records a failure, and deletes this scope's failures that left the window. */
  async fail(key: string): Promise<void> {
    const now = this.now();
    await this.db
      .insertInto('rate_limit_failures')
      .values({ scope: this.scope, subject: key, at_ms: now })
      .execute();
    await this.db
      .deleteFrom('rate_limit_failures')
      .where('scope', '=', this.scope)
      .where('at_ms', '<=', now - this.windowMs)
      .execute();
  }

  async reset(key: string): Promise<void> {
    await this.db
      .deleteFrom('rate_limit_failures')
      .where('scope', '=', this.scope)
      .where('subject', '=', key)
      .execute();
  }
}
