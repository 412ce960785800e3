/**
 * Registers the sample application in the console through the admin API (as an admin would on
 * the Applications page) and starts it as its own process on loopback.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import {
  createApplication,
  listApplications,
  removeApplication,
} from '../../../src/shared/api/applications';
import { projectRoot, stopProcess } from '../../../src/testing/built-server';
import type { AdminClient } from '../admin-client';

export const SAMPLE_APP_NAME = 'Sample app';

export const sampleWebhookUrl = (sampleUrl: string) => `${sampleUrl}/webhooks`;

export interface RunningSampleApp {
  url: string;
  /** Where the console delivers webhooks to it: POST, verified with standardwebhooks. */
  webhookUrl: string;
  clientId: string;
  stop(): Promise<void>;
}

export async function startSampleAppProcess(
  admin: AdminClient,
  issuer: string,
  port: number,
  webhookSecret?: string,
): Promise<RunningSampleApp> {
  const url = `http://127.0.0.1:${port}`;
  // A kept DEMO_DATA_DIR has the one from last time: replaced, its secret was not kept.
  const { applications } = await admin.call(listApplications);
  for (const old of applications.filter((a) => a.name === SAMPLE_APP_NAME)) {
    await admin.call(removeApplication, { params: { clientId: old.clientId } });
  }
  const { application, clientSecret } = await admin.call(createApplication, {
    body: {
      name: SAMPLE_APP_NAME,
      redirectUris: [`${url}/callback`],
      postLogoutRedirectUris: [`${url}/signed-out`],
    },
  });
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(projectRoot, 'scripts/demo/sample-app/server.ts')],
    {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        SAMPLE_ISSUER: issuer,
        SAMPLE_CLIENT_ID: application.clientId,
        SAMPLE_CLIENT_SECRET: clientSecret,
        SAMPLE_PORT: String(port),
        ...(webhookSecret ? { SAMPLE_WEBHOOK_SECRET: webhookSecret } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The sample app exited:\n${output}`);
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`The sample app did not start within 20 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    webhookUrl: sampleWebhookUrl(url),
    clientId: application.clientId,
    stop: () => stopProcess(child),
  };
}
