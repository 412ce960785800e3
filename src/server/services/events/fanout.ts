import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { SEAT } from './licence-watch';
import { appendEvents, licenceEvent, newEventId } from './outbox';

/**
 * A mapping change can move 100,000 people. Its transaction writes `mapping.changed` and copies
 * the members' seats before and after into `event_fanout_users` (two set statements, no loop);
 * the worker below then writes one `user.licence_changed` per person in batches, each its own
 * short transaction, so SCIM writers wait at most one batch. A crash resumes from the rows left.
 */
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
      await trx
        .insertInto('event_fanout_users')
        .columns(['job_id', 'user_seq', 'user_id', 'before_rank', 'after_rank'])
        .expression((eb) =>
          eb
            .selectFrom('scim_group_members as m')
            .innerJoin('scim_users as u', 'u.seq', 'm.user_seq')
            .select([sql.lit(id).as('job_id'), 'u.seq', 'u.id', SEAT.as('b'), SEAT.as('a')])
            .where('m.group_seq', '=', groupSeq),
        )
        .execute();
    }
    return new MappingFanout(trx, id, eventId);
  }

  /** After the statement: the seats now, only the people who moved kept, and the event. */
  async finish(mapping: Record<string, unknown>): Promise<number> {
    await sql`update event_fanout_users set after_rank = coalesce((select ${SEAT} from scim_users u
      where u.seq = event_fanout_users.user_seq), 0) where job_id = ${this.jobId}`.execute(
      this.trx,
    );
    await sql`delete from event_fanout_users where job_id = ${this.jobId}
      and before_rank = after_rank`.execute(this.trx);
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
      { id: this.eventId, type: 'mapping.changed', data: { mapping, affectedUsers: total } },
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
        .select(['f.user_seq', 'f.user_id', 'u.user_name', 'f.before_rank', 'f.after_rank'])
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
        rows.map((r) =>
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
