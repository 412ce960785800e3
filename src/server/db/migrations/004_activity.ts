import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect';
import { runTranslated } from './pg/translate';

/**
 * Provisioning activity, the admin audit log and the deprovisioning safety net.
 *
 * scim_requests gains what the Activity page shows: the Okta action (`kind`, the contract's enum;
 * `action` keeps the summary's words), the outcome, the resource and, as JSON, what changed and
 * what was accepted but not applied. Bodies are never stored. `resource_key` is the resource's
 * name in lower case, for "starts with" searches through its index.
 *
 * A burst groups the deactivations Okta sent within a few minutes once they exceed a share of the
 * active users; scim_deactivations keeps each deactivation for the window and, in a burst, until
 * the burst is pruned.
 */
const statements = [
  `alter table scim_requests add column kind text not null default 'other'`,
  `alter table scim_requests add column outcome text not null default 'success'`,
  'alter table scim_requests add column resource_type text',
  'alter table scim_requests add column resource_id text',
  'alter table scim_requests add column resource_name text',
  'alter table scim_requests add column resource_key text',
  'alter table scim_requests add column changes text',
  'alter table scim_requests add column not_applied text',
  'alter table scim_requests add column error text',
  `update scim_requests set
    outcome = case when status >= 400 then 'error' else 'success' end,
    kind = case action
      when 'Test the Integration' then 'test_connection'
      when 'Import users' then 'import'
      when 'List groups' then 'import'
      when 'Create user' then 'create_user'
      when 'Update user profile' then 'update_user'
      when 'Update user' then 'update_user'
      when 'Deactivate user' then 'deactivate_user'
      when 'Reactivate user' then 'reactivate_user'
      when 'Push group' then 'push_group'
      when 'Rename group' then 'rename_group'
      when 'Update group members' then 'add_members'
      when 'Delete group' then 'unlink_group'
      else 'other' end`,
  'create index scim_requests_at on scim_requests (at)',
  'create index scim_requests_kind on scim_requests (kind, id)',
  'create index scim_requests_outcome on scim_requests (outcome, id)',
  'create index scim_requests_resource_key on scim_requests (resource_key)',
  'create index scim_requests_resource_id on scim_requests (resource_id)',
  `create table audit_log (
    id integer primary key autoincrement,
    at text not null,
    kind text not null,
    actor text not null,
    actor_key text not null,
    summary text not null,
    details text not null
  )`,
  'create index audit_log_at on audit_log (at)',
  'create index audit_log_kind on audit_log (kind, id)',
  'create index audit_log_actor on audit_log (actor_key)',
  `create table deprovisioning_bursts (
    id integer primary key autoincrement,
    started_at text not null,
    last_at text not null,
    deactivated integer not null,
    active_before integer not null,
    reactivated_at text,
    reactivated_by text,
    reactivated_count integer
  )`,
  'create index deprovisioning_bursts_open on deprovisioning_bursts (reactivated_at, last_at)',
  `create table scim_deactivations (
    id integer primary key,
    at text not null,
    user_id text not null,
    burst_id integer references deprovisioning_bursts (id) on delete cascade
  )`,
  'create index scim_deactivations_at on scim_deactivations (at)',
  'create index scim_deactivations_burst on scim_deactivations (burst_id)',
  'create index sign_in_events_at on sign_in_events (at)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return runTranslated(db, statements);
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop index if exists sign_in_events_at',
    'drop table if exists scim_deactivations',
    'drop table if exists deprovisioning_bursts',
    'drop table if exists audit_log',
    'drop index if exists scim_requests_resource_id',
    'drop index if exists scim_requests_resource_key',
    'drop index if exists scim_requests_outcome',
    'drop index if exists scim_requests_kind',
    'drop index if exists scim_requests_at',
  ]) {
    await sql.raw(statement).execute(db);
  }
  for (const column of [
    'error',
    'not_applied',
    'changes',
    'resource_key',
    'resource_name',
    'resource_id',
    'resource_type',
    'outcome',
    'kind',
  ]) {
    await sql.raw(`alter table scim_requests drop column ${column}`).execute(db);
  }
}
