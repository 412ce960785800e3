/**
 * The events thread (see thread.ts): its own connection to the server's database, the same loop
 * as in-process. It answers 'kick' and 'stop' from the server and sends its log lines back, so
 * they go out through the server's logger.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabaseAt } from '../../db/database';
import { SecretBox } from '../crypto';
import { systemResolver } from '../webhooks/address-guard';
import { createEventWorkers } from './loop';
import type { ThreadMessage, ThreadSetup } from './thread';

/** Connections of the thread's own pool on PostgreSQL: the loop runs one query at a time. */
const POOL_SIZE = 2;

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
