/**
 * The real built server (`node dist/server/index.js`) as a child process on loopback: what the
 * end-to-end stack, the screenshots and the demo start. Also the loopback port helpers they share.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '../..');
export const serverEntry = path.join(projectRoot, 'dist/server/index.js');

function listenOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(port, '127.0.0.1', () => {
      const { port: bound } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(bound));
    });
  });
}

/** A loopback port that was free a moment ago. */
export function freePort(): Promise<number> {
  return listenOn(0);
}

/** `preferred` when nothing listens there (0: any), else a free port. */
export async function pickPort(preferred: number): Promise<number> {
  return listenOn(preferred).catch(() => freePort());
}

export interface BuiltServerOptions {
  port: number;
  dataDir: string;
  admin: { email: string; password: string };
  allowHttpLoopbackIssuer?: boolean;
  logLevel?: string;
  /** Where the server's log lines go; by default they are kept for the error message only. */
  onOutput?: (chunk: string) => void;
  /** More environment variables (FORWARD_AUTH_ALLOWED_HOSTS; DATABASE_URL and SECRET_KEY for two instances on one database). */
  env?: Record<string, string>;
  /** Flags for node itself (`--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
}

export interface BuiltServer {
  baseUrl: string;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited. */
  stop(): Promise<void>;
}

async function waitForHealth(url: string, server: ChildProcess, output: () => string) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`The server exited with ${server.exitCode}:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The server did not answer ${url}/healthz within 20 s:\n${output()}`);
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts the built server and waits until /healthz answers; stops it again if it never does. */
export async function startBuiltServer(options: BuiltServerOptions): Promise<BuiltServer> {
  if (!existsSync(serverEntry)) {
    throw new Error(`${serverEntry} is missing: run \`npm run build\` first.`);
  }
  const baseUrl = `http://127.0.0.1:${options.port}`;
  let output = '';
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), serverEntry], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '127.0.0.1',
      PORT: String(options.port),
      PUBLIC_URL: baseUrl,
      DATA_DIR: options.dataDir,
      ADMIN_EMAIL: options.admin.email,
      ADMIN_PASSWORD: options.admin.password,
      ALLOW_HTTP_LOOPBACK_ISSUER: options.allowHttpLoopbackIssuer === false ? '0' : '1',
      LOG_LEVEL: options.logLevel ?? 'warn',
      ...options.env,
    },
    // With an IPC channel the server stops when this process goes away, even by SIGKILL.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    options.onOutput?.(text);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return { baseUrl, child, stop: () => stopProcess(child) };
}
