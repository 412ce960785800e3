import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { type BuiltServer, freePort, startBuiltServer } from '../src/testing/built-server';
import { type Nginx, startHeadersPage, startNginx } from '../src/testing/nginx';
import { type OktaStandIn, startOktaStandIn } from '../src/testing/okta-stand-in';
import { AdminApi } from './fixtures/admin-api';
import { OktaScim, type PushedUser } from './fixtures/okta-scim';
import { OktaStandInLogin } from './fixtures/okta-stand-in-login';
import { axeViolations } from './support/axe';

/**
 * Issue 13, forward-auth: Debian's nginx, configured with the README's snippet, in front of an
 * application, asking the real built console (its own, with FORWARD_AUTH_ALLOWED_HOSTS naming
 * nginx's address) on every request. Chromium signs people in through the Okta stand-in.
 */
test.describe.configure({ mode: 'serial' });

let okta: OktaStandIn;
let console_: BuiltServer;
let nginx: Nginx;
let app: http.Server;
let dataDir: string;
let scim: OktaScim;
const people: Record<'pro' | 'basic' | 'cara', PushedUser | undefined> = {
  pro: undefined,
  basic: undefined,
  cara: undefined,
};
let api: AdminApi;
let proMapping: number;
let serverLog = '';
const sessionCookies: string[] = [];
const login = {
  pro: 'priya.pro@acme.test',
  basic: 'bo.basic@acme.test',
  cara: 'cara.pro@acme.test',
};

test.beforeAll(async () => {
  const consolePort = await freePort();
  const nginxPort = await freePort();
  const consoleUrl = `http://127.0.0.1:${consolePort}`;
  okta = await startOktaStandIn({
    clientSecret: `stand-in-secret-${randomBytes(16).toString('hex')}`,
    redirectUris: [`${consoleUrl}/auth/okta/callback`],
  });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'okta-sso-console-fa-'));
  const admin = { email: 'admin@example.test', password: `pw-${randomBytes(12).toString('hex')}` };
  console_ = await startBuiltServer({
    port: consolePort,
    dataDir,
    admin,
    env: { FORWARD_AUTH_ALLOWED_HOSTS: `127.0.0.1:${nginxPort}` },
    logLevel: 'info',
    onOutput: (chunk) => {
      serverLog += chunk;
    },
  });
  app = await startHeadersPage();
  nginx = await startNginx({
    port: nginxPort,
    consolePort,
    appPort: (app.address() as AddressInfo).port,
  });

  api = await AdminApi.signIn({
    baseUrl: consoleUrl,
    admin,
    okta: { issuer: okta.issuer, clientId: okta.clientId, clientSecret: okta.clientSecret },
  });
  await api.saveIncomingKeys({
    issuer: okta.issuer,
    clientId: okta.clientId,
    clientSecret: okta.clientSecret,
  });
  scim = new OktaScim(consoleUrl, (await api.createAccessKey()).secret);
  people.pro = await scim.assignUser(login.pro, 'Priya', 'Pro');
  people.basic = await scim.assignUser(login.basic, 'Bo', 'Basic');
  people.cara = await scim.assignUser(login.cara, 'Cara', 'Pro');
  const proGroup = await scim.pushGroup('Chime Pro');
  const basicGroup = await scim.pushGroup('Chime Basic');
  await scim.addMembers(proGroup, [people.pro, people.cara]);
  await scim.addMembers(basicGroup, [people.basic]);
  proMapping = (await api.mapGroup('Chime Pro', 'pro')).id;
  await api.mapGroup('Chime Basic', 'basic');
});

test.afterAll(async () => {
  // Each one stopped even when the set-up failed half-way or another stop throws.
  const results = await Promise.allSettled([
    nginx?.stop(),
    api?.dispose(),
    app && new Promise((resolve) => app.close(resolve)),
    console_?.stop(),
    okta?.close(),
  ]);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
});

