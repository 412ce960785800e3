import { Webhook } from 'standardwebhooks';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import type { SecretBox } from '../crypto';
import type { GuardOptions, Resolver } from './address-guard';
import { type Claimed, claimDue } from './delivery-claim';
import { type Outcome, type RetryPolicy, recordOutcome } from './delivery-outcome';
import { sendWebhook } from './send';

export { retryDelay } from './delivery-outcome';

export interface DeliveryOptions extends GuardOptions, RetryPolicy {
  resolver: Resolver;
  timeoutMs: number;
  /** Deliveries in flight per endpoint, per instance. */
  concurrency: number;
}

interface Endpoint {
  id: number;
  url: string;
  secret_ciphertext: string;
}

/**
 * Sends due deliveries, up to `concurrency` at a time per endpoint, over kept-alive connections
 * (send.ts). Each round writes the outcomes of the attempts that ended since the last one and
 * leases what there is room for (delivery-claim.ts), in one transaction. A person's next delivery
 * is never due while an earlier one is pending, in flight included, so one person's events go
 * one at a time and in order, whatever the concurrency. Requests run in the background;
 * `runOnce` only starts them.
 */
export class DeliveryWorker {
  private readonly inFlight = new Map<number, number>();
  private readonly running = new Set<Promise<void>>();
  private outcomes: Outcome[] = [];
  /** Opening the sealed secret and building the signer once per endpoint, not per delivery. */
  private readonly signers = new Map<number, { sealed: string; webhook: Webhook }>();
  /**
   * Called when a delivery ends, so that the loop writes it and claims the next ones; `half` when
   * half its endpoint's slots (or more) are free, which is worth a round at once.
   */
  onSettled: (half: boolean) => void = () => {};

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly options: DeliveryOptions,
    private readonly log: (message: string, details: Record<string, unknown>) => void = () => {},
  ) {}

  private get leaseMs() {
    return Math.round(this.options.timeoutMs * 1.5) + 1_000;
  }

  /** Writes what ended, then starts the due deliveries there is room for; true when busy. */
  async runOnce(): Promise<boolean> {
    const endpoints = await this.db
      .selectFrom('webhook_endpoints')
      .select(['id', 'url', 'secret_ciphertext'])
      .where('enabled', '=', 1)
      .execute();
    const open = endpoints
      .map((endpoint) => ({
        endpoint,
        room: this.options.concurrency - (this.inFlight.get(endpoint.id) ?? 0),
      }))
      .filter((o) => o.room > 0);
    const ended = this.outcomes;
    this.outcomes = [];
    const claimAll = async (db: Db) => {
      const claimed: Array<[Endpoint, Claimed[]]> = [];
      for (const { endpoint, room } of open)
        claimed.push([endpoint, await claimDue(db, endpoint.id, room, this.leaseMs)]);
      return claimed;
    };
    let claimed: Array<[Endpoint, Claimed[]]> = [];
    try {
      // Outcomes and the next leases in one transaction: one write per round. Without outcomes,
      // the search is a read and only a find takes the write lock (its conditional update).
      claimed =
        ended.length === 0
          ? await claimAll(this.db)
          : await inTransaction(this.db, async (trx) => {
              for (const outcome of ended) await recordOutcome(trx, outcome, this.options);
              return claimAll(trx);
            });
    } catch (error) {
      // Not written: the leases run out and these are sent again (at least once, never lost).
      this.log('webhook deliveries not recorded', { error: (error as Error).message });
    }
    let started = 0;
    for (const [endpoint, rows] of claimed) {
      for (const row of rows) this.start(endpoint, row);
      started += rows.length;
    }
    return started > 0 || ended.length > 0;
  }

  private start(endpoint: Endpoint, row: Claimed) {
    this.inFlight.set(endpoint.id, (this.inFlight.get(endpoint.id) ?? 0) + 1);
    const task = this.deliver(endpoint, row)
      .catch((error: Error) => this.log('webhook delivery failed', { error: error.message }))
      .finally(() => {
        const left = (this.inFlight.get(endpoint.id) ?? 1) - 1;
        this.inFlight.set(endpoint.id, left);
        this.running.delete(task);
        this.onSettled(left <= this.options.concurrency / 2);
      });
    this.running.add(task);
  }

  /** Deliveries in flight in this process. */
  get active(): number {
    return this.running.size;
  }

  /** Waits for the deliveries in flight and writes their outcomes. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running]);
    const ended = this.outcomes;
    this.outcomes = [];
    if (ended.length === 0) return;
    await inTransaction(this.db, async (trx) => {
      for (const outcome of ended) await recordOutcome(trx, outcome, this.options);
    });
  }

  private signer(endpoint: Endpoint): Webhook {
    const cached = this.signers.get(endpoint.id);
    if (cached?.sealed === endpoint.secret_ciphertext) return cached.webhook;
    const webhook = new Webhook(this.box.open(endpoint.secret_ciphertext));
    this.signers.set(endpoint.id, { sealed: endpoint.secret_ciphertext, webhook });
    return webhook;
  }

  private async deliver(endpoint: Endpoint, row: Claimed): Promise<void> {
    const body =
      row.payload ??
      `{"id":${JSON.stringify(row.event_id)},"type":${JSON.stringify(row.ev_type ?? '')},"timestamp":${JSON.stringify(row.ev_at ?? '')},"data":${row.ev_data ?? '{}'}}`;
    const at = new Date();
    const signature = this.signer(endpoint).sign(row.event_id, at, body);
    const result = await sendWebhook(
      endpoint.url,
      {
        'webhook-id': row.event_id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body,
      this.options,
    );
    this.outcomes.push({
      id: row.id,
      endpointId: endpoint.id,
      createdAt: row.created_at,
      attempts: row.attempts,
      at,
      result,
    });
  }
}
