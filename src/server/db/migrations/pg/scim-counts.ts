/**
 * Migration 002's counter triggers (scim_counts) as PL/pgSQL. Statement triggers over transition
 * tables: one counter update per statement, not per row (PostgreSQL keeps every version of a row
 * updated in one transaction, so 50,000 row-level updates of one counter would each walk a longer
 * chain of versions). `active` is 1 or 0.
 */
const counted = (name: string, body: string, on: string, tables: string) => [
  `create function ${name}() returns trigger language plpgsql as $$
begin
${body}
  return null;
end $$`,
  `create trigger ${name} ${on} referencing ${tables} for each statement execute function ${name}()`,
];

const ACTIVE_DELTA = `(select count(*) from after_rows where active <> 0)
    - (select count(*) from before_rows where active <> 0)`;

const add = (name: string, delta: string) =>
  `  update scim_counts set value = value + d.n from (${delta}) d
    where name = '${name}' and d.n <> 0;`;

export const scimCountTriggers = [
  ...counted(
    'scim_users_counted_insert',
    `${add('users_active', 'select count(*) as n from inserted where active <> 0')}
${add('users_inactive', 'select count(*) as n from inserted where active = 0')}`,
    'after insert on scim_users',
    'new table as inserted',
  ),
  ...counted(
    'scim_users_counted_delete',
    `${add('users_active', 'select -count(*) as n from deleted where active <> 0')}
${add('users_inactive', 'select -count(*) as n from deleted where active = 0')}
${add('users_deleted', 'select count(*) as n from deleted')}`,
    'after delete on scim_users',
    'old table as deleted',
  ),
  // An update keeps its rows: the active count moves by (active after) - (active before).
  ...counted(
    'scim_users_counted_update',
    `${add('users_active', `select ${ACTIVE_DELTA} as n`)}
${add('users_inactive', `select -(${ACTIVE_DELTA}) as n`)}`,
    'after update on scim_users',
    'old table as before_rows new table as after_rows',
  ),
  ...counted(
    'scim_groups_counted_insert',
    add('groups', 'select count(*) as n from inserted'),
    'after insert on scim_groups',
    'new table as inserted',
  ),
  ...counted(
    'scim_groups_counted_delete',
    add('groups', 'select -count(*) as n from deleted'),
    'after delete on scim_groups',
    'old table as deleted',
  ),
];
