/**
 * The events thread (see thread.ts): its own connection to the server's database, the same loop
 * as in-process. It answers 'kick' and 'stop' from the server and sends its log lines back, so
 * they go out through the server's logger.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabaseAt } from '../../db/database';
import { SecretBox } from '../crypto';
import { systemResolver } from '../webhooks/address-guard';
import { createEventWorkers } from './loop';
import type { ThreadMessage, ThreadSetup } from './thread';

/** Connections of the thread's own pool on PostgreSQL: the loop runs one query at a time. */
const POOL_SIZE = 2;

/**
 * Linux keeps a nice value per thread: this one yields the CPU to the thread that answers Okta
 * and the console whenever both want it, so deliveries fill idle time rather than SCIM's. Only
 * the CPU: its transactions stay short (fan-out batches hold the write lock 100 ms at most).
 */
const EVENTS_THREAD_NICE = 10;
function yieldToRequests(): void {
  try {
    // "<pid>/task/<tid>": setpriority(PRIO_PROCESS, tid) sets this thread's nice value alone.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, EVENTS_THREAD_NICE);
  } catch {
    // Not Linux, or not allowed: the thread runs at the server's priority.
  }
}
yieldToRequests();

const setup = workerData as ThreadSetup;
const port = parentPort;
if (!port) throw new Error('thread-main runs as a worker thread');
const send = (message: ThreadMessage) => port.postMessage(message);

const db = openDatabaseAt(setup.database, POOL_SIZE);
const loop = createEventWorkers(
  db,
  new SecretBox(Buffer.from(setup.secretKey)),
  setup.settings,
  systemResolver,
  (message, details) => send({ type: 'log', message, details }),
);

async function stop() {
  await loop.stop();
  await loop.idle();
  await db.destroy();
  send({ type: 'stopped' });
}

port.on('message', (message: unknown) => {
  if (message === 'kick') loop.kick();
  else if (message === 'stop') {
    stop().catch((error: Error) => {
      send({
        type: 'log',
        message: 'events thread stop failed',
        details: { error: error.message },
      });
      send({ type: 'stopped' });
    });
  }
});
await loop.start();
send({ type: 'ready' });
