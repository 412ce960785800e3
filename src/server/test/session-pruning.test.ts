import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../testing/server-harness';
import { migrateToLatest, openDatabase } from '../db/database';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('expired sessions', () => {
  it('are deleted when the server starts, and a live one stays', async () => {
    const db = openDatabase(':memory:');
    await migrateToLatest(db);
    harness = await startHarness({ db });
    const live = await harness.session();
    await db
      .insertInto('admin_sessions')
      .values({
        token_hash: 'expired-session-hash',
        admin_id: 1,
        csrf_token: 'x',
        created_at: '2020-01-01T00:00:00.000Z',
        expires_at: '2020-01-01T12:00:00.000Z',
      })
      .execute();
    await harness.close();

    harness = await startHarness({ db });
    await harness.app.ready();
    const hashes = await db.selectFrom('admin_sessions').select('token_hash').execute();
    expect(hashes.map((h) => h.token_hash)).not.toContain('expired-session-hash');
    expect(hashes).toHaveLength(1);
    const stillSignedIn = await harness.app.inject({
      method: 'GET',
      url: '/api/incoming-keys',
      headers: { cookie: live.cookieHeader },
    });
    expect(stillSignedIn.statusCode).toBe(200);
  });
});
