import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import type { Db } from '../../db/database';
import type { SecretBox } from '../crypto';
import type { GuardOptions, Resolver } from './address-guard';
import { type SendResult, sendWebhook } from './send';

export interface DeliveryOptions extends GuardOptions {
  resolver: Resolver;
  timeoutMs: number;
  /** Deliveries in flight per endpoint, per instance. */
  concurrency: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** A delivery still failing this long after it was queued is given up, and its endpoint disabled. */
  giveUpAfterMs: number;
}

/** Exponential backoff with full jitter: anywhere up to base·2^attempts (capped), at least base/10. */
export function retryDelay(attempts: number, baseMs: number, maxMs: number, random = Math.random) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempts, 40));
  return Math.max(Math.ceil(baseMs / 10), Math.round(random() * ceiling));
}

interface Claimed {
  id: number;
  endpoint_id: number;
  event_id: string;
  created_at: string;
  attempts: number;
  payload: string | null;
  url: string;
  secret_ciphertext: string;
  ev_type: string | null;
  ev_at: string | null;
  ev_data: string | null;
}

/**
 * Sends due deliveries. A delivery is claimed with a lease (`locked_until`, past the request
 * timeout) by a conditional update, so another instance skips it and a crashed sender's
 * delivery is due again when the lease runs out; one person's (or group's) deliveries go one at a
 * time, in event order. Requests run in the background; `runOnce` only starts them.
 */
export class DeliveryWorker {
  private readonly inFlight = new Map<number, number>();
  private readonly running = new Set<Promise<void>>();
  /** Called when a delivery ends, so the loop claims the next one at once. */
  onSettled: () => void = () => {};

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly options: DeliveryOptions,
    private readonly log: (message: string, details: Record<string, unknown>) => void = () => {},
  ) {}

  private get leaseMs() {
    return Math.round(this.options.timeoutMs * 1.5) + 1_000;
  }

  /** Starts the due deliveries there is room for; true when it started any. */
  async runOnce(): Promise<boolean> {
    const endpoints = await this.db
      .selectFrom('webhook_endpoints')
      .select('id')
      .where('enabled', '=', 1)
      .execute();
    let started = false;
    for (const { id } of endpoints) {
      const room = this.options.concurrency - (this.inFlight.get(id) ?? 0);
      if (room > 0 && (await this.startDue(id, room))) started = true;
    }
    return started;
  }

  /**
   * Claims up to `room` due deliveries of one endpoint (through its index on status and due
   * time) whose person or group has no earlier delivery pending, and starts them.
   */
  private async startDue(endpointId: number, room: number): Promise<boolean> {
    const now = new Date();
    const iso = now.toISOString();
    const { rows } = await sql<{ id: number }>`
      select d.id from webhook_deliveries d
      where d.endpoint_id = ${endpointId} and d.status = 'pending' and d.next_attempt_at <= ${iso}
        and (d.locked_until is null or d.locked_until < ${iso})
        and not exists (select 1 from webhook_deliveries p where p.endpoint_id = d.endpoint_id
          and p.order_key = d.order_key and p.status = 'pending' and p.id < d.id)
      order by d.next_attempt_at limit ${room}`.execute(this.db);
    if (rows.length === 0) return false;
    const lease = new Date(now.getTime() + this.leaseMs).toISOString();
    // One conditional update claims them all: rows another instance claimed meanwhile stay out.
    const claimed = await this.db
      .updateTable('webhook_deliveries')
      .set({ locked_until: lease })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', iso)]))
      .returning('id')
      .execute();
    for (const { id } of claimed) {
      this.inFlight.set(endpointId, (this.inFlight.get(endpointId) ?? 0) + 1);
      const task = this.deliver(id)
        .catch((error: Error) => this.log('webhook delivery failed', { error: error.message }))
        .finally(() => {
          this.inFlight.set(endpointId, (this.inFlight.get(endpointId) ?? 1) - 1);
          this.running.delete(task);
          this.onSettled();
        });
      this.running.add(task);
    }
    return claimed.length > 0;
  }

  /** Deliveries in flight in this process. */
  get active(): number {
    return this.running.size;
  }

  async idle(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async load(id: number): Promise<Claimed | undefined> {
    return this.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .leftJoin('events as ev', 'ev.seq', 'd.event_seq')
      .select([
        'd.id',
        'd.endpoint_id',
        'd.event_id',
        'd.created_at',
        'd.attempts',
        'd.payload',
        'e.url',
        'e.secret_ciphertext',
        'ev.type as ev_type',
        'ev.occurred_at as ev_at',
        'ev.data as ev_data',
      ])
      .where('d.id', '=', id)
      .executeTakeFirst() as Promise<Claimed | undefined>;
  }

  private async deliver(id: number): Promise<void> {
    const row = await this.load(id);
    if (!row) return;
    const body =
      row.payload ??
      `{"id":${JSON.stringify(row.event_id)},"type":${JSON.stringify(row.ev_type ?? '')},"timestamp":${JSON.stringify(row.ev_at ?? '')},"data":${row.ev_data ?? '{}'}}`;
    const at = new Date();
    const signature = new Webhook(this.box.open(row.secret_ciphertext)).sign(
      row.event_id,
      at,
      body,
    );
    const result = await sendWebhook(
      row.url,
      {
        'webhook-id': row.event_id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body,
      this.options,
    );
    await this.record(row, result, at);
  }

  private async record(row: Claimed, result: SendResult, at: Date): Promise<void> {
    const attempts = row.attempts + 1;
    const common = {
      attempts,
      locked_until: null,
      last_attempt_at: at.toISOString(),
      last_status: result.status,
      last_duration_ms: result.durationMs,
      last_error: result.error,
      last_response: result.response,
    };
    if (result.ok) {
      await this.db
        .updateTable('webhook_deliveries')
        .set({ ...common, status: 'delivered', delivered_at: new Date().toISOString() })
        .where('id', '=', row.id)
        .execute();
      return;
    }
    const age = Date.now() - Date.parse(row.created_at);
    if (age < this.options.giveUpAfterMs) {
      const delay = retryDelay(attempts - 1, this.options.retryBaseMs, this.options.retryMaxMs);
      const next = new Date(Date.now() + Math.min(delay, this.options.giveUpAfterMs - age + 1));
      await this.db
        .updateTable('webhook_deliveries')
        .set({ ...common, next_attempt_at: next.toISOString() })
        .where('id', '=', row.id)
        .execute();
      return;
    }
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('webhook_deliveries')
        .set({ ...common, status: 'failed' })
        .where('id', '=', row.id)
        .execute();
      await trx
        .updateTable('webhook_endpoints')
        .set({
          enabled: 0,
          disabled_at: now,
          updated_at: now,
          disabled_reason: `Deliveries kept failing for ${Math.round(this.options.giveUpAfterMs / 3_600_000)} hours, so the console disabled this endpoint. Last error: ${result.error ?? 'unknown'}`,
        })
        .where('id', '=', row.endpoint_id)
        .where('enabled', '=', 1)
        .execute();
    });
  }
}
