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
  ...plpgsql(
    'scim_users_licence_member_added',
    `${LOCK}
  update scim_users set licence_rank = mg.rank
    from (select rank from directory_mapped_groups where group_seq = new.group_seq) mg
    where seq = new.user_seq and licence_rank < mg.rank;`,
    'after insert on scim_group_members',
  ),
  ...plpgsql(
    'scim_users_licence_member_removed',
    `${LOCK}
  if exists (select 1 from directory_mapped_groups where group_seq = old.group_seq) then
    update scim_users set licence_rank = ${RECOMPUTE('old.user_seq')}
      where seq = old.user_seq
        and licence_rank <= (select rank from directory_mapped_groups where group_seq = old.group_seq)
        and licence_rank <> ${RECOMPUTE('old.user_seq')};
  end if;`,
    'after delete on scim_group_members',
  ),
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
