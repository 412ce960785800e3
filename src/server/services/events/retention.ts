import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { positionEvents } from '../../db/event-positions';
import { runExclusive } from '../../db/locks';
import { inTransaction } from '../../db/transaction';

/** Rows per delete statement: a few tens of ms each, with a pause after, so writers get through. */
const CHUNK = 2000;
const PAUSE_MS = 20;

const pause = () => new Promise((resolve) => setTimeout(resolve, PAUSE_MS));

/**
 * Deletes what is older than ACTIVITY_RETENTION_DAYS from the outbox (`Retention` does the
 * activity logs; both run in the hourly prune, on one instance at a time).
 *
 * - Deliveries that were delivered or given up, created before the cutoff. Pending ones stay.
 * - Events from the oldest up, before the cutoff, but never one that a pending delivery still
 *   sends, nor one an enabled endpoint has not queued yet: the first of those ends the run.
 *   `event_retention.pruned_through` records how far it went, in the transaction of each delete,
 *   so the events API can tell a reader that its cursor is older than what is kept.
 * - Fan-out jobs finished before the cutoff.
 *
 * An endpoint disabled for longer than the retention does not get the events pruned meanwhile
 * when it is enabled again (README).
 */
export class EventRetention {
  private stopping = false;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Db) {}

  /**
   * Prunes now and every `everyMs`, in the background: a first run over a large outbox takes a
   * while, and the server must not wait for it to start. One instance at a time (runExclusive).
   */
  start(cutoff: () => string, everyMs: number, onError: (error: Error) => void): void {
    const run = () => {
      this.running ??= runExclusive(this.db, 'prune-events', () => this.pruneBefore(cutoff()))
        .then(() => undefined)
        .catch(onError)
        .finally(() => {
          this.running = undefined;
        });
    };
    run();
    this.timer = setInterval(run, everyMs);
    this.timer.unref();
  }

  /** Ends the run in progress after its current statement (before the database closes). */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.running;
  }

  async pruneBefore(cutoff: string): Promise<void> {
    await this.pruneDeliveries(cutoff);
    await this.pruneEvents(cutoff);
    if (this.stopping) return;
    await this.db.deleteFrom('event_fanout_jobs').where('done_at', '<', cutoff).execute();
  }

  private async pruneDeliveries(cutoff: string): Promise<void> {
    for (;;) {
      const old = this.db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('created_at', '<', cutoff)
        .where('status', '<>', 'pending')
        .orderBy('id')
        .limit(CHUNK);
      const result = await this.db
        .deleteFrom('webhook_deliveries')
        .where('id', 'in', old)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) < CHUNK || this.stopping) return;
      await pause();
    }
  }

  /** The highest seq that may go: below the first event that must stay. */
  private async limit(cutoff: string): Promise<number> {
    // PostgreSQL: events committed without a position get theirs first; one still unpositioned
    // gets a higher seq than any here, and `seq <= through` never deletes it.
    await positionEvents(this.db);
    const keep: number[] = [];
    const young = await this.db
      .selectFrom('events')
      .select('seq')
      .where('occurred_at', '>=', cutoff)
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    if (young) keep.push(young.seq);
    const endpoints = await this.db
      .selectFrom('webhook_endpoints')
      .select(['id', 'cursor', 'enabled'])
      .execute();
    for (const e of endpoints) {
      if (e.enabled === 1) keep.push(Number(e.cursor) + 1);
      const pending = await this.db
        .selectFrom('webhook_deliveries')
        .select((eb) => eb.fn.min('event_seq').as('seq'))
        .where('endpoint_id', '=', e.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (pending?.seq != null) keep.push(Number(pending.seq));
    }
    if (keep.length > 0) return Math.min(...keep) - 1;
    const last = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    return Number(last?.seq ?? 0);
  }

  private async pruneEvents(cutoff: string): Promise<void> {
    const upTo = await this.limit(cutoff);
    for (;;) {
      const done = await inTransaction(this.db, async (trx) => {
        const { pruned_through: from } = await trx
          .selectFrom('event_retention')
          .select('pruned_through')
          .where('id', '=', 1)
          .executeTakeFirstOrThrow();
        const through = Math.min(upTo, Number(from) + CHUNK);
        if (through <= Number(from)) return true;
        // A delivery made pending since `limit` ran (a resend) keeps its event.
        await trx
          .deleteFrom('events')
          .where('seq', '<=', through)
          .where(
            sql<boolean>`not exists (select 1 from webhook_deliveries d
              where d.event_seq = events.seq and d.status = 'pending')`,
          )
          .execute();
        await trx
          .updateTable('event_retention')
          .set({ pruned_through: through, pruned_at: new Date().toISOString() })
          .where('id', '=', 1)
          .execute();
        return through >= upTo;
      });
      if (done || this.stopping) return;
      await pause();
    }
  }
}
