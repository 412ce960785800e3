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
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The check of retryAfterSeconds in two parts, for a caller that runs it inside another query
   * (one round trip for both): `failure` selects the failure a wait runs from (the oldest of the
   * last `maxFailures` in the window, none when there is no wait), `secondsToWait` reads it.
   */
  check(key: string) {
    const now = this.now();
    const failure = this.db
      .selectFrom('rate_limit_failures')
      .select('at_ms')
      .where('scope', '=', this.scope)
      .where('subject', '=', key)
      .where('at_ms', '>', now - this.windowMs)
      .orderBy('at_ms', 'desc')
      .limit(1)
      .offset(this.maxFailures - 1);
    const secondsToWait = (atMs: number | string | null | undefined) =>
      atMs === null || atMs === undefined
        ? 0
        : Math.max(1, Math.ceil((Number(atMs) + this.windowMs - now) / 1000));
    return { failure, secondsToWait };
  }

  /** Seconds to wait before trying again, or 0 when the key may try now. */
  async retryAfterSeconds(key: string): Promise<number> {
    const { failure, secondsToWait } = this.check(key);
    return secondsToWait((await failure.executeTakeFirst())?.at_ms);
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
