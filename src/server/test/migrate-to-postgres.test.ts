/**
 * npm run migrate:sqlite-to-postgres: an install's SQLite database, filled through the real
 * SCIM and admin APIs, copied to PostgreSQL; the console on PostgreSQL then answers the same and
 * keeps working (ids continue). Needs a PostgreSQL server: runs in the `pg` project only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from '../../testing/server-harness';
import { onPostgres, openTestDatabase, type TestDatabase } from '../../testing/test-database';
import { copySqliteToPostgres } from '../db/copy-to-postgres';
import { type Db, migrateToLatest, openDatabase } from '../db/database';
import { oktaUser } from '../http/scim/testing';
import { AccessKeysService } from '../services/access-keys';
import { ApiKeysService } from '../services/api-keys';

let source: Db | undefined;
let target: TestDatabase | undefined;
afterEach(async () => {
  await source?.destroy();
  await target?.close();
});

async function filledSqlite() {
  source = openDatabase(':memory:');
  await migrateToLatest(source);
  const h = await startHarness({ db: source });
  const admin = await h.session();
  const { secret } = await new AccessKeysService(source).create('ada@example.test');
  const scim = (method: string, path: string, body: unknown) =>
    h.app.inject({
      method: method as 'POST',
      url: `/scim/v2${path}`,
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/scim+json' },
      payload: JSON.stringify(body),
    });
  const ids: string[] = [];
  for (const name of ['ana.lima@acme.com', 'bo.chen@acme.com', 'cy.diaz@acme.com']) {
    ids.push((await scim('POST', '/Users', oktaUser(name))).json().id);
  }
  await scim('POST', '/Groups', { displayName: 'Leads', members: [{ value: ids[0] }] });
  await admin.inject({
    method: 'POST',
    url: '/api/directory-groups',
    payload: { groupName: 'Leads', capability: 'pro' },
  });
  const users = (await admin.inject({ method: 'GET', url: '/api/users' })).json();
  await h.close();
  return { users, secret };
}

describe.skipIf(!onPostgres())('copying a SQLite install to PostgreSQL', () => {
  it('copies every table, counts equal, and the console on PostgreSQL answers the same', async () => {
    const { users, secret } = await filledSqlite();
    target = await openTestDatabase({ empty: true });
    const counts = await copySqliteToPostgres(source as Db, target.db);
    expect(counts.map((c) => c.table)).toEqual(
      expect.arrayContaining(['admins', 'scim_users', 'scim_group_members', 'audit_log']),
    );
    expect(counts.indexOf(counts.find((c) => c.table === 'scim_users') as never)).toBeLessThan(
      counts.indexOf(counts.find((c) => c.table === 'scim_group_members') as never),
    );
    for (const c of counts) expect(c.target, c.table).toBe(c.source);
    expect(counts.find((c) => c.table === 'scim_users')?.target).toBe(3);

    const onPg = await startHarness({ db: target.db });
    const admin = await onPg.session();
    expect((await admin.inject({ method: 'GET', url: '/api/users' })).json()).toEqual(users);
    expect((await admin.inject({ method: 'GET', url: '/api/users/totals' })).json()).toEqual({
      pro: 1,
      basic: 0,
      none: 2,
      deactivated: 0,
    });
    // The copied access key works, and new rows take ids after the copied ones.
    const created = await onPg.app.inject({
      method: 'POST',
      url: '/scim/v2/Users',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/scim+json' },
      payload: JSON.stringify(oktaUser('di.evans@acme.com')),
    });
    expect(created.statusCode).toBe(201);
    const key = await admin.inject({ method: 'POST', url: '/api/access-keys' });
    expect(key.statusCode).toBe(201);
    // The events API lists the copied events, then the new one after them (positions continue).
    const apiKey = (await new ApiKeysService(target.db).create('App', 'ada@example.test')).secret;
    const answer = await onPg.app.inject({
      method: 'GET',
      url: '/api/v1/events?limit=100',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    const listed = answer.json().events as {
      id: string;
      type: string;
      data: { user?: { userName: string } };
    }[];
    const copied = await (source as Db).selectFrom('events').select('id').orderBy('seq').execute();
    expect(listed.slice(0, copied.length).map((e) => e.id)).toEqual(copied.map((e) => e.id));
    const later = listed.slice(copied.length);
    expect(later.map((e) => `${e.type} ${e.data.user?.userName}`)).toContain(
      'user.created di.evans@acme.com',
    );
    await onPg.close();
  });

  it('refuses a target that holds data, unless forced', async () => {
    await filledSqlite();
    target = await openTestDatabase({ empty: true });
    await copySqliteToPostgres(source as Db, target.db);
    await expect(copySqliteToPostgres(source as Db, target.db)).rejects.toThrow(
      /already holds data .*--force/,
    );
    const again = await copySqliteToPostgres(source as Db, target.db, { force: true });
    for (const c of again) expect(c.target, c.table).toBe(c.source);
  });
});
