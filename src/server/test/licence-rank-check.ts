/**
 * The licence rank computed at read time, from memberships and mappings, to check the rank the
 * triggers of migration 006 store on each user, and the seat effect computed the same way.
 */
import { sql } from 'kysely';
import type { SeatEffect } from '../../shared/api/directory-groups';
import type { Db } from '../db/database';
import { isPostgres } from '../db/dialect';
import { licenceRankOf, RANK_LICENCE } from '../services/licences';

/** Users whose stored rank differs from the one their memberships give now. */
export async function rankMismatches(db: Db) {
  const rows = await db
    .selectFrom('scim_users as u')
    .select(['u.user_name', 'u.licence_rank as stored', licenceRankOf(sql.ref('u.seq')).as('now')])
    .execute();
  return rows.filter((r) => Number(r.stored) !== Number(r.now));
}

/** Seats by licence among active users, and deactivated users, from read-time ranks. */
export async function readTimeTotals(db: Db) {
  const rows = await db
    .selectFrom('scim_users as u')
    .select(['u.active', licenceRankOf(sql.ref('u.seq')).as('rank')])
    .execute();
  const totals = { pro: 0, basic: 0, none: 0, deactivated: 0 };
  for (const r of rows) {
    if (r.active !== 1) totals.deactivated += 1;
    else totals[RANK_LICENCE[Number(r.rank)] ?? 'none'] += 1;
  }
  return totals;
}

/** Users by licence, whatever their status, from read-time ranks. */
export async function readTimeByLicence(db: Db) {
  const rows = await db
    .selectFrom('scim_users as u')
    .select(licenceRankOf(sql.ref('u.seq')).as('rank'))
    .execute();
  const counts = { pro: 0, basic: 0, none: 0 };
  for (const r of rows) counts[RANK_LICENCE[Number(r.rank)] ?? 'none'] += 1;
  return counts;
}

/** The seat effect of group `groupSeq` giving `newRank`, every member's ranks read anew. */
export async function readTimeSeatEffect(
  db: Db,
  groupSeq: number,
  newRank: number,
): Promise<SeatEffect> {
  const max = sql.raw(isPostgres(db) ? 'greatest' : 'max');
  const { rows } = await sql<{ before: number; after: number; n: number }>`
    select before, ${max}(${newRank}, others) as after, count(*) as n from (
      select coalesce(max(mg.rank), 0) as before,
        coalesce(max(case when x.group_seq <> ${groupSeq} then mg.rank end), 0) as others
      from scim_group_members gm
      join scim_users u on u.seq = gm.user_seq
      join scim_group_members x on x.user_seq = gm.user_seq
      left join directory_mapped_groups mg on mg.group_seq = x.group_seq
      where gm.group_seq = ${groupSeq} and u.active = 1
      group by gm.user_seq
    ) ranks group by before, after`.execute(db);
  const effect: SeatEffect = {
    affectedUsers: 0,
    fromNoneToBasic: 0,
    fromNoneToPro: 0,
    fromBasicToPro: 0,
    fromProToBasic: 0,
    fromBasicToNone: 0,
    fromProToNone: 0,
  };
  const cap = (rank: number) => ['None', 'Basic', 'Pro'][rank] ?? 'None';
  for (const r of rows) {
    effect.affectedUsers += Number(r.n);
    if (r.before !== r.after) {
      effect[`from${cap(r.before)}To${cap(r.after)}` as keyof SeatEffect] += Number(r.n);
    }
  }
  return effect;
}
