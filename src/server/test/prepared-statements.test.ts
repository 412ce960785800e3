/**
 * On PostgreSQL the server's queries run as prepared statements (parsed and planned once per
 * connection), except `select *` / `returning *`, whose columns would be fixed when prepared:
 * a column another instance's newer migration adds must not break this one. PostgreSQL only.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from '../../testing/server-harness';
import { onPostgres, openTestDatabase, type TestDatabase } from '../../testing/test-database';
import { type Db, openPostgres } from '../db/database';
import { oktaUser } from '../http/scim/testing';
import { AccessKeysService } from '../services/access-keys';

let database: TestDatabase | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await database?.close();
});

/** A server on a pool of two connections, so that each one's prepared statements can be listed. */
async function start(preparedStatements: boolean) {
  database = await openTestDatabase();
  const db = openPostgres(database.url as string, 2, preparedStatements);
  const harness = await startHarness({ db, eventWorkers: false });
  closers.push(async () => {
    await harness.close();
    await db.destroy();
  });
  const { secret } = await new AccessKeysService(db).create('ada@example.test');
  const scim = async (method: string, url: string, body?: unknown) => {
    const response = await harness.app.inject({
      method: method as 'GET',
      url: `/scim/v2${url}`,
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/scim+json' },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.body ? response.json() : undefined;
  };
  return { db, scim };
}

/** The statements prepared on both connections of the pool (each lists only its own). */
async function prepared(db: Db): Promise<string[]> {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let checkedOut = 0;
  const both = await Promise.all(
    [0, 1].map(() =>
      db.connection().execute(async (connection) => {
        const { rows } = await sql<{
          statement: string;
        }>`select statement from pg_prepared_statements`.execute(connection);
        // Both connections are held at once: the second list comes from the other one.
        if (++checkedOut === 2) release();
        await held;
        return rows.map((r) => r.statement);
      }),
    ),
  );
  return both.flat();
}

async function okta(scim: Awaited<ReturnType<typeof start>>['scim']) {
  const user = await scim('POST', '/Users', oktaUser('ana.lima@acme.com'));
  await scim('GET', '/Users?filter=userName%20eq%20%22ana.lima%40acme.com%22');
  const group = await scim('POST', '/Groups', { displayName: 'Sales', members: [] });
  const members = [{ op: 'add', path: 'members', value: [{ value: user.id }] }];
  await scim('PATCH', `/Groups/${group.id}`, { Operations: members });
  await scim('GET', `/Groups/${group.id}`);
  await scim('PUT', `/Users/${user.id}`, oktaUser('ana.lima@acme.com', { displayName: 'Ana' }));
  return { user, group };
}

describe.skipIf(!onPostgres())('prepared statements', () => {
  it('prepare the repeated queries once per connection, never a select *', async () => {
    const { db, scim } = await start(true);
    await okta(scim);
    const statements = await prepared(db);
    expect(statements.some((s) => /from "scim_users"/.test(s))).toBe(true);
    expect(statements.some((s) => /from "scim_access_keys"/.test(s))).toBe(true);
    expect(statements.filter((s) => /[^(]\*/.test(s))).toEqual([]);
  });

  it('keep answering after another instance adds columns to the tables they read', async () => {
    const { scim } = await start(true);
    const { user, group } = await okta(scim);
    const other = database?.another() as Db;
    for (const table of ['scim_users', 'scim_groups', 'scim_access_keys', 'scim_requests']) {
      await sql`alter table ${sql.table(table)} add column added_later text`.execute(other);
    }
    await okta(scim).catch(() => undefined); // ana.lima exists now: the create answers 409
    expect((await scim('GET', `/Users/${user.id}`)).userName).toBe('ana.lima@acme.com');
    expect((await scim('GET', `/Groups/${group.id}`)).members).toHaveLength(1);
    await scim('PATCH', `/Groups/${group.id}`, {
      Operations: [{ op: 'replace', value: { id: group.id, displayName: 'Sales EMEA' } }],
    });
  });

  it('are not used with DATABASE_PREPARED_STATEMENTS=0', async () => {
    const { db, scim } = await start(false);
    await okta(scim);
    expect(await prepared(db)).toEqual([]);
  });
});
