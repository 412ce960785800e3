/**
 * Starts what the end-to-end tests, the screenshot and the web benchmark run against: the real
 * built server (`node dist/server/index.js`) on a temporary DATA_DIR and a free loopback port,
 * and the Okta stand-in (oidc-provider) whose redirect URI is that server's callback.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type OktaStandIn, startOktaStandIn } from '../../src/testing/okta-stand-in';

export interface StackInfo {
  baseUrl: string;
  admin: { email: string; password: string };
  okta: { issuer: string; clientId: string; clientSecret: string };
}

export interface Stack extends StackInfo {
  tempDir: string;
  close(): Promise<void>;
}

export interface StackOptions {
  /** Start the Okta stand-in too (default true). */
  okta?: boolean;
  /** ALLOW_HTTP_LOOPBACK_ISSUER (default true: the stand-in's issuer is http on loopback). */
  allowHttpLoopbackIssuer?: boolean;
  logLevel?: string;
}

const root = path.resolve(import.meta.dirname, '../..');
const serverEntry = path.join(root, 'dist/server/index.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
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

function stopProcess(child: ChildProcess): Promise<void> {
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

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  if (!existsSync(serverEntry)) {
    throw new Error(`${serverEntry} is missing: run \`npm run build\` first.`);
  }
  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'okta-sso-console-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const admin = { email: 'admin@example.test', password: `pw-${randomBytes(12).toString('hex')}` };

  let okta: OktaStandIn | undefined;
  let server: ChildProcess | undefined;
  const close = async () => {
    if (server) await stopProcess(server);
    await okta?.close();
    await rm(tempDir, { recursive: true, force: true });
  };

  try {
    if (options.okta !== false) {
      okta = await startOktaStandIn({
        clientSecret: `stand-in-secret-${randomBytes(16).toString('hex')}`,
        redirectUris: [`${baseUrl}/auth/okta/callback`],
      });
    }
    let output = '';
    server = spawn(process.execPath, [serverEntry], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_URL: baseUrl,
        DATA_DIR: path.join(tempDir, 'data'),
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
        ALLOW_HTTP_LOOPBACK_ISSUER: options.allowHttpLoopbackIssuer === false ? '0' : '1',
        LOG_LEVEL: options.logLevel ?? 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    server.stdout?.on('data', keep);
    server.stderr?.on('data', keep);
    await waitForHealth(baseUrl, server, () => output);
  } catch (error) {
    await close();
    throw error;
  }

  return {
    baseUrl,
    admin,
    okta: okta
      ? { issuer: okta.issuer, clientId: okta.clientId, clientSecret: okta.clientSecret }
      : { issuer: '', clientId: '', clientSecret: '' },
    tempDir,
    close,
  };
}
