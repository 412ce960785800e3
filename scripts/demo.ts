/**
 * `npm run demo`: the whole flow on loopback without an Okta tenant. The console (built server),
 * an Okta stand-in with a few people, and Okta's provisioning app sending SCIM requests; see
 * scripts/demo/. Ctrl-C or SIGTERM stops all of it and deletes the temporary data directory.
 *
 *   --configured      also save the incoming keys and map Engineering → Pro, Sales → Basic
 *   --port N          console port (DEMO_PORT, default 3000; another free one when taken)
 *   --okta-port N     stand-in port (DEMO_OKTA_PORT, default 3001)
 *   (DEMO_SAMPLE_PORT: the sample application's port, default 3002)
 *   --nginx-port N    nginx's port in front of a protected page (DEMO_NGINX_PORT, default 3003),
 *                     when /usr/sbin/nginx exists
 *   --interval S      seconds between Okta's changes (DEMO_INTERVAL_SECONDS, default 60; 0: off)
 *   --no-build        do not build first, even when dist is stale
 *   --verbose         the server's log and every SCIM request
 * DEMO_DATA_DIR keeps the data in that directory instead of a temporary one.
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { buildIfNeeded } from './demo/build';
import { CHANGE_KINDS, type ChangeKind } from './demo/changes';
import { controls, dim, instructions } from './demo/instructions';
import { type Demo, startDemo } from './demo/start-demo';

const { values: args } = parseArgs({
  options: {
    configured: { type: 'boolean', default: false },
    port: { type: 'string' },
    'okta-port': { type: 'string' },
    'nginx-port': { type: 'string' },
    interval: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

function number(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number.`);
  return parsed;
}

const consolePort = number(args.port ?? process.env.DEMO_PORT, 3000, '--port');
const oktaPort = number(args['okta-port'] ?? process.env.DEMO_OKTA_PORT, 3001, '--okta-port');
const interval = number(args.interval ?? process.env.DEMO_INTERVAL_SECONDS, 60, '--interval');

let demo: Demo | undefined;
let starting: Promise<Demo> | undefined;
let timer: NodeJS.Timeout | undefined;
let input: readline.Interface | undefined;
let stopping = false;

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  clearInterval(timer);
  input?.close();
  console.log(`\n${signal}: stopping the console, the Okta stand-in, nginx and the changes…`);
  const running = demo ?? (await starting?.catch(() => undefined));
  await running?.stop();
  if (running) {
    console.log(running.keepData ? `Stopped. Data kept in ${running.dataDir}.` : 'Stopped.');
  }
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// `npm run demo` runs this under sh, which does not pass on a SIGTERM sent to npm: when the
// parent goes, stop too rather than leave the console running.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void shutdown('The parent process exited');
}, 1000).unref();

let busy = Promise.resolve();
/** Okta's changes, one at a time and in order, each told once the console has answered. */
function send(kinds: readonly ChangeKind[]) {
  busy = busy.then(async () => {
    for (const kind of kinds) {
      if (!demo || stopping) return;
      try {
        const done = await demo.changes.apply(kind);
        console.log(`${new Date().toLocaleTimeString()}  ${done}`);
      } catch (error) {
        console.error(`Okta's change failed: ${error instanceof Error ? error.message : error}`);
      }
    }
  });
}

const keys: Record<string, ChangeKind> = {
  u: 'profile',
  d: 'deactivation',
  r: 'rename',
  a: 'ada',
};

async function main() {
  if (!args['no-build']) buildIfNeeded();
  const started = Date.now();
  let live = false;
  starting = startDemo({
    consolePort,
    oktaPort,
    samplePort: number(process.env.DEMO_SAMPLE_PORT, 3002, 'DEMO_SAMPLE_PORT'),
    nginxPort: number(args['nginx-port'] ?? process.env.DEMO_NGINX_PORT, 3003, '--nginx-port'),
    dataDir: process.env.DEMO_DATA_DIR || undefined,
    configured: args.configured,
    logLevel: args.verbose ? 'info' : 'warn',
    onScimRequest: (line) => {
      if (live || args.verbose) console.log(dim(`    Okta → ${line}`));
    },
    onServerOutput: args.verbose ? (chunk) => process.stderr.write(chunk) : undefined,
  });
  demo = await starting;
  if (stopping) return;
  console.log(
    instructions(demo, { configured: args.configured, startedInMs: Date.now() - started }),
  );
  console.log(controls(interval, demo));
  live = true;

  if (interval > 0) timer = setInterval(() => send(CHANGE_KINDS), interval * 1000);
  input = readline.createInterface({ input: process.stdin });
  input.on('line', (line) => {
    const typed = line.trim().toLowerCase();
    const chosen = [...typed].map((c) => keys[c]).filter((k): k is ChangeKind => k !== undefined);
    if (typed === '') send(CHANGE_KINDS);
    else if (chosen.length) send(chosen);
    else console.log('Enter: all three changes; u, d or r: one of them; a: Ada; Ctrl-C: stop.');
  });
}

main().catch(async (error: unknown) => {
  console.error(`The demo could not start: ${error instanceof Error ? error.message : error}`);
  await demo?.stop();
  process.exit(1);
});
