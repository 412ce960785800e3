import { PG_NOW, plpgsql } from './translate';

/**
 * Migration 003's binding triggers as PL/pgSQL, same semantics: a waiting mapping, or one whose
 * group Okta deleted, binds to a group pushed (or renamed) with exactly its name.
 */
const BINDABLE = `select m.id from directory_group_mappings m
  where (m.scim_group_id is null and m.name = new.display_name)
    or (m.last_name = new.display_name
      and not exists (select 1 from scim_groups g where g.id = m.scim_group_id))
  order by m.scim_group_id is null, m.id limit 1`;
const BIND = `update directory_group_mappings
      set scim_group_id = new.id, bound_name = new.display_name, bound_at = ${PG_NOW}, last_name = null
      where id = (${BINDABLE});`;

export const groupBindingTriggers = [
  ...plpgsql('directory_group_mappings_bind_on_push', `  ${BIND}`, 'after insert on scim_groups'),
  ...plpgsql(
    'directory_group_mappings_bind_on_rename',
    `  if not exists (select 1 from directory_group_mappings where scim_group_id = new.id) then
    ${BIND}
  end if;`,
    'after update of display_name on scim_groups',
    { when: 'old.display_name is distinct from new.display_name' },
  ),
  ...plpgsql(
    'directory_group_mappings_unlinked',
    `  update directory_group_mappings set last_name = old.display_name
    where scim_group_id = old.id;`,
    'after delete on scim_groups',
  ),
];
