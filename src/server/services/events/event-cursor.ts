import type { Db } from '../../db/database';
import { invalidField, ServiceError } from '../errors';

export const encodeCursor = (text: string) => Buffer.from(text).toString('base64url');
export const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

export const UNKNOWN_CURSOR = 'This cursor is not one this API gave out: start again without it.';

function gone(days: number, oldest: string | undefined): ServiceError {
  const kept = oldest ? ` The oldest event kept is from ${oldest}.` : ' No older event is kept.';
  const message = `This cursor is older than the events kept: events are kept for ${days} days (ACTIVITY_RETENTION_DAYS), and some that came after it were deleted.${kept} Read the current state from /api/v1/users, then read the events again from the start (without after).`;
  return new ServiceError('gone', message, { after: message });
}

/**
 * The seq an events cursor stands for. A cursor names an event (seq and id), so one made up or
 * from another installation is refused (400) instead of silently skipping. One at or after what
 * pruning removed (`event_retention`) reads on; one before it is refused with 410, since events
 * after it may be gone: never a silent gap. `e:0:` (given out while there were no events) is
 * before everything.
 */
export async function eventCursorSeq(db: Db, cursor: string | undefined, days: number) {
  if (cursor === undefined || cursor === '') return 0;
  const match = /^e:(\d{1,15}):(evt_[A-Za-z0-9_-]{1,40})?$/.exec(decodeCursor(cursor));
  if (!match) throw invalidField('after', UNKNOWN_CURSOR);
  const seq = Number(match[1]);
  const retention = await db
    .selectFrom('event_retention')
    .select('pruned_through')
    .where('id', '=', 1)
    .executeTakeFirst();
  const prunedThrough = Number(retention?.pruned_through ?? 0);
  if (seq < prunedThrough) {
    const oldest = await db
      .selectFrom('events')
      .select('occurred_at')
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    throw gone(days, oldest?.occurred_at);
  }
  if (seq === 0 && !match[2]) return 0;
  const row = await db
    .selectFrom('events')
    .select('seq')
    .where('seq', '=', seq)
    .where('id', '=', match[2] ?? '')
    .executeTakeFirst();
  // The very last event pruned cannot be checked any more; nothing after it is missing.
  if (!row && seq !== prunedThrough) throw invalidField('after', UNKNOWN_CURSOR);
  return seq;
}
