/**
 * The demo on loopback: the built console on its own data directory, the Okta stand-in with the
 * demo's people, and Okta's provisioning app, which makes its SCIM key through the console's own
 * admin API, tests the integration, assigns the people and pushes the groups.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pickPort, startBuiltServer } from '../../src/testing/built-server';
import { NGINX, startHeadersPage, startNginx } from '../../src/testing/nginx';
import { type OktaStandIn, startOktaStandIn } from '../../src/testing/okta-stand-in';
import { AdminClient } from './admin-client';
import { DemoChanges } from './changes';
import { addSampleWebhook, configureConsole, createProvisioningKey } from './console-setup';
import { OktaProvisioning, type PushedGroup, type PushedUser } from './okta-provisioning';
import { DEMO_GROUPS, DEMO_PEOPLE, DEMO_RENAME, type DemoGroupName } from './people';
import { pickPorts } from './ports';
import { sampleWebhookUrl, startSampleAppProcess } from './sample-app/start';

export const DEMO_ADMIN = { email: 'admin@example.com', password: 'demo-admin-password' };
export const DEMO_CLIENT = {
  clientId: '0oademo1okta2sso3console',
  // Fixed so that keys saved in a kept DEMO_DATA_DIR still work next time: loopback only.
  clientSecret: 'demo-client-secret-not-for-production-0123456789',
};

export interface DemoOptions {
  /** Preferred ports; another free one when taken (0: any). */
  consolePort: number;
  oktaPort: number;
  /** The sample application's preferred port (3002 by default). */
  samplePort?: number;
  /** nginx's preferred port (3003 by default), when /usr/sbin/nginx exists. */
  nginxPort?: number;
  /** DEMO_DATA_DIR: used and kept. Otherwise a temporary directory, deleted by stop(). */
  dataDir?: string;
  /** Also do the console's steps: save the incoming keys, map Engineering and Sales. */
  configured: boolean;
  logLevel?: string;
  /** Each SCIM request the simulator sends, answered. */
  onScimRequest?: (line: string) => void;
  onServerOutput?: (chunk: string) => void;
}

export interface Demo {
  consoleUrl: string;
  loginRedirectUri: string;
  initiateLoginUri: string;
  admin: typeof DEMO_ADMIN;
  okta: { issuer: string; clientId: string; clientSecret: string };
  /** The sample application that signs people in through the console. */
  sampleAppUrl: string;
  /** The sample app's webhook receiver (POST), and whether the demo added it on the Webhooks page. */
  sampleWebhookUrl: string;
  sampleWebhookConfigured: boolean;
  /** nginx in front of a page, asking the console's /auth/verify; undefined without nginx. */
  nginxUrl: string | undefined;
  dataDir: string;
  keepData: boolean;
  changes: DemoChanges;
  /** Stops the server and the stand-in and deletes a temporary data directory; safe to repeat. */
  stop(): Promise<void>;
}

/** oidc-provider warns that its in-memory store and keys are for development: so is the demo. */
async function withoutDevWarnings<A, R>(start: (options: A) => Promise<R>, options: A) {
  const warn = console.warn;
  console.warn = (...data: unknown[]) => {
    if (!String(data[0]).includes('development-only')) warn(...data);
  };
  try {
    return await start(options);
  } finally {
    console.warn = warn;
  }
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const keepData = options.dataDir !== undefined;
  const dataDir = keepData
    ? path.resolve(options.dataDir as string)
    : await mkdtemp(path.join(os.tmpdir(), 'okta-sso-demo-'));
  if (keepData) await mkdir(dataDir, { recursive: true });

  const stops: Array<() => Promise<void>> = [];
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      for (const step of stops.reverse()) await step().catch(() => undefined);
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
    })();
    return stopping;
  };

  try {
    const ports = await pickPorts(options.consolePort, options.oktaPort);
    const consoleUrl = `http://127.0.0.1:${ports.console}`;
    const withNginx = existsSync(NGINX);
    let nginxPort = 0;
    if (withNginx) {
      nginxPort = await pickPort(options.nginxPort ?? 3003);
      while (nginxPort === ports.console || nginxPort === ports.okta) nginxPort = await pickPort(0);
    }
    const okta: OktaStandIn = await withoutDevWarnings(startOktaStandIn, {
      ...DEMO_CLIENT,
      port: ports.okta,
      redirectUris: [`${consoleUrl}/auth/okta/callback`],
      passwordForm: true,
      people: DEMO_PEOPLE.map((p) => ({
        sub: p.oktaId,
        email: p.email,
        name: `${p.givenName} ${p.familyName}`,
        givenName: p.givenName,
        familyName: p.familyName,
        password: p.password,
      })),
    });
    stops.push(() => okta.close());

    const server = await startBuiltServer({
      port: ports.console,
      dataDir,
      admin: DEMO_ADMIN,
      logLevel: options.logLevel ?? 'warn',
      onOutput: options.onServerOutput,
      // The sign-in may return to the nginx-protected page.
      env: withNginx ? { FORWARD_AUTH_ALLOWED_HOSTS: `127.0.0.1:${nginxPort}` } : {},
    });
    stops.push(() => server.stop());

    let nginxUrl: string | undefined;
    if (withNginx) {
      const page = await startHeadersPage();
      stops.push(() => new Promise((resolve) => page.close(() => resolve())));
      const nginx = await startNginx({
        port: nginxPort,
        consolePort: ports.console,
        appPort: (page.address() as AddressInfo).port,
      });
      stops.push(() => nginx.stop());
      nginxUrl = nginx.baseUrl;
    }

    const admin = await AdminClient.signIn(consoleUrl, DEMO_ADMIN.email, DEMO_ADMIN.password);
    const key = await createProvisioningKey(admin);
    const provisioning = new OktaProvisioning(consoleUrl, key, options.onScimRequest);
    await provisioning.testIntegration();
    await provisioning.saveSettings();

    const users = new Map<string, PushedUser>();
    for (const person of DEMO_PEOPLE) users.set(person.email, await provisioning.assign(person));
    const groups = new Map<DemoGroupName, PushedGroup>();
    for (const name of DEMO_GROUPS) {
      const members = DEMO_PEOPLE.filter((p) => p.groups.includes(name)).map(
        (p) => users.get(p.email) as PushedUser,
      );
      const formerNames = name === DEMO_RENAME.group ? [DEMO_RENAME.to] : [];
      groups.set(name, await provisioning.pushGroup(name, members, formerNames));
    }

    const oktaInfo = { issuer: okta.issuer, ...DEMO_CLIENT };
    if (options.configured) await configureConsole(admin, oktaInfo);
    const samplePort = await pickPort(options.samplePort ?? 3002);
    // --configured: the sample app's webhook endpoint too, its secret handed over in its env.
    const webhookUrl = sampleWebhookUrl(`http://127.0.0.1:${samplePort}`);
    const webhookSecret = options.configured
      ? await addSampleWebhook(admin, webhookUrl)
      : undefined;
    const sample = await startSampleAppProcess(admin, consoleUrl, samplePort, webhookSecret);
    stops.push(() => sample.stop());

    return {
      consoleUrl,
      loginRedirectUri: `${consoleUrl}/auth/okta/callback`,
      initiateLoginUri: `${consoleUrl}/auth/okta`,
      admin: DEMO_ADMIN,
      okta: oktaInfo,
      sampleAppUrl: sample.url,
      sampleWebhookUrl: sample.webhookUrl,
      sampleWebhookConfigured: webhookSecret !== undefined,
      nginxUrl,
      dataDir,
      keepData,
      changes: new DemoChanges(provisioning, users, groups),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
