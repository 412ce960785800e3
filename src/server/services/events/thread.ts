import { Worker } from 'node:worker_threads';
import type { DatabaseLocation } from '../../db/database';
import type { EventLoopSettings, LogFn } from './loop';
import type { EventLoop } from './workers';

/** What the thread is started with (structured-cloned: plain data only). */
export interface ThreadSetup {
  database: DatabaseLocation;
  /** The key that opens the endpoints' sealed signing secrets; never logged. */
  secretKey: Uint8Array;
  settings: EventLoopSettings;
}

/** Messages from the thread. */
export type ThreadMessage =
  | { type: 'log'; message: string; details: Record<string, unknown> }
  | { type: 'ready' }
  | { type: 'stopped' };

const RESTART_MS = 1_000;
const STOP_WAIT_MS = 5_000;

/**
 * From source (tsx, vitest) the entry is TypeScript, which a worker thread cannot load by itself
 * on Node 20: a one-line bootstrap loads it through tsx's API. Built, it is dist/server's
 * events-thread.js (scripts/build-server.mjs), next to the bundle that runs this.
 */
function workerFor(setup: ThreadSetup): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./events-thread.js', import.meta.url), { workerData: setup });
  }
  const entry = JSON.stringify(new URL('./thread-main.ts', import.meta.url).href);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const boot = `import(${tsx}).then((api) => api.tsImport(${entry}, ${entry}))`;
  return new Worker(boot, { eval: true, workerData: setup });
}

/**
 * The events loop in a worker thread with its own database connection: fan-out batches,
 * dispatch, signing and webhook requests never run on the event loop that answers Okta, and
 * SQLite's checkpoints after the loop's commits happen in that thread too. A thread that dies is
 * started again; everything it works from is in the database.
 */
export class EventsThread implements EventLoop {
  private worker: Worker | undefined;
  private stopping = false;
  private stopped: (() => void) | undefined;

  constructor(
    private readonly setup: ThreadSetup,
    private readonly log: LogFn,
  ) {}

  /** Resolves when the thread's loop runs, or once it failed to start (and will be retried). */
  start(): Promise<void> {
    if (this.worker || this.stopping) return Promise.resolve();
    const worker = workerFor(this.setup);
    this.worker = worker;
    return new Promise<void>((ready) => {
      worker.on('message', (message: ThreadMessage) => {
        if (message.type === 'log') this.log(message.message, message.details);
        else if (message.type === 'ready') ready();
        else this.stopped?.();
      });
      worker.on('error', (error) => this.log('events thread failed', { error: error.message }));
      worker.on('exit', () => {
        ready();
        this.worker = undefined;
        this.stopped?.();
        if (!this.stopping) setTimeout(() => void this.start(), RESTART_MS).unref();
      });
    });
  }

  kick(): void {
    this.worker?.postMessage('kick');
  }

  /** Lets deliveries in flight end and be written (a few seconds at most), then ends the thread. */
  async stop(): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, STOP_WAIT_MS);
      this.stopped = () => {
        clearTimeout(timer);
        resolve();
      };
      worker.postMessage('stop');
    });
    await worker.terminate();
  }
}
