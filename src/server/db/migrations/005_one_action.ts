import { type Kysely, sql } from 'kysely';

/**
 * One classification of a SCIM request. Until now each request was labelled twice: `action`, words
 * for the summary ("Look up user"), and `kind`, the contract's enum, which called Okta's lookups
 * and reads 'other'. The enum gained lookup_user, get_user, delete_user, lookup_group, get_group
 * and read_configuration; the rows stored before are relabelled from their words, then the words
 * go. Every value stored before is still a value of the enum.
 */
const relabel = `update scim_requests set kind = case action
    when 'Look up user' then 'lookup_user'
    when 'Get user' then 'get_user'
    when 'Delete user' then 'delete_user'
    when 'Look up group' then 'lookup_group'
    when 'Get group' then 'get_group'
    when 'Read service provider configuration' then 'read_configuration'
    when 'Read resource types' then 'read_configuration'
    when 'Read schemas' then 'read_configuration'
    else kind end
  where kind = 'other' or (kind = 'test_connection' and action = 'Look up user')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(relabel).execute(db);
  await sql.raw('alter table scim_requests drop column action').execute(db);
}

/** Back to two labels: the words from the enum, and the new values to 'other' again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `alter table scim_requests add column action text not null default 'Other request'`,
    `update scim_requests set action = case kind
      when 'test_connection' then 'Test the Integration'
      when 'import' then 'Import users'
      when 'lookup_user' then 'Look up user'
      when 'get_user' then 'Get user'
      when 'create_user' then 'Create user'
      when 'update_user' then 'Update user'
      when 'deactivate_user' then 'Deactivate user'
      when 'reactivate_user' then 'Reactivate user'
      when 'delete_user' then 'Delete user'
      when 'lookup_group' then 'Look up group'
      when 'get_group' then 'Get group'
      when 'push_group' then 'Push group'
      when 'rename_group' then 'Rename group'
      when 'add_members' then 'Update group members'
      when 'remove_members' then 'Update group members'
      when 'unlink_group' then 'Delete group'
      when 'read_configuration' then 'Read schemas'
      else 'Other request' end`,
    `update scim_requests set kind = 'other' where kind in
      ('lookup_user', 'get_user', 'delete_user', 'lookup_group', 'get_group', 'read_configuration')`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}
