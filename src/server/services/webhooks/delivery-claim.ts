import { sql } from 'kysely';
import type { Db } from '../../db/database';

/** A leased delivery with what its request needs: the event, or a test event's own body. */
export interface Claimed {
  id: number;
  event_id: string;
  created_at: string;
  attempts: number;
  payload: string | null;
  ev_type: string | null;
  ev_at: string | null;
  ev_data: string | null;
}

/**
 * Leases up to `room` due deliveries of one endpoint (through its index on status and due
 * time) whose person or group has no earlier delivery pending, with what their requests need.
 */
export async function claimDue(
  db: Db,
  endpointId: number,
  room: number,
  leaseMs: number,
): Promise<Claimed[]> {
  const now = new Date();
  const iso = now.toISOString();
  const { rows } = await sql<Claimed>`
    select d.id, d.event_id, d.created_at, d.attempts, d.payload,
      ev.type as ev_type, ev.occurred_at as ev_at, ev.data as ev_data
    from webhook_deliveries d left join events ev on ev.seq = d.event_seq
    where d.endpoint_id = ${endpointId} and d.status = 'pending'
      and d.next_attempt_at <= ${iso} and (d.locked_until is null or d.locked_until < ${iso})
      and not exists (select 1 from webhook_deliveries p where p.endpoint_id = d.endpoint_id
        and p.order_key = d.order_key and p.status = 'pending' and p.id < d.id)
    order by d.next_attempt_at limit ${room}`.execute(db);
  if (rows.length === 0) return [];
  const lease = new Date(now.getTime() + leaseMs).toISOString();
  // One conditional update leases them all: rows another instance took meanwhile stay out.
  const leased = await db
    .updateTable('webhook_deliveries')
    .set({ locked_until: lease })
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', iso)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', iso)]))
    .returning(['id', 'attempts', 'created_at'])
    .execute();
  // The attempt count as leased (another instance may have tried it since the select).
  const ours = new Map(leased.map((c) => [c.id, c]));
  return rows.flatMap((row) => {
    const mine = ours.get(row.id);
    return mine ? [{ ...row, ...mine }] : [];
  });
}
