/** The statements migration 006's triggers share (SQLite), reused by their PL/pgSQL forms. */
export const RECOMPUTE = (
  userSeq: string,
) => `coalesce((select max(mg.rank) from scim_group_members x
    join directory_mapped_groups mg on mg.group_seq = x.group_seq where x.user_seq = ${userSeq}), 0)`;
export const RANK = (row: string) => `(case ${row}.capability when 'pro' then 2 else 1 end)`;
const MEMBERS = (groupId: string) => `(select user_seq from scim_group_members
    where group_seq = (select seq from scim_groups where id = ${groupId}))`;
/** Members of the row's old group whose rank it may have given, above `floor`, recomputed. */
export const LOWER = (
  floor: string,
) => `update scim_users set licence_rank = ${RECOMPUTE('scim_users.seq')}
    where seq in ${MEMBERS('old.scim_group_id')}
      and licence_rank > ${floor} and licence_rank <= ${RANK('old')}
      and licence_rank <> ${RECOMPUTE('scim_users.seq')};`;
export const RAISE = `update scim_users set licence_rank = ${RANK('new')}
    where seq in ${MEMBERS('new.scim_group_id')} and licence_rank < ${RANK('new')};`;
