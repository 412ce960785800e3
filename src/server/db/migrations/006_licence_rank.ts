import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect';
import { LOWER, RAISE, RANK, RECOMPUTE } from './licence-rank-sql';
import { licenceRankTriggers } from './pg/licence-rank';
import { runTranslated } from './pg/translate';

/**
 * Each user's licence rank (2 Pro, 1 Basic, 0 none: the highest rank among their groups in
 * `directory_mapped_groups`) is stored on the user and indexed, so licence filters, their pages
 * in either sort and seat totals are index lookups instead of walks over every membership.
 * Triggers keep it exact on every event that can change it, so SCIM and admin code need no hook:
 *
 * - a membership added raises the member to the group's rank; one removed recomputes the member
 *   when the group gave their rank (only then can it fall);
 * - a mapping added or bound (waiting → synced, re-bind after unlink) raises its group's members;
 *   one removed, lowered or moved to another group recomputes the members that held its rank;
 * - a mapped group deleted by Okta: its memberships are deleted first, while the group and its
 *   mapping are still visible (a cascade runs after the group row is gone), so the rule above
 *   applies; a deleted user takes the column with them.
 *
 * Each trigger works on one membership, or on the members of one group: a PATCH adding 50,000
 * members makes 50,000 constant-time updates. A recomputed row is written only when its rank
 * changes: most members of a big group keep theirs.
 */
const statements = [
  'alter table scim_users add column licence_rank integer not null default 0',
  `update scim_users set licence_rank = r.rank from (
    select m.user_seq, max(mg.rank) as rank from directory_mapped_groups mg
      join scim_group_members m on m.group_seq = mg.group_seq group by m.user_seq
  ) r where r.user_seq = scim_users.seq`,
  // One per sort of the users list; `active` last, so counts by status read the index alone.
  'create index scim_users_licence_user_name on scim_users (licence_rank, user_name_key, active)',
  'create index scim_users_licence_name on scim_users (licence_rank, display_name_key, active)',
  `create trigger scim_users_licence_member_added after insert on scim_group_members
    when exists (select 1 from directory_mapped_groups where group_seq = new.group_seq)
  begin
    update scim_users set licence_rank = mg.rank
      from (select rank from directory_mapped_groups where group_seq = new.group_seq) mg
      where seq = new.user_seq and licence_rank < mg.rank;
  end`,
  `create trigger scim_users_licence_member_removed after delete on scim_group_members
    when exists (select 1 from directory_mapped_groups where group_seq = old.group_seq)
  begin
    update scim_users set licence_rank = ${RECOMPUTE('old.user_seq')}
      where seq = old.user_seq
        and licence_rank <= (select rank from directory_mapped_groups where group_seq = old.group_seq)
        and licence_rank <> ${RECOMPUTE('old.user_seq')};
  end`,
  `create trigger scim_users_licence_group_deleted before delete on scim_groups
    when exists (select 1 from directory_group_mappings where scim_group_id = old.id)
  begin
    delete from scim_group_members where group_seq = old.seq;
  end`,
  `create trigger scim_users_licence_mapping_added after insert on directory_group_mappings
  begin
    ${RAISE}
  end`,
  `create trigger scim_users_licence_mapping_changed
    after update of capability, scim_group_id on directory_group_mappings
    when old.capability is not new.capability or old.scim_group_id is not new.scim_group_id
  begin
    ${LOWER(`(case when new.scim_group_id is old.scim_group_id then ${RANK('new')} else 0 end)`)}
    ${RAISE}
  end`,
  `create trigger scim_users_licence_mapping_removed after delete on directory_group_mappings
  begin
    ${LOWER('0')}
  end`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await runTranslated(db, statements);
    for (const statement of licenceRankTriggers) await sql.raw(statement).execute(db);
    return;
  }
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    for (const name of PG_TRIGGERS) {
      await sql.raw(`drop function if exists scim_users_licence_${name}() cascade`).execute(db);
    }
    for (const statement of DOWN_COMMON) await sql.raw(statement).execute(db);
    return;
  }
  for (const statement of [
    'drop trigger if exists scim_users_licence_mapping_removed',
    'drop trigger if exists scim_users_licence_mapping_changed',
    'drop trigger if exists scim_users_licence_mapping_added',
    'drop trigger if exists scim_users_licence_group_deleted',
    'drop trigger if exists scim_users_licence_member_removed',
    'drop trigger if exists scim_users_licence_member_added',
    ...DOWN_COMMON,
  ]) {
    await sql.raw(statement).execute(db);
  }
}

const PG_TRIGGERS = [
  'mapping_removed',
  'mapping_changed',
  'mapping_added',
  'group_deleted',
  'member_removed',
  'member_added',
];
const DOWN_COMMON = [
  'drop index if exists scim_users_licence_name',
  'drop index if exists scim_users_licence_user_name',
  'alter table scim_users drop column licence_rank',
];
