import type { Db } from '../../db/database';
import { positionEvents } from '../../db/event-positions';
import { inTransaction } from '../../db/transaction';

/** Events per transaction: about 10 ms of inserts, so SCIM writers never wait long for the lock. */
const BATCH = 500;

/**
 * Turns new events into deliveries, endpoint by endpoint, from the endpoint's cursor. The cursor
 * moves in the transaction that inserts the deliveries, and only from the value read (a second
 * instance that read the same value changes nothing), so each event is queued once per endpoint.
 */
export class WebhookDispatcher {
  constructor(private readonly db: Db) {}

  /** True when some endpoint had events to queue. */
  async runOnce(): Promise<boolean> {
    const endpoints = await this.db
      .selectFrom('webhook_endpoints')
      .select(['id', 'cursor', 'event_types'])
      .where('enabled', '=', 1)
      .execute();
    if (endpoints.length > 0) await positionEvents(this.db);
    let busy = false;
    for (const endpoint of endpoints) {
      const types = new Set(JSON.parse(endpoint.event_types) as string[]);
      // Read first, outside a transaction: most rounds find nothing and need no write lock.
      const events = await this.db
        .selectFrom('events')
        .select(['seq', 'id', 'type', 'subject_user_id', 'subject_group_id'])
        .where('seq', '>', endpoint.cursor)
        .orderBy('seq')
        .limit(BATCH)
        .execute();
      const last = events[events.length - 1];
      if (!last) continue;
      const moved = await inTransaction(this.db, async (trx) => {
        const result = await trx
          .updateTable('webhook_endpoints')
          .set({ cursor: last.seq })
          .where('id', '=', endpoint.id)
          .where('cursor', '=', endpoint.cursor)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
        const now = new Date().toISOString();
        const rows = events
          .filter((e) => types.has(e.type))
          .map((e) => ({
            endpoint_id: endpoint.id,
            event_seq: e.seq,
            event_id: e.id,
            event_type: e.type,
            order_key: e.subject_user_id ?? e.subject_group_id ?? e.id,
            payload: null,
            status: 'pending' as const,
            created_at: now,
            next_attempt_at: now,
            locked_until: null,
            last_attempt_at: null,
            last_status: null,
            last_duration_ms: null,
            last_error: null,
            last_response: null,
            delivered_at: null,
          }));
        for (let i = 0; i < rows.length; i += 200) {
          await trx
            .insertInto('webhook_deliveries')
            .values(rows.slice(i, i + 200))
            .execute();
        }
        return true;
      });
      busy ||= moved;
    }
    return busy;
  }
}
