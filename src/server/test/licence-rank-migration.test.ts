/**
 * Migration 006 on a database an earlier build left: every user gets the licence rank their
 * memberships give, whatever state their mappings are in (bound, waiting, no longer pushed).
 */
import { type Migration, Migrator, sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { type Db, migrateToLatest, openDatabase } from '../db/database';
import * as m001 from '../db/migrations/001_initial';
import * as m002 from '../db/migrations/002_scim';
import * as m003 from '../db/migrations/003_directory_groups';
import * as m004 from '../db/migrations/004_activity';
import * as m005 from '../db/migrations/005_one_action';
import * as m006 from '../db/migrations/006_licence_rank';
import * as m007 from '../db/migrations/007_oidc_provider';
import * as m008 from '../db/migrations/008_events_webhooks';
import * as m009 from '../db/migrations/009_must_change_password';
import * as m010 from '../db/migrations/010_rate_limits';
import * as m011 from '../db/migrations/011_count_shards';
import * as m012 from '../db/migrations/012_event_positions';
import * as m013 from '../db/migrations/013_event_retention';
import { rankMismatches } from './licence-rank-check';

let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

const before006: Record<string, Migration> = {
  '001_initial': m001,
  '002_scim': m002,
  '003_directory_groups': m003,
  '004_activity': m004,
  '005_one_action': m005,
};

async function migrator(opened: Db, migrations: Record<string, Migration>) {
  const m = new Migrator({ db: opened, provider: { getMigrations: async () => migrations } });
  const { error } = await m.migrateToLatest();
  if (error) throw error;
  return m;
}

/** Users 1–5; groups Everyone (Basic), Leads (Pro), Book club (unmapped), Old (unlinked, Pro). */
async function seed005(opened: Db) {
  const now = '2026-03-04T10:00:00.000Z';
  for (let seq = 1; seq <= 5; seq++) {
    await sql`insert into scim_users (seq, id, user_name, user_name_key, active, doc, created_at,
      last_modified) values (${seq}, ${`u${seq}`}, ${`user${seq}`}, ${`user${seq}`}, 1, '{}',
      ${now}, ${now})`.execute(opened);
  }
  const groups = ['Everyone', 'Leads', 'Book club', 'Old'];
  for (const [i, name] of groups.entries()) {
    await sql`insert into scim_groups (seq, id, display_name, display_name_key, doc, created_at,
      last_modified) values (${i + 1}, ${`g${i + 1}`}, ${name}, ${name.toLowerCase()}, '{}',
      ${now}, ${now})`.execute(opened);
  }
  const members = [
    [1, 1],
    [1, 2],
    [1, 3],
    [2, 1],
    [3, 4],
    [4, 5],
    [4, 3],
  ];
  for (const [group, user] of members) {
    await sql`insert into scim_group_members (group_seq, user_seq) values (${group}, ${user})`.execute(
      opened,
    );
  }
  const map = (name: string, capability: string, groupId: string | null) =>
    sql`insert into directory_group_mappings (name, capability, scim_group_id, created_at,
      created_by, updated_at) values (${name}, ${capability}, ${groupId}, ${now}, 'ada', ${now})`.execute(
      opened,
    );
  await map('Everyone', 'basic', 'g1');
  await map('Leads', 'pro', 'g2');
  await map('Waiting', 'pro', null);
  await map('Old', 'pro', 'g4');
  // Okta deleted "Old" after it was mapped: its mapping is no longer pushed, its members kept none.
  await sql`delete from scim_groups where seq = 4`.execute(opened);
}

it('gives every stored user the rank of their groups, and comes off again', async () => {
  db = openDatabase(':memory:');
  await migrator(db, before006);
  await seed005(db);
  await migrateToLatest(db);
  const ranks = await db
    .selectFrom('scim_users')
    .select(['id', 'licence_rank'])
    .orderBy('seq')
    .execute();
  expect(ranks.map((r) => [r.id, r.licence_rank])).toEqual([
    ['u1', 2],
    ['u2', 1],
    ['u3', 1],
    ['u4', 0],
    ['u5', 0],
  ]);
  expect(await rankMismatches(db)).toEqual([]);

  // Down to 005: 006 and every later migration come off (each later one listed here).
  const m = await migrator(db, {
    ...before006,
    '006_licence_rank': m006,
    '007_oidc_provider': m007,
    '008_events_webhooks': m008,
    '009_must_change_password': m009,
    '010_rate_limits': m010,
    '011_count_shards': m011,
    '012_event_positions': m012,
    '013_event_retention': m013,
  });
  const { error } = await m.migrateTo('005_one_action');
  expect(error).toBeUndefined();
  const columns = await sql<{ name: string }>`pragma table_info(scim_users)`.execute(db);
  expect(columns.rows.map((c) => c.name)).not.toContain('licence_rank');
  await migrateToLatest(db);
  expect(await rankMismatches(db)).toEqual([]);
});
