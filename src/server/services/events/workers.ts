import type { DeliveryWorker } from '../webhooks/delivery-worker';
import type { WebhookDispatcher } from '../webhooks/dispatcher';
import type { FanoutWorker } from './fanout';

/** What the server holds of the events loop, whether it runs in-process or in its own thread. */
export interface EventLoop {
  /** Resolves once the loop runs (a thread has loaded). */
  start(): Promise<void>;
  /** Runs the next round now (after a change was committed, or a test event queued). */
  kick(): void;
  stop(): Promise<void>;
}

/** Fan-out batches per round run for about this long before new events are dispatched. */
const FANOUT_ROUND_MS = 200;
/**
 * After a delivery ends, the next round waits up to this long for others to end too (until half
 * the endpoint's slots are free), so that one transaction writes several outcomes and leases:
 * fewer waits for the write lock, for SCIM requests too.
 */
const SETTLE_MS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The background loop, off every request path: mapping fan-out batches, then queueing new
 * events for endpoints, then starting due deliveries. Everything it works from is in the
 * database, so a restart (or a second instance) carries on where this one stopped.
 */
export class EventWorkers implements EventLoop {
  private running = false;
  private kicked = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private settling: NodeJS.Timeout | undefined;

  constructor(
    readonly parts: {
      fanout: FanoutWorker;
      dispatcher: WebhookDispatcher;
      deliveries: DeliveryWorker;
    },
    private readonly pollMs: number,
    private readonly onError: (error: Error) => void = () => {},
  ) {
    parts.deliveries.onSettled = (half) => {
      if (half) return this.kick();
      this.settling ??= setTimeout(() => {
        this.settling = undefined;
        this.kick();
      }, SETTLE_MS);
    };
  }

  /** One round; true when any part found work. */
  async step(): Promise<boolean> {
    let busy = false;
    const until = performance.now() + FANOUT_ROUND_MS;
    while (this.running && (await this.parts.fanout.runOnce())) {
      busy = true;
      // SCIM writers get the database between batches (FanoutWorker.pauseMs).
      const pause = this.parts.fanout.pauseMs;
      await (pause > 0 ? sleep(pause) : new Promise((resolve) => setImmediate(resolve)));
      if (performance.now() > until) break;
    }
    if (await this.parts.dispatcher.runOnce()) busy = true;
    if (await this.parts.deliveries.runOnce()) busy = true;
    return busy;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let busy = false;
        this.kicked = false;
        try {
          busy = await this.step();
        } catch (error) {
          this.onError(error as Error);
        }
        if (!this.running) break;
        await new Promise<void>((resolve) => {
          // Kicked during the round (a delivery ended): again as soon as I/O has had its turn.
          if (this.kicked) return setImmediate(resolve);
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

  kick(): void {
    clearTimeout(this.settling);
    this.settling = undefined;
    this.kicked = true;
    this.wake?.();
  }

  /** Stops the loop; deliveries in flight are left to finish or to their lease. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.settling);
    this.kick();
    await this.loop;
  }

  /** Waits for the deliveries in flight and writes their outcomes (before closing the database). */
  async idle(): Promise<void> {
    await this.parts.deliveries.idle();
  }
}
