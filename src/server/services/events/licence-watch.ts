import { sql } from 'kysely';
import type { LicenceCause } from '../../../shared/api/events';
import type { Db } from '../../db/database';
import { LICENCE_LOCK, lockInTransaction } from '../../db/locks';
import { appendEvents, licenceEvent, type NewEvent } from './outbox';

/**
 * Licence ranks are kept by triggers (migration 006), so code never sees them change. A watch
 * reads the seat (the rank while active, 0 while deactivated) of the users a statement may touch
 * before it runs, reads them again after, and writes `user.licence_changed` for each that moved:
 * all in the transaction of the change.
 */
export const SEAT = sql<number>`(case when u.active = 1 then u.licence_rank else 0 end)`;

const CHUNK = 500;

interface Seen {
  id: string;
  userName: string;
  rank: number;
}

function chunked<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

export class LicenceWatch {
  private readonly before = new Map<number, Seen>();

  constructor(
    private readonly trx: Db,
    private readonly cause: LicenceCause,
  ) {}

  /**
   * Reads the seats of `seqs` not read yet (the first reading of a request is its "before"),
   * after writing any mapping-change event still pending for them.
   */
  async capture(seqs: Iterable<number>): Promise<void> {
    const fresh = [...new Set(seqs)].filter((s) => !this.before.has(s));
    await flushPendingFanout(this.trx, fresh);
    for (const part of chunked(fresh)) {
      const rows = await this.trx
        .selectFrom('scim_users as u')
        .select(['u.seq', 'u.id', 'u.user_name', SEAT.as('rank')])
        .where('u.seq', 'in', part)
        .execute();
      for (const r of rows)
        this.before.set(r.seq, { id: r.id, userName: r.user_name, rank: r.rank });
    }
  }

  /** Every member of the group. */
  async captureGroup(groupSeq: number): Promise<void> {
    const rows = await this.trx
      .selectFrom('scim_group_members')
      .select('user_seq')
      .where('group_seq', '=', groupSeq)
      .execute();
    await this.capture(rows.map((r) => r.user_seq));
  }

  /** Writes the events of those whose seat moved; a user deleted since holds no seat. */
  async emit(): Promise<number> {
    if (this.before.size === 0) return 0;
    const seqs = [...this.before.keys()];
    const after = new Map<number, number>();
    for (const part of chunked(seqs)) {
      const rows = await this.trx
        .selectFrom('scim_users as u')
        .select(['u.seq', SEAT.as('rank')])
        .where('u.seq', 'in', part)
        .execute();
      for (const r of rows) after.set(r.seq, r.rank);
    }
    const events: NewEvent[] = [];
    for (const [seq, seen] of this.before) {
      const now = after.get(seq) ?? 0;
      if (now !== seen.rank) events.push(licenceEvent(seen, seen.rank, now, this.cause));
    }
    await appendEvents(this.trx, events);
    this.before.clear();
    return events.length;
  }
}

/**
 * A mapping change's per-person events not written yet for these users are written now, before
 * any newer event about them, so that each person's events stay in order.
 */
export async function flushPendingFanout(trx: Db, seqs: number[]): Promise<void> {
  if (seqs.length === 0) return;
  // Before reading the staged rows, as a fan-out batch does (PostgreSQL; a no-op on SQLite): else
  // both could read the same person's row and write their event twice. Every caller is about to
  // change seats, whose triggers take this lock anyway.
  await lockInTransaction(trx, LICENCE_LOCK);
  for (const part of chunked(seqs)) {
    const rows = await trx
      .selectFrom('event_fanout_users as f')
      .innerJoin('scim_users as u', 'u.seq', 'f.user_seq')
      .select([
        'f.job_id',
        'f.user_seq',
        'f.user_id',
        'u.user_name',
        'f.before_rank',
        // -1: the seat the mapping gave, which the user still has (this runs before any change).
        sql<number>`case when f.after_rank = -1 then ${SEAT} else f.after_rank end`.as(
          'after_rank',
        ),
      ])
      .where('f.user_seq', 'in', part)
      .orderBy('f.job_id')
      .execute();
    if (rows.length === 0) continue;
    await appendEvents(
      trx,
      rows
        .filter((r) => r.before_rank !== r.after_rank)
        .map((r) =>
          licenceEvent(
            { id: r.user_id, userName: r.user_name },
            r.before_rank,
            r.after_rank,
            'mapping_change',
          ),
        ),
    );
    await trx.deleteFrom('event_fanout_users').where('user_seq', 'in', part).execute();
    const perJob = new Map<number, number>();
    for (const r of rows) perJob.set(r.job_id, (perJob.get(r.job_id) ?? 0) + 1);
    for (const [jobId, n] of perJob) {
      await trx
        .updateTable('event_fanout_jobs')
        .set((eb) => ({ written: eb('written', '+', n) }))
        .where('id', '=', jobId)
        .execute();
    }
  }
}