/** Opens `pagePath` at nginx in a fresh browser, signs in at Okta as `who`, lands back there. */
async function signInThroughNginx(browser: Browser, pagePath: string, who: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${nginx.baseUrl}${pagePath}`);
  await expect(page).toHaveURL((url) => url.href.startsWith(`${okta.issuer}/`));
  const back = page.waitForResponse((r) => r.url() === `${nginx.baseUrl}${pagePath}`);
  await new OktaStandInLogin(page).signIn(who);
  const landed = await back;
  const session = (await context.cookies()).find((c) => c.name === 'osc_user');
  if (session) sessionCookies.push(session.value);
  return { context, page, landed };
}

/** A GET with another Host header, which fetch does not let a caller set. */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { host } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

test('without a session nginx answers a redirect to the sign-in, never the page', async () => {
  expect(nginx.uid(), 'nginx runs as a non-root user').toBeGreaterThan(0);
  const response = await fetch(`${nginx.baseUrl}/reports?q=1&x=2`, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const location = new URL(String(response.headers.get('location')));
  expect(`${location.origin}${location.pathname}`).toBe(`${console_.baseUrl}/auth/okta`);
  expect(location.searchParams.get('rd')).toBe(`${nginx.baseUrl}/reports?q=1&x=2`);
  expect(await response.text()).not.toContain('Hello');
  // Another Host than the allowed one: no sign-in to return there, a plain 401.
  const other = await getWithHost(`${nginx.baseUrl}/`, 'evil.test');
  expect(other.status).toBe(401);
  expect(other.body).not.toContain('Hello');
});

test('a Pro person signs in from nginx, comes back to the page, and reaches the Pro area', async ({
  browser,
}) => {
  const { context, page, landed } = await signInThroughNginx(
    browser,
    '/reports?q=1&x=2',
    login.pro,
  );
  try {
    expect(landed.status()).toBe(200);
    await expect(page).toHaveURL(`${nginx.baseUrl}/reports?q=1&x=2`);
    await expect(heading(page)).toHaveText(`Hello ${login.pro} — pro`);
    await expect(page.getByTestId('user')).toHaveText(people.pro?.id ?? 'missing');
    await expect(page.getByTestId('groups')).toHaveText('Chime Pro');
    await page.screenshot({ path: test.info().outputPath('nginx-pro.png') });
    const pro = await page.goto(`${nginx.baseUrl}/pro/dashboard`);
    expect(pro?.status()).toBe(200);
    await expect(page.getByText('Page: /pro/dashboard')).toBeVisible();

    const started = performance.now();
    for (let i = 0; i < 50; i++) {
      expect((await page.request.get(`${nginx.baseUrl}/reports`)).status()).toBe(200);
    }
    const ms = (performance.now() - started) / 50;
    console.log(`nginx + /auth/verify + app: ${ms.toFixed(1)} ms per request`);

    // Okta deactivates her: the very next request is refused, without a new sign-in.
    if (!people.pro) throw new Error('not pushed');
    await scim.deactivateUser(people.pro);
    const after = await page.request.get(`${nginx.baseUrl}/reports`, { maxRedirects: 0 });
    expect(after.status()).toBe(302);
    expect(after.headers().location).toContain('/auth/okta?rd=');
  } finally {
    await context.close();
  }
});

test('a Basic person gets the page but 403 on the Pro-only location', async ({ browser }) => {
  const { context, page, landed } = await signInThroughNginx(browser, '/pro/', login.basic);
  try {
    expect(landed.status()).toBe(403);
    await expect(page).toHaveURL(`${nginx.baseUrl}/pro/`);
    await page.screenshot({ path: test.info().outputPath('nginx-basic-403.png') });
    const home = await page.goto(`${nginx.baseUrl}/`);
    expect(home?.status()).toBe(200);
    await expect(heading(page)).toHaveText(`Hello ${login.basic} — basic`);
  } finally {
    await context.close();
  }
  expect(nginx.errorLog()).not.toMatch(/\[(emerg|crit)\]/);
});

test('the admin maps the Pro group to Basic: the next request to /pro/ is 403', async ({
  browser,
}) => {
  const { context, page, landed } = await signInThroughNginx(browser, '/pro/', login.cara);
  try {
    expect(landed.status()).toBe(200);
    await api.setCapability(proMapping, 'basic');
    expect((await page.reload())?.status()).toBe(403);
    expect((await page.goto(`${nginx.baseUrl}/`))?.status()).toBe(200);
    await expect(heading(page)).toHaveText(`Hello ${login.cara} — basic`);
  } finally {
    await context.close();
  }
});

test('an address that is not allowed gets the error page, and no sign-in', async ({ page }) => {
  for (const rd of ['https://evil.test/', '//evil.test/', 'javascript:alert(1)']) {
    const response = await page.goto(`${nginx.baseUrl}/auth/okta?rd=${encodeURIComponent(rd)}`);
    expect(response?.status(), rd).toBe(400);
    await expect(page).toHaveURL((url) => url.origin === nginx.baseUrl);
    await expect(heading(page)).toHaveText('This sign-in link is not valid');
  }
  await expect(page.getByText(/does not send people to/)).toBeVisible();
  expect(await axeViolations(page), 'axe on the refusal').toEqual([]);
});

test("the console's log has neither the session cookies nor the addresses' queries", async () => {
  expect(sessionCookies).toHaveLength(3);
  expect(serverLog).toContain('"path":"/auth/verify"');
  for (const value of sessionCookies) expect(serverLog).not.toContain(value);
  expect(serverLog).not.toContain('q=1');
  expect(serverLog).not.toContain('rd=');
});
