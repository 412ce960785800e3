/**
 * The SCIM totals (an unfiltered list's totalResults, the console's summary) are kept by
 * triggers, not counted. On PostgreSQL concurrent writers add to different rows of a total
 * (migration 011) so that creates do not wait on each other: the totals must stay exact while
 * two instances create, deactivate and delete at once, and across migration 011 down and up.
 */
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { TEST_ADMIN } from '../../testing/server-harness';
import { onPostgres } from '../../testing/test-database';
import { startTwoInstances, type TwoInstances } from '../../testing/two-instances';
import { migrateToLatest, migratorFor } from '../db/database';
import { oktaUser, scimClient } from '../http/scim/testing';
import { AccessKeysService } from '../services/access-keys';

let two: TwoInstances;
afterEach(() => two?.close());

async function start() {
  two = await startTwoInstances();
  const { secret } = await new AccessKeysService(two.a.db).create(TEST_ADMIN.email);
  const onA = scimClient(two.a.app, secret);
  const onB = scimClient(two.b.app, secret);
  return (i: number, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
    (i % 2 ? onB : onA)(method, path, body);
}

const deactivate = { Operations: [{ op: 'replace', value: { active: false } }] };

async function totals(scim: Awaited<ReturnType<typeof start>>, i: number) {
  const users = (await scim(i, 'GET', '/Users?startIndex=1&count=1')).json().totalResults;
  const groups = (await scim(i, 'GET', '/Groups?startIndex=1&count=1')).json().totalResults;
  const admin = await (i % 2 ? two.b : two.a).session();
  const summary = (await admin.inject({ method: 'GET', url: '/api/scim/summary' })).json();
  return { users, groups, active: summary.users.active, deactivated: summary.users.deactivated };
}

it('stay exact while two instances create, deactivate and delete at once', async () => {
  const scim = await start();
  const created = await Promise.all(
    Array.from({ length: 40 }, (_, i) => scim(i, 'POST', '/Users', oktaUser(`c${i}@acme.com`))),
  );
  expect(created.map((r) => r.statusCode)).toEqual(Array(40).fill(201));
  const ids = created.map((r) => r.json().id as string);
  const answers = await Promise.all([
    ...ids.slice(0, 10).map((id, i) => scim(i, 'PATCH', `/Users/${id}`, deactivate)),
    ...ids.slice(10, 15).map((id, i) => scim(i, 'DELETE', `/Users/${id}`)),
    ...Array.from({ length: 6 }, (_, i) =>
      scim(i, 'POST', '/Groups', { displayName: `G${i}`, members: [] }),
    ),
    ...Array.from({ length: 10 }, (_, i) => scim(i, 'POST', '/Users', oktaUser(`d${i}@acme.com`))),
  ]);
  expect(answers.every((r) => r.statusCode < 300)).toBe(true);
  const expected = { users: 45, groups: 6, active: 35, deactivated: 10 };
  expect(await totals(scim, 0)).toEqual(expected);
  expect(await totals(scim, 1)).toEqual(expected);
  const stored = await sql<{ n: number }>`select count(*) as n from scim_users`.execute(two.a.db);
  expect(Number(stored.rows[0]?.n)).toBe(45);
  if (onPostgres()) {
    // The creates of both pools went to more than one row of the total.
    const rows = await two.a.db
      .selectFrom('scim_counts')
      .select('name')
      .where('name', '=', 'users_active')
      .execute();
    expect(rows.length).toBeGreaterThan(1);
  }
});

it('keep their values across migration 011 down and up again', async () => {
  const scim = await start();
  for (let i = 0; i < 6; i++) await scim(i, 'POST', '/Users', oktaUser(`m${i}@acme.com`));
  const first = (await scim(0, 'GET', '/Users?filter=userName%20eq%20%22m0%40acme.com%22')).json();
  await scim(1, 'PATCH', `/Users/${first.Resources[0].id}`, deactivate);
  const before = await totals(scim, 0);
  expect(before).toEqual({ users: 6, groups: 0, active: 5, deactivated: 1 });
  const { error } = await migratorFor(two.a.db).migrateTo('010_rate_limits');
  expect(error).toBeUndefined();
  expect(await totals(scim, 1)).toEqual(before);
  await scim(0, 'POST', '/Users', oktaUser('after.down@acme.com'));
  await migrateToLatest(two.a.db);
  await scim(1, 'POST', '/Users', oktaUser('after.up@acme.com'));
  expect(await totals(scim, 0)).toEqual({ ...before, users: 8, active: 7 });
});
