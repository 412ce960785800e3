/**
 * Migration 002's counter triggers (scim_counts) as PL/pgSQL. Statement triggers over transition
 * tables: one counter update per statement, not per row (PostgreSQL keeps every version of a row
 * updated in one transaction, so 50,000 row-level updates of one counter would each walk a longer
 * chain of versions). `active` is 1 or 0.
 *
 * Migration 011 spreads each total over SHARDS rows (the backend's pid picks one): with one row,
 * every SCIM create held that row's lock until it committed, so creates ran one at a time.
 */
export const SHARDS = 64;

type Add = (name: string, delta: string) => string;

const oneRow: Add = (name, delta) =>
  `  update scim_counts set value = value + d.n from (${delta}) d
    where name = '${name}' and d.n <> 0;`;

const sharded: Add = (name, delta) =>
  `  insert into scim_counts (name, shard, value)
    select '${name}', pg_backend_pid() % ${SHARDS}, d.n from (${delta}) d where d.n <> 0
    on conflict (name, shard) do update set value = scim_counts.value + excluded.value;`;

const ACTIVE_DELTA = `(select count(*) from after_rows where active <> 0)
    - (select count(*) from before_rows where active <> 0)`;

/** [function name, body, trigger event, transition tables] */
function counters(add: Add): [string, string, string, string][] {
  return [
    [
      'scim_users_counted_insert',
      `${add('users_active', 'select count(*) as n from inserted where active <> 0')}
${add('users_inactive', 'select count(*) as n from inserted where active = 0')}`,
      'after insert on scim_users',
      'new table as inserted',
    ],
    [
      'scim_users_counted_delete',
      `${add('users_active', 'select -count(*) as n from deleted where active <> 0')}
${add('users_inactive', 'select -count(*) as n from deleted where active = 0')}
${add('users_deleted', 'select count(*) as n from deleted')}`,
      'after delete on scim_users',
      'old table as deleted',
    ],
    // An update keeps its rows: the active count moves by (active after) - (active before).
    [
      'scim_users_counted_update',
      `${add('users_active', `select ${ACTIVE_DELTA} as n`)}
${add('users_inactive', `select -(${ACTIVE_DELTA}) as n`)}`,
      'after update on scim_users',
      'old table as before_rows new table as after_rows',
    ],
    [
      'scim_groups_counted_insert',
      add('groups', 'select count(*) as n from inserted'),
      'after insert on scim_groups',
      'new table as inserted',
    ],
    [
      'scim_groups_counted_delete',
      add('groups', 'select -count(*) as n from deleted'),
      'after delete on scim_groups',
      'old table as deleted',
    ],
  ];
}

const fn = (
  create: string,
  name: string,
  body: string,
) => `${create} ${name}() returns trigger language plpgsql as $$
begin
${body}
  return null;
end $$`;

/** Migration 002: the functions (one row per total) and their triggers. */
export const scimCountTriggers = counters(oneRow).flatMap(([name, body, on, tables]) => [
  fn('create function', name, body),
  `create trigger ${name} ${on} referencing ${tables} for each statement execute function ${name}()`,
]);

/** Migration 011 (and its undoing): the same functions, over shards or over one row. */
export const scimCountFunctions = (shards: boolean) =>
  counters(shards ? sharded : oneRow).map(([name, body]) =>
    fn('create or replace function', name, body),
  );
