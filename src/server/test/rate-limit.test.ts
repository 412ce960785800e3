import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database';
import { FailureLimiter } from '../services/rate-limit';

let database: TestDatabase;
afterEach(() => database.close());

describe('FailureLimiter', () => {
  it('blocks after the allowed failures in the window, and frees the key as the window slides', async () => {
    database = await openTestDatabase();
    let now = 1_000_000;
    const limiter = new FailureLimiter(database.db, 'test', 3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(await limiter.retryAfterSeconds('a')).toBe(0);
      await limiter.fail('a');
      now += 1000;
    }
    expect(await limiter.retryAfterSeconds('a')).toBe(57);
    expect(await limiter.retryAfterSeconds('b')).toBe(0);
    now += 57_000;
    expect(await limiter.retryAfterSeconds('a')).toBe(0);
  });

  it('forgets a key on reset, and keeps scopes apart', async () => {
    database = await openTestDatabase();
    const limiter = new FailureLimiter(database.db, 'one', 1, 60_000);
    const other = new FailureLimiter(database.db, 'two', 1, 60_000);
    await limiter.fail('a');
    expect(await limiter.retryAfterSeconds('a')).toBeGreaterThan(0);
    expect(await other.retryAfterSeconds('a')).toBe(0);
    await limiter.reset('a');
    expect(await limiter.retryAfterSeconds('a')).toBe(0);
  });

  it('is one count for every instance, and deletes failures that left the window', async () => {
    database = await openTestDatabase();
    let now = 5_000_000;
    const onA = new FailureLimiter(database.db, 'shared', 2, 60_000, () => now);
    const onB = new FailureLimiter(database.another(), 'shared', 2, 60_000, () => now);
    await onA.fail('k');
    await onB.fail('k');
    expect(await onA.retryAfterSeconds('k')).toBe(60);
    now += 61_000;
    await onB.fail('other');
    const rows = await database.db.selectFrom('rate_limit_failures').select('subject').execute();
    expect(rows.map((r) => r.subject)).toEqual(['other']);
  });
});
