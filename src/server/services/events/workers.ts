import type { Db } from '../../db/database';
import type { DeliveryWorker } from '../webhooks/delivery-worker';
import type { WebhookDispatcher } from '../webhooks/dispatcher';
import type { FanoutWorker } from './fanout';

/**
 * The background loop, off every request path: mapping fan-out batches, then queueing new
 * events for endpoints, then starting due deliveries. Everything it works from is in the
 * database, so a restart (or a second instance) carries on where this one stopped.
 */
export class EventWorkers {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    readonly db: Db,
    readonly parts: {
      fanout: FanoutWorker;
      dispatcher: WebhookDispatcher;
      deliveries: DeliveryWorker;
    },
    private readonly pollMs: number,
    private readonly onError: (error: Error) => void = () => {},
  ) {
    parts.deliveries.onSettled = () => this.kick();
  }

  /** One round; true when any part found work. */
  async step(): Promise<boolean> {
    let busy = false;
    // A few fan-out batches per round, yielding between them so requests get the database.
    for (let i = 0; i < 4 && (await this.parts.fanout.runOnce()); i++) {
      busy = true;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (await this.parts.dispatcher.runOnce()) busy = true;
    if (await this.parts.deliveries.runOnce()) busy = true;
    return busy;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let busy = false;
        try {
          busy = await this.step();
        } catch (error) {
          this.onError(error as Error);
        }
        if (!this.running) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, busy ? 5 : this.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    })();
  }

  /** Runs the next round now (after a change was committed, or a test event queued). */
  kick(): void {
    this.wake?.();
  }

  /** Stops the loop; deliveries in flight are left to finish or to their lease. */
  async stop(): Promise<void> {
    this.running = false;
    this.kick();
    await this.loop;
  }
}
