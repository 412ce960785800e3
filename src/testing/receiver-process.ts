/**
 * The demo's webhook receiver (scripts/demo/webhook-receiver.ts) in a process of its own, as an
 * application's would be: it keeps answering while the console's process is busy or blocked.
 * `events()` reads what it received (GET /events), with the time each arrived.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ReceivedEvent } from '../../scripts/demo/webhook-receiver';

const root = path.resolve(import.meta.dirname, '../..');

export interface ReceiverProcess {
  /** Where to send deliveries. */
  url: string;
  events(): Promise<{ count: number; events: ReceivedEvent[] }>;
  close(): Promise<void>;
}

export async function startReceiverProcess(): Promise<ReceiverProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/demo/webhook-receiver.ts', '--port', '0', '--quiet'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the receiver exited (${code})`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening (\S+)/.exec(chunk.toString());
      if (match?.[1]) resolve(match[1]);
    });
  });
  const origin = new URL(url).origin;
  return {
    url,
    events: async () => (await fetch(`${origin}/events`)).json(),
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}
