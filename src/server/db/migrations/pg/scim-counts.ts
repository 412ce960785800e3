import { plpgsql } from './translate';

/** Migration 002's counter triggers (scim_counts), as PL/pgSQL. `active` is 1 or 0. */
export const scimCountTriggers = [
  ...plpgsql(
    'scim_users_counted',
    `  if tg_op = 'INSERT' then
    update scim_counts set value = value + 1
      where name = case when new.active <> 0 then 'users_active' else 'users_inactive' end;
  elsif tg_op = 'DELETE' then
    update scim_counts set value = value - 1
      where name = case when old.active <> 0 then 'users_active' else 'users_inactive' end;
    update scim_counts set value = value + 1 where name = 'users_deleted';
  elsif old.active <> new.active then
    update scim_counts set value = value + case when new.active <> 0 then 1 else -1 end
      where name = 'users_active';
    update scim_counts set value = value + case when new.active <> 0 then -1 else 1 end
      where name = 'users_inactive';
  end if;`,
    'after insert or delete or update of active on scim_users',
  ),
  ...plpgsql(
    'scim_groups_counted',
    `  update scim_counts set value = value + case when tg_op = 'INSERT' then 1 else -1 end
    where name = 'groups';`,
    'after insert or delete on scim_groups',
  ),
];
