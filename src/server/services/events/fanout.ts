import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { SEAT } from './licence-watch';
import { appendEvents, licenceEvent, newEventId } from './outbox';

/**
 * A mapping change can move 100,000 people. Its transaction writes `mapping.changed` and copies
 * the members' seats before the change into `event_fanout_users` (one insert ... select); the
 * worker below then writes one `user.licence_changed` per person whose seat moved, in batches,
 * each its own short transaction, so SCIM writers wait at most one batch. A crash resumes from
 * the rows left.
 *
 * The seat after is read when the event is written (`after_rank` = PENDING_AFTER until then).
 * That is the seat the mapping gave, because every later change that can move a seat writes the
 * person's pending event first (LicenceWatch.capture), and a later mapping change fixes the seat
 * after of the older job's rows for its members before it runs.
 */
export const PENDING_AFTER = -1;

const seatOf = (seq: string) =>
  sql<number>`coalesce((select case when u.active = 1 then u.licence_rank else 0 end
    from scim_users u where u.seq = ${sql.ref(seq)}), 0)`;
export class MappingFanout {
  private constructor(
    private readonly trx: Db,
    readonly jobId: number,
    private readonly eventId: string,
  ) {}

  /** Before the mapping statement: the job and the seats of the group's members now. */
  static async begin(trx: Db, groupSeq: number | null): Promise<MappingFanout> {
    const eventId = newEventId();
    const { id } = await trx
      .insertInto('event_fanout_jobs')
      .values({
        event_id: eventId,
        cause: 'mapping_change',
        created_at: new Date().toISOString(),
        total: 0,
        locked_until: null,
        done_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (groupSeq !== null) {
      // Older jobs still fanning out: their members' seat after is the one they have now.
      await sql`update event_fanout_users set after_rank = ${seatOf('event_fanout_users.user_seq')}
        where after_rank = ${PENDING_AFTER} and user_seq in
          (select user_seq from scim_group_members where group_seq = ${groupSeq})`.execute(trx);
      await trx
        .insertInto('event_fanout_users')
        .columns(['job_id', 'user_seq', 'user_id', 'before_rank', 'after_rank'])
        .expression((eb) =>
          eb
            .selectFrom('scim_group_members as m')
            .innerJoin('scim_users as u', 'u.seq', 'm.user_seq')
            .select([
              sql.lit(id).as('job_id'),
              'u.seq',
              'u.id',
              SEAT.as('b'),
              sql.lit(PENDING_AFTER).as('a'),
            ])
            .where('m.group_seq', '=', groupSeq),
        )
        .execute();
    }
    return new MappingFanout(trx, id, eventId);
  }

  /** After the statement: the job's size and the `mapping.changed` event. */
  async finish(mapping: Record<string, unknown>): Promise<number> {
    const { n } = await this.trx
      .selectFrom('event_fanout_users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('job_id', '=', this.jobId)
      .executeTakeFirstOrThrow();
    const total = Number(n);
    await this.trx
      .updateTable('event_fanout_jobs')
      .set({ total, done_at: total === 0 ? new Date().toISOString() : null })
      .where('id', '=', this.jobId)
      .execute();
    await appendEvents(this.trx, [
      { id: this.eventId, type: 'mapping.changed', data: { mapping, members: total } },
    ]);
    return total;
  }
}

export interface FanoutOptions {
  batchSize: number;
  leaseMs: number;
}

/** Writes the pending per-person events of the oldest unfinished job, one batch at a time. */
export class FanoutWorker {
  constructor(
    private readonly db: Db,
    private readonly options: FanoutOptions = { batchSize: 1000, leaseMs: 30_000 },
  ) {}

  private async claim(): Promise<number | undefined> {
    const job = await this.db
      .selectFrom('event_fanout_jobs')
      .select('id')
      .where('done_at', 'is', null)
      .orderBy('id')
      .executeTakeFirst();
    if (!job) return undefined;
    const now = new Date();
    const result = await this.db
      .updateTable('event_fanout_jobs')
      .set({ locked_until: new Date(now.getTime() + this.options.leaseMs).toISOString() })
      .where('id', '=', job.id)
      .where((eb) =>
        eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? job.id : undefined;
  }

  /** One batch of the claimed job; false when there was nothing to do. */
  async runOnce(): Promise<boolean> {
    const jobId = await this.claim();
    if (jobId === undefined) return false;
    await inTransaction(this.db, async (trx) => {
      const rows = await trx
        .selectFrom('event_fanout_users as f')
        .leftJoin('scim_users as u', 'u.seq', 'f.user_seq')
        .select([
          'f.user_seq',
          'f.user_id',
          'u.user_name',
          'f.before_rank',
          sql<number>`case when f.after_rank = ${PENDING_AFTER} then coalesce(${SEAT}, 0)
            else f.after_rank end`.as('after_rank'),
        ])
        .where('f.job_id', '=', jobId)
        .orderBy('f.user_seq')
        .limit(this.options.batchSize)
        .execute();
      const now = new Date().toISOString();
      if (rows.length === 0) {
        await trx
          .updateTable('event_fanout_jobs')
          .set({ done_at: now, locked_until: null })
          .where('id', '=', jobId)
          .execute();
        return;
      }
      await appendEvents(
        trx,
        rows
          .filter((r) => r.before_rank !== r.after_rank)
          .map((r) =>
            licenceEvent(
              { id: r.user_id, userName: r.user_name ?? '' },
              r.before_rank,
              r.after_rank,
              'mapping_change',
            ),
          ),
      );
      const last = rows[rows.length - 1]?.user_seq ?? 0;
      await trx
        .deleteFrom('event_fanout_users')
        .where('job_id', '=', jobId)
        .where('user_seq', '<=', last)
        .execute();
      await trx
        .updateTable('event_fanout_jobs')
        .set((eb) => ({ written: eb('written', '+', rows.length), locked_until: null }))
        .where('id', '=', jobId)
        .execute();
    });
    return true;
  }
}
