import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect';
import { scimCountTriggers } from './pg/scim-counts';
import { runTranslated } from './pg/translate';

/**
 * SCIM storage. Users and groups keep their full SCIM document as JSON (`doc`) and copy every
 * filterable attribute into an indexed column; `*_key` columns hold the lower-cased value of
 * attributes that compare case-insensitively. Memberships and emails are rows, indexed both ways.
 * Counters are kept by triggers so totals never scan a table; `users_deleted` tells the paging
 * cursor that positions have shifted.
 */
const statements = [
  `create table scim_access_keys (
    id integer primary key autoincrement,
    prefix text not null,
    key_hash text not null unique,
    created_at text not null,
    created_by text not null,
    first_used_at text,
    last_used_at text,
    revoked_at text
  )`,
  `create table scim_users (
    seq integer primary key,
    id text not null unique,
    user_name text not null,
    user_name_key text not null collate nocase unique,
    external_id text,
    display_name_key text collate nocase,
    given_name_key text collate nocase,
    family_name_key text collate nocase,
    active integer not null,
    doc text not null,
    created_at text not null,
    last_modified text not null
  )`,
  'create index scim_users_external_id on scim_users (external_id)',
  'create index scim_users_display_name on scim_users (display_name_key)',
  'create index scim_users_given_name on scim_users (given_name_key)',
  'create index scim_users_family_name on scim_users (family_name_key)',
  'create index scim_users_created on scim_users (created_at)',
  'create index scim_users_modified on scim_users (last_modified)',
  `create table scim_user_emails (
    user_seq integer not null references scim_users (seq) on delete cascade,
    value_key text collate nocase,
    type_key text collate nocase,
    is_primary integer not null
  )`,
  'create index scim_user_emails_user on scim_user_emails (user_seq)',
  'create index scim_user_emails_value on scim_user_emails (value_key)',
  `create table scim_groups (
    seq integer primary key,
    id text not null unique,
    display_name text not null,
    display_name_key text not null collate nocase unique,
    external_id text,
    doc text not null,
    created_at text not null,
    last_modified text not null
  )`,
  'create index scim_groups_external_id on scim_groups (external_id)',
  'create index scim_groups_created on scim_groups (created_at)',
  'create index scim_groups_modified on scim_groups (last_modified)',
  `create table scim_group_members (
    group_seq integer not null references scim_groups (seq) on delete cascade,
    user_seq integer not null references scim_users (seq) on delete cascade,
    primary key (group_seq, user_seq)
  ) without rowid`,
  'create index scim_group_members_user on scim_group_members (user_seq, group_seq)',
  `create table scim_counts (name text primary key, value integer not null) without rowid`,
  `insert into scim_counts (name, value) values ('users_active', 0), ('users_inactive', 0), ('users_deleted', 0), ('groups', 0)`,
  `create trigger scim_users_counted_insert after insert on scim_users begin
    update scim_counts set value = value + 1
      where name = case when new.active then 'users_active' else 'users_inactive' end;
  end`,
  `create trigger scim_users_counted_delete after delete on scim_users begin
    update scim_counts set value = value - 1
      where name = case when old.active then 'users_active' else 'users_inactive' end;
    update scim_counts set value = value + 1 where name = 'users_deleted';
  end`,
  `create trigger scim_users_counted_update after update of active on scim_users
    when old.active <> new.active begin
    update scim_counts set value = value + case when new.active then 1 else -1 end
      where name = 'users_active';
    update scim_counts set value = value + case when new.active then -1 else 1 end
      where name = 'users_inactive';
  end`,
  `create trigger scim_groups_counted_insert after insert on scim_groups begin
    update scim_counts set value = value + 1 where name = 'groups';
  end`,
  `create trigger scim_groups_counted_delete after delete on scim_groups begin
    update scim_counts set value = value - 1 where name = 'groups';
  end`,
  `create table scim_requests (
    id integer primary key,
    at text not null,
    method text not null,
    path text not null,
    status integer not null,
    duration_ms real not null,
    action text not null
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await runTranslated(db, statements);
    for (const statement of scimCountTriggers) await sql.raw(statement).execute(db);
    return;
  }
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'scim_requests',
    'scim_counts',
    'scim_group_members',
    'scim_groups',
    'scim_user_emails',
    'scim_users',
    'scim_access_keys',
  ]) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
}
