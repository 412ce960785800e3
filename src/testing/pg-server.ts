/**
 * Starts and stops the throwaway PostgreSQL of scripts/pg-test-server.sh (initdb in a temp
 * directory, 127.0.0.1 only, a free port, run as a non-root user), for tests and benchmarks.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../scripts/pg-test-server.sh',
);

export interface PgServer {
  /** postgres://okta:…@127.0.0.1:port/postgres: a superuser on the `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

/** `durable`: fsync on (benchmarks); tests run with fsync off. */
export async function startPgServer(options: { durable?: boolean } = {}): Promise<PgServer> {
  const { stdout } = await run(script, ['start', ...(options.durable ? ['--durable'] : [])]);
  const [url, dir] = stdout.trim().split('\n');
  if (!url || !dir) throw new Error('pg-test-server.sh printed no URL');
  let stopped = false;
  return {
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await run(script, ['stop', dir]);
    },
  };
}

/** The same server's URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
