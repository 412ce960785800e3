/**
 * Rows stored by an earlier build (migration 004: the summary's words in `action`, the enum in
 * `kind`, Okta's reads as 'other') still display after the upgrade, with the reads labelled.
 */
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { provisioningActivityPage, provisioningActivityQuery } from '../../shared/api/activity';
import { scimSummary } from '../../shared/api/scim-summary';
import { type Db, migrateToLatest, openDatabase } from '../db/database';
import * as m001 from '../db/migrations/001_initial';
import * as m002 from '../db/migrations/002_scim';
import * as m003 from '../db/migrations/003_directory_groups';
import * as m004 from '../db/migrations/004_activity';
import { ProvisioningLog } from '../services/activity/provisioning-log';
import { ScimActivity } from '../services/scim/activity';

let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

/** A database as the build before this change left it: migrations 001 to 004. */
async function databaseAt004(): Promise<Db> {
  const opened = openDatabase(':memory:');
  const migrations: Record<string, Migration> = {
    '001_initial': m001,
    '002_scim': m002,
    '003_directory_groups': m003,
    '004_activity': m004,
  };
  const migrator = new Migrator({
    db: opened,
    provider: { getMigrations: async () => migrations },
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
  return opened;
}

async function insertOld(db: Kysely<unknown>, path: string, action: string, kind: string) {
  await sql`insert into scim_requests (at, method, path, status, duration_ms, action, kind)
    values ('2026-03-04T10:00:00.000Z', 'GET', ${path}, 200, 1, ${action}, ${kind})`.execute(db);
}

describe('activity stored before the reads had their own actions', () => {
  it('is relabelled from the words stored with it; what cannot be is still shown', async () => {
    db = await databaseAt004();
    const old = db as unknown as Kysely<unknown>;
    const rows: Array<[string, string, string]> = [
      ['/scim/v2/Users', 'Test the Integration', 'test_connection'],
      ['/scim/v2/Users', 'Look up user', 'other'],
      ['/scim/v2/Users/u1', 'Get user', 'other'],
      ['/scim/v2/Users', 'Create user', 'create_user'],
      ['/scim/v2/Users/u1', 'Delete user', 'other'],
      ['/scim/v2/Groups', 'Look up group', 'other'],
      ['/scim/v2/Groups/g1', 'Get group', 'other'],
      ['/scim/v2/ServiceProviderConfig', 'Read service provider configuration', 'other'],
      ['/scim/v2/Schemas', 'Read schemas', 'other'],
      ['/scim/v2/Nowhere', 'Other request', 'other'],
      // A value this build does not know (a newer build's, or a hand edit) must not break a page.
      ['/scim/v2/Users', 'Something new', 'teleport_user'],
    ];
    for (const [path, action, kind] of rows) await insertOld(old, path, action, kind);

    await migrateToLatest(db);

    const activity = new ScimActivity(db, 'https://console.example.com/scim/v2');
    const log = new ProvisioningLog(db, activity);
    const page = provisioningActivityPage.parse(
      await log.list(provisioningActivityQuery.parse({ pageSize: '50' })),
    );
    expect(page.entries.map((e) => [e.path, e.action]).reverse()).toEqual([
      ['/scim/v2/Users', 'test_connection'],
      ['/scim/v2/Users', 'lookup_user'],
      ['/scim/v2/Users/u1', 'get_user'],
      ['/scim/v2/Users', 'create_user'],
      ['/scim/v2/Users/u1', 'delete_user'],
      ['/scim/v2/Groups', 'lookup_group'],
      ['/scim/v2/Groups/g1', 'get_group'],
      ['/scim/v2/ServiceProviderConfig', 'read_configuration'],
      ['/scim/v2/Schemas', 'read_configuration'],
      ['/scim/v2/Nowhere', 'other'],
      ['/scim/v2/Users', 'other'],
    ]);
    const lookups = await log.list(provisioningActivityQuery.parse({ action: 'lookup_user' }));
    expect(lookups.total).toBe(1);

    const summary = scimSummary.parse(await activity.summary());
    expect(summary.lastRequest).toMatchObject({ path: '/scim/v2/Users', action: 'other' });
    const { csv } = await log.exportCsv(provisioningActivityQuery.parse({}));
    expect(csv).toContain('lookup_user');
  });
});
