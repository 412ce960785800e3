import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect';
import { groupBindingTriggers } from './pg/group-binding';
import { runTranslated } from './pg/translate';

const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/**
 * Directory-group mappings (Basic or Pro), end-user sessions and sign-in events.
 *
 * A mapping is bound to the SCIM id of the group Okta pushed, never to its name. A mapping added
 * "anyway" waits with a null `scim_group_id` and binds itself, through the triggers below, when
 * Okta pushes (or renames a group to) that exact, case-sensitive name: SCIM code needs no hook.
 * When Okta deletes the group, the mapping keeps the dangling id ("no longer pushed") and the
 * group's last name; when Okta pushes a group of that name again (unlink, then push), the mapping
 * binds to the new group, so an admin never sees two rows for one group.
 */
const BINDABLE = `select m.id from directory_group_mappings m
  where (m.scim_group_id is null and m.name = new.display_name)
    or (m.last_name = new.display_name
      and not exists (select 1 from scim_groups g where g.id = m.scim_group_id))
  order by m.scim_group_id is null, m.id limit 1`;
const statements = [
  `create table directory_group_mappings (
    id integer primary key autoincrement,
    name text not null,
    capability text not null check (capability in ('basic', 'pro')),
    scim_group_id text,
    bound_name text,
    bound_at text,
    last_name text,
    created_at text not null,
    created_by text not null,
    updated_at text not null
  )`,
  `create unique index directory_group_mappings_group on directory_group_mappings (scim_group_id)
    where scim_group_id is not null`,
  `create unique index directory_group_mappings_waiting on directory_group_mappings (name)
    where scim_group_id is null`,
  'create index directory_group_mappings_created on directory_group_mappings (created_at)',
  // The groups whose members hold a licence: mapped and still pushed. rank: 2 Pro, 1 Basic.
  `create view directory_mapped_groups as
    select g.seq as group_seq, m.id as mapping_id, m.capability as capability,
      case m.capability when 'pro' then 2 else 1 end as rank
    from directory_group_mappings m join scim_groups g on g.id = m.scim_group_id`,
  `create trigger directory_group_mappings_bind_on_push after insert on scim_groups begin
    update directory_group_mappings
      set scim_group_id = new.id, bound_name = new.display_name, bound_at = ${NOW}, last_name = null
      where id = (${BINDABLE});
  end`,
  `create trigger directory_group_mappings_bind_on_rename
    after update of display_name on scim_groups
    when old.display_name is not new.display_name
      and not exists (select 1 from directory_group_mappings where scim_group_id = new.id)
  begin
    update directory_group_mappings
      set scim_group_id = new.id, bound_name = new.display_name, bound_at = ${NOW}, last_name = null
      where id = (${BINDABLE});
  end`,
  `create trigger directory_group_mappings_unlinked after delete on scim_groups begin
    update directory_group_mappings set last_name = old.display_name
      where scim_group_id = old.id;
  end`,
  `create table end_user_sessions (
    token_hash text primary key,
    user_id text not null,
    email text not null,
    csrf_token text not null,
    created_at text not null,
    expires_at text not null
  )`,
  'create index end_user_sessions_expires on end_user_sessions (expires_at)',
  'create index end_user_sessions_user on end_user_sessions (user_id)',
  `create table end_user_last_sign_in (
    user_id text primary key,
    at text not null
  ) without rowid`,
  `create table sign_in_events (
    id integer primary key,
    at text not null,
    login text,
    outcome text not null,
    reason text,
    user_id text
  )`,
  'create index sign_in_events_outcome on sign_in_events (outcome, id)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await runTranslated(db, statements);
    for (const statement of groupBindingTriggers) await sql.raw(statement).execute(db);
    return;
  }
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    // The triggers' functions go with `cascade`; the triggers with their table scim_groups.
    for (const name of ['unlinked', 'bind_on_rename', 'bind_on_push']) {
      await sql
        .raw(`drop function if exists directory_group_mappings_${name}() cascade`)
        .execute(db);
    }
  }
  for (const statement of [
    'drop table if exists sign_in_events',
    'drop table if exists end_user_last_sign_in',
    'drop table if exists end_user_sessions',
    ...(isPostgres(db)
      ? []
      : [
          'drop trigger if exists directory_group_mappings_unlinked',
          'drop trigger if exists directory_group_mappings_bind_on_rename',
          'drop trigger if exists directory_group_mappings_bind_on_push',
        ]),
    'drop view if exists directory_mapped_groups',
    'drop table if exists directory_group_mappings',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
