import { sql } from 'kysely';
import type { Db } from './database';
import { isPostgres } from './dialect';
import { lockInTransaction } from './locks';
import { inTransaction } from './transaction';

/** Held by the one transaction that gives events their positions, never by writers. */
const SEQUENCER_LOCK = 'events:sequencer';

/**
 * PostgreSQL (migration 012): gives every committed event that has no position yet (`seq` null)
 * the next positions, in the order the events were written (`ins`), and answers how many it
 * positioned. Readers of `seq` call it first. A no-op on SQLite, where seq is set at insert and
 * its single writer makes that commit order.
 *
 * Why a cursor never passes an event: positions are drawn only here, one sequencer at a time
 * (a lock taken before the statement that reads, so that it sees the last sequencer's work), and
 * each batch draws above the one before. An event still uncommitted is not in a batch; it gets a
 * later, higher position once committed. And one subject's events keep their order: a change
 * that waited for another's commit wrote its events after that one's, so with a higher `ins`,
 * and the earlier is committed (so positioned) no later than the later.
 */
export async function positionEvents(db: Db): Promise<number> {
  if (!isPostgres(db)) return 0;
  const pending = await db
    .selectFrom('events')
    .select(sql`1`.as('one'))
    .where('seq', 'is', null)
    .limit(1)
    .executeTakeFirst();
  if (!pending) return 0;
  return inTransaction(db, async (trx) => {
    await lockInTransaction(trx, SEQUENCER_LOCK);
    // One draw of `c` values from the column's sequence (nextval, then setval to the last),
    // numbered by row_number in `ins` order: no reliance on the order nextval is evaluated in.
    const result = await sql`with todo as (
        select ins, row_number() over (order by ins) as n from events where seq is null),
      total as (select count(*) as c from todo),
      drawn as (
        select setval(s.name, nextval(s.name) + c - 1) - c as base
        from total, (select pg_get_serial_sequence('events', 'seq') as name) s where c > 0)
      update events e set seq = drawn.base + todo.n from todo, drawn where e.ins = todo.ins`.execute(
      trx,
    );
    return Number(result.numAffectedRows ?? 0);
  });
}
