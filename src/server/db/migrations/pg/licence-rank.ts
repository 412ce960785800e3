import { LOWER, RAISE, RANK, RECOMPUTE } from '../licence-rank-sql';
import { plpgsql } from './translate';

/**
 * Migration 006's licence-rank triggers as PL/pgSQL, same semantics and the same statements.
 *
 * SQLite has one writer at a time; PostgreSQL runs transactions side by side, and each trigger
 * reads memberships and mappings other transactions may be changing (read committed: a trigger
 * would miss a membership added by a transaction not yet committed, and a rank would stay
 * wrong). Every trigger first takes one transaction-scoped advisory lock, so changes to
 * memberships and mappings are applied one transaction at a time, each seeing the last one
 * committed; SCIM user writes that touch no membership are not held by it.
 */
export const LICENCE_LOCK = 6006;
const LOCK = `  perform pg_advisory_xact_lock(${LICENCE_LOCK});`;

export const licenceRankTriggers = [
  // Memberships: statement triggers over the rows the statement added or removed (a PATCH of
  // 5,000 members is one update of their users), same result as SQLite's row triggers.
  `create function scim_users_licence_member_added() returns trigger language plpgsql as $$
begin
${LOCK}
  update scim_users u set licence_rank = x.rank
    from (select i.user_seq, max(mg.rank) as rank from added i
      join directory_mapped_groups mg on mg.group_seq = i.group_seq group by i.user_seq) x
    where u.seq = x.user_seq and u.licence_rank < x.rank;
  return null;
end $$`,
  `create trigger scim_users_licence_member_added after insert on scim_group_members
    referencing new table as added for each statement
    execute function scim_users_licence_member_added()`,
  `create function scim_users_licence_member_removed() returns trigger language plpgsql as $$
begin
${LOCK}
  update scim_users u set licence_rank = ${RECOMPUTE('u.seq')}
    from (select d.user_seq, max(mg.rank) as rank from removed d
      join directory_mapped_groups mg on mg.group_seq = d.group_seq group by d.user_seq) x
    where u.seq = x.user_seq and u.licence_rank <= x.rank
      and u.licence_rank <> ${RECOMPUTE('u.seq')};
  return null;
end $$`,
  `create trigger scim_users_licence_member_removed after delete on scim_group_members
    referencing old table as removed for each statement
    execute function scim_users_licence_member_removed()`,
  ...plpgsql(
    'scim_users_licence_group_deleted',
    `  if exists (select 1 from directory_group_mappings where scim_group_id = old.id) then
${LOCK}
    delete from scim_group_members where group_seq = old.seq;
  end if;`,
    'before delete on scim_groups',
    { returns: 'old' },
  ),
  ...plpgsql(
    'scim_users_licence_mapping_added',
    `${LOCK}\n  ${RAISE}`,
    'after insert on directory_group_mappings',
  ),
  ...plpgsql(
    'scim_users_licence_mapping_changed',
    `${LOCK}
  ${LOWER(`(case when new.scim_group_id is not distinct from old.scim_group_id then ${RANK('new')} else 0 end)`)}
  ${RAISE}`,
    'after update of capability, scim_group_id on directory_group_mappings',
    {
      when: `old.capability is distinct from new.capability
      or old.scim_group_id is distinct from new.scim_group_id`,
    },
  ),
  ...plpgsql(
    'scim_users_licence_mapping_removed',
    `${LOCK}\n  ${LOWER('0')}`,
    'after delete on directory_group_mappings',
  ),
];
