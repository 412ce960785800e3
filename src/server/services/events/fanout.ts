import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { isPostgres } from '../../db/dialect';
import { LICENCE_LOCK, lockInTransaction } from '../../db/locks';
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
        // Unused since batches take the licence lock first (PostgreSQL) or the write lock.
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
  /** Most people per batch. */
  maxBatch: number;
  /** How long one batch should hold the database (its write lock): the batch size follows. */
  targetMs: number;
}

const MIN_BATCH = 50;

/** The longest pause after a batch. */
const MAX_PAUSE_MS = 100;

/**
 * Writes the pending per-person events of the oldest unfinished job, one batch per transaction.
 * A batch is sized to hold the database about `targetMs` (counted from when it has the lock:
 * waiting for a SCIM write is not its own work), so SCIM writers, which wait for the write lock
 * (SQLite) or the licence lock (PostgreSQL) while it runs, never wait long.
 */
export class FanoutWorker {
  private size: number;
  private lockedAt = 0;
  /** How long the last batch held the lock, commit included. */
  lastBatchMs = 0;

  constructor(
    private readonly db: Db,
    private readonly options: FanoutOptions = { maxBatch: 2000, targetMs: 25 },
  ) {
    this.size = Math.min(500, options.maxBatch);
  }

  /** One batch of the oldest unfinished job; false when there was nothing to do. */
  async runOnce(): Promise<boolean> {
    const job = await this.db
      .selectFrom('event_fanout_jobs')
      .select('id')
      .where('done_at', 'is', null)
      .orderBy('id')
      .executeTakeFirst();
    if (!job) return false;
    await inTransaction(this.db, (trx) => this.batch(trx, job.id, this.size));
    this.lastBatchMs = performance.now() - this.lockedAt;
    const { targetMs, maxBatch } = this.options;
    const least = Math.min(MIN_BATCH, maxBatch);
    if (this.lastBatchMs > targetMs) this.size = Math.max(least, Math.floor(this.size / 2));
    else if (this.lastBatchMs < targetMs / 2) this.size = Math.min(maxBatch, this.size * 2);
    return true;
  }

  /**
   * How long the loop should wait before the next batch. SQLite: as long as the batch held the
   * write lock (at most 100 ms), since a writer waiting for it polls, and could miss a lock
   * released and taken again at once. PostgreSQL queues the waiters for the licence lock: a
   * SCIM write waiting gets it as soon as the batch commits, so no pause.
   */
  get pauseMs(): number {
    return isPostgres(this.db) ? 0 : Math.min(MAX_PAUSE_MS, Math.max(2, this.lastBatchMs));
  }

  private async batch(trx: Db, jobId: number, size: number): Promise<void> {
    // First, as every event writer does in the end (appendEvents): on PostgreSQL a second
    // instance's batch, or a SCIM write flushing these people (flushPendingFanout), waits here
    // instead of reading the same rows and writing their events twice. A no-op on SQLite.
    await lockInTransaction(trx, LICENCE_LOCK);
    this.lockedAt = performance.now();
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
      .limit(size)
      .execute();
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
    const last = rows[rows.length - 1];
    if (last) {
      await trx
        .deleteFrom('event_fanout_users')
        .where('job_id', '=', jobId)
        .where('user_seq', '<=', last.user_seq)
        .execute();
    }
    // Fewer rows than asked for: that was the last of them (no row is added to a job later).
    const done = rows.length < size ? new Date().toISOString() : null;
    await trx
      .updateTable('event_fanout_jobs')
      .set((eb) => ({ written: eb('written', '+', rows.length), done_at: done }))
      .where('id', '=', jobId)
      .where('done_at', 'is', null)
      .execute();
  }
}
