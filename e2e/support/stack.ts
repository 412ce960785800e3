/**
 * Starts what the end-to-end tests, the screenshot and the web benchmark run against: the real
 * built server (`node dist/server/index.js`) on a temporary DATA_DIR and a free loopback port,
 * and the Okta stand-in (oidc-provider) whose redirect URI is that server's callback.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type BuiltServer, freePort, startBuiltServer } from '../../src/testing/built-server';
import { type OktaStandIn, startOktaStandIn } from '../../src/testing/okta-stand-in';

export interface StackInfo {
  baseUrl: string;
  admin: { email: string; password: string };
  okta: { issuer: string; clientId: string; clientSecret: string };
}

export interface Stack extends StackInfo {
  tempDir: string;
  /** The server's DATA_DIR (its SQLite database and secret.key). */
  dataDir: string;
  /** Every line the server wrote to stdout and stderr. */
  logFile: string;
  /** Stops the server only (the log and the database stay until close). */
  stopServer(): Promise<void>;
  close(): Promise<void>;
}

export interface StackOptions {
  /** Start the Okta stand-in too (default true). */
  okta?: boolean;
  /** ALLOW_HTTP_LOOPBACK_ISSUER (default true: the stand-in's issuer is http on loopback). */
  allowHttpLoopbackIssuer?: boolean;
  logLevel?: string;
}

export { freePort };

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'okta-sso-console-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = path.join(tempDir, 'data');
  const logFile = path.join(tempDir, 'server.log');
  const admin = { email: 'admin@example.test', password: `pw-${randomBytes(12).toString('hex')}` };

  let okta: OktaStandIn | undefined;
  let server: BuiltServer | undefined;
  const close = async () => {
    await server?.stop();
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
    server = await startBuiltServer({
      port,
      dataDir,
      admin,
      allowHttpLoopbackIssuer: options.allowHttpLoopbackIssuer,
      logLevel: options.logLevel,
      onOutput: (chunk) => appendFileSync(logFile, chunk),
    });
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
    dataDir,
    logFile,
    stopServer: async () => {
      await server?.stop();
    },
    close,
  };
}
