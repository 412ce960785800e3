import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { AdminClient } from '../scripts/demo/admin-client';
import { DEMO_MAPPINGS, DEMO_PEOPLE } from '../scripts/demo/people';
import { startSampleApp } from '../scripts/demo/sample-app/app';
import { DEMO_ADMIN } from '../scripts/demo/start-demo';
import { listDirectoryGroups, updateDirectoryGroup } from '../src/shared/api/directory-groups';
import { freePort, projectRoot } from '../src/testing/built-server';
import { MePage, RefusalPage } from './fixtures/me-page';
import { OktaStandInForm } from './fixtures/okta-stand-in-form';
import { SignInPage } from './fixtures/sign-in-page';
import { axeViolations } from './support/axe';

/**
 * Issue 7: `npm run demo -- --configured` as a visitor meets it. The demo runs as its own process
 * (the console, the Okta stand-in and the provisioning simulator); people sign in through the
 * stand-in's form; SIGINT stops everything and deletes the temporary data directory.
 */
test.describe.configure({ mode: 'serial' });

interface RunningDemo {
  process: ChildProcess;
  consoleUrl: string;
  oktaUrl: string;
  dataDir: string;
  output: () => string;
  exited: Promise<number | null>;
}

let demo: RunningDemo | undefined;

async function startDemoProcess(): Promise<RunningDemo> {
  const consolePort = await freePort();
  let oktaPort = await freePort();
  while (oktaPort === consolePort) oktaPort = await freePort();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/demo.ts',
      '--configured',
      '--no-build',
      ...['--port', String(consolePort), '--okta-port', String(oktaPort), '--interval', '0'],
    ],
    // stdin: the keys a visitor types (`a`: Okta deactivates Ada).
    { cwd: projectRoot, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await expect
    .poll(() => (child.exitCode === null ? /^Data directory: /m.test(output) : 'exited'), {
      timeout: 20_000,
      message: 'the demo prints its data directory once ready',
    })
    .toBe(true);
  const dataDir = /^Data directory: (.+) \(deleted when the demo stops\)$/m.exec(output)?.[1];
  if (!dataDir) throw new Error(`No temporary data directory in the demo's output:\n${output}`);
  return {
    process: child,
    consoleUrl: `http://127.0.0.1:${consolePort}`,
    oktaUrl: `http://127.0.0.1:${oktaPort}`,
    dataDir,
    output: () => output,
    exited,
  };
}

/** The sample app's address, as the terminal prints it. */
function sampleAppUrl(output = (demo as RunningDemo).output()): string {
  const url = /^ {2}Sample app +(http:\/\/127\.0\.0\.1:\d+) /m.exec(output)?.[1];
  if (!url) throw new Error(`No sample app address in the demo's output:\n${output}`);
  return url;
}

/** The nginx-protected page's address, as the terminal prints it. */
function nginxUrl(output = (demo as RunningDemo).output()): string {
  const url = /^ {2}Behind nginx +(http:\/\/127\.0\.0\.1:\d+) /m.exec(output)?.[1];
  if (!url) throw new Error(`No nginx address in the demo's output:\n${output}`);
  return url;
}

/** A delivery as the console sends one, signed with `secret` (a random one: a forged delivery). */
function signedDelivery(secret: string, type: string, data: unknown) {
  const id = `msg_${randomBytes(12).toString('hex')}`;
  const now = new Date();
  const body = JSON.stringify({ id, type, timestamp: now.toISOString(), data });
  const signature = new Webhook(secret).sign(id, now, body);
  return {
    id,
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signature,
    },
  };
}
const randomSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/** The rows of the sample app's "Events received" table. */
const eventRows = (page: Page) => page.getByRole('table').getByRole('row');

/** One visitor at their own browser: /auth/okta, the stand-in's form, back to the console. */
async function signInAs(browser: Browser, email: string) {
  const running = demo as RunningDemo;
  const person = DEMO_PEOPLE.find((p) => p.email === email);
  if (!person) throw new Error(`${email} is not one of the demo's people`);
  const context = await browser.newContext({ baseURL: running.consoleUrl });
  const page = await context.newPage();
  await page.goto('/auth/okta');
  await expect(page).toHaveURL((url) => url.href.startsWith(`${running.oktaUrl}/`));
  const form = new OktaStandInForm(page);
  await expect(form.heading).toBeVisible();
  const callback = page.waitForResponse((r) => r.url().includes('/auth/okta/callback'));
  await form.signIn(person.email, person.password);
  const status = (await callback).status();
  return { context, page, status };
}

test.beforeAll(async () => {
  demo = await startDemoProcess();
});

test.afterAll(async () => {
  // Only when a test failed before the demo was stopped.
  if (demo && demo.process.exitCode === null) {
    demo.process.kill('SIGKILL');
    await rm(demo.dataDir, { recursive: true, force: true });
  }
});

test.describe('npm run demo -- --configured', () => {
  test('the terminal says what to open, what to type and whom to sign in as', () => {
    const output = (demo as RunningDemo).output();
    expect(output).toContain(`Console          ${demo?.consoleUrl}`);
    expect(output).toContain('Admin email      admin@example.com');
    expect(output).toContain(`Login Redirect URI   ${demo?.consoleUrl}/auth/okta/callback`);
    expect(output).toMatch(/ada@example\.com +ada-demo +Engineering +Pro/);
    expect(output).toContain('The console is configured');
    expect(output).toMatch(/^ {2}Sample app +http:\/\/127\.0\.0\.1:\d+ /m);
    expect(output).toContain(`Its webhook      ${sampleAppUrl()}/webhooks`);
    expect(output).toContain(`the sample app's endpoint ${sampleAppUrl()}/webhooks`);
  });

  test('the sample app signs Ada in through the console and greets her with Pro', async ({
    browser,
  }) => {
    const sampleUrl = sampleAppUrl();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(sampleUrl);
      await page.getByRole('link', { name: 'Sign in' }).click();
      const form = new OktaStandInForm(page);
      await expect(form.heading).toBeVisible();
      await form.signIn('ada@example.com', 'ada-demo');
      await expect(page).toHaveURL(`${sampleUrl}/`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello Ada Lovelace — Pro');
    } finally {
      await context.close();
    }
  });

  test('a person in Engineering (Pro) signs in at the stand-in and sees Pro on /me', async ({
    browser,
  }) => {
    const { context, page, status } = await signInAs(browser, 'ada@example.com');
    try {
      expect(status).toBe(303);
      const me = new MePage(page);
      await expect(page).toHaveURL(`${demo?.consoleUrl}/me`);
      await expect(me.signedInAs).toHaveText('Signed in as ada@example.com');
      await expect(me.licence).toHaveText('Licence: Pro');
    } finally {
      await context.close();
    }
  });

  test('a person in no group is refused, and the page says why', async ({ browser }) => {
    const { context, page, status } = await signInAs(browser, 'nora@example.com');
    try {
      expect(status).toBe(403);
      const refusal = new RefusalPage(page);
      await expect(refusal.heading).toHaveText('You have no licence');
      await expect(
        refusal.explanation('You are not in any group that gives a Basic or Pro licence.'),
      ).toBeVisible();
      await expect(page.getByText('Signed in as')).toHaveCount(0);
    } finally {
      await context.close();
    }
  });

  test('after a first sign-in, the admin sees every setup step done, in one line', async ({
    browser,
  }) => {
    const running = demo as RunningDemo;
    const password = /^ {2}Admin password +(\S+)$/m.exec(running.output())?.[1];
    expect(password, running.output()).toBeDefined();
    const context = await browser.newContext({ baseURL: running.consoleUrl });
    try {
      const page = await context.newPage();
      const signIn = new SignInPage(page);
      await signIn.goto();
      await signIn.signIn('admin@example.com', password ?? '');
      await expect(page.getByRole('heading', { level: 2, name: 'Setup complete' })).toBeVisible();
      await page.getByRole('button', { name: 'Show steps' }).click();
      const steps = page.getByRole('region', { name: 'Setup complete' }).getByRole('listitem');
      await expect(steps).toHaveCount(4);
      for (const step of await steps.all()) await expect(step).toContainText('Done');
      expect(await axeViolations(page), 'axe on the configured main page').toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("a group changed from Basic to Pro: each member's user.licence_changed reaches the sample app, signed and verified", async ({
    page,
  }) => {
    const running = demo as RunningDemo;
    const sampleUrl = sampleAppUrl();
    const admin = await AdminClient.signIn(
      running.consoleUrl,
      DEMO_ADMIN.email,
      DEMO_ADMIN.password,
    );
    const { groups } = await admin.call(listDirectoryGroups, { query: { name: 'Sales' } });
    const sales = groups.find((g) => g.name === 'Sales');
    expect(sales?.capability).toBe('basic');
    await admin.call(updateDirectoryGroup, {
      params: { id: sales?.id ?? 0 },
      body: { capability: 'pro' },
    });
    // Sales' members whose seat moves: not those already Pro through Engineering.
    const movers = DEMO_PEOPLE.filter(
      (p) => p.groups.includes('Sales') && !p.groups.some((g) => DEMO_MAPPINGS[g] === 'pro'),
    );
    expect(movers.length).toBeGreaterThan(0);

    await page.goto(`${sampleUrl}/`);
    await page.getByRole('link', { name: 'Events received' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Events received');
    // Basic → Pro rows only: the sample app may also have heard the demo's first mapping (none → basic).
    const upgrades = eventRows(page)
      .filter({ hasText: 'user.licence_changed' })
      .filter({ hasText: 'basic → pro (mapping_change)' });
    await expect(async () => {
      await page.reload();
      await expect(upgrades).toHaveCount(movers.length, { timeout: 500 });
    }).toPass({ timeout: 15_000 });
    for (const person of movers) {
      const row = upgrades.filter({ hasText: person.email });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText('signature verified');
      await expect(row.getByRole('cell').nth(3)).toHaveText(/^\S+$/);
    }
    expect(await axeViolations(page), "axe on the sample app's /events").toEqual([]);

    // A delivery signed with another secret is refused and not listed.
    const forged = signedDelivery(randomSecret(), 'user.licence_changed', {
      user: { email: 'mallory@example.com' },
      before: 'basic',
      after: 'pro',
    });
    const answer = await fetch(`${sampleUrl}/webhooks`, {
      method: 'POST',
      headers: forged.headers,
      body: forged.body,
    });
    expect(answer.status).toBe(401);
    const unsigned = await fetch(`${sampleUrl}/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: forged.body,
    });
    expect(unsigned.status).toBe(401);
    await page.reload();
    await expect(page.getByText(forged.id)).toHaveCount(0);
    await expect(page.getByText('mallory@example.com')).toHaveCount(0);
    // The secret (handed over in the sample app's env) is never on the page.
    expect(running.output()).not.toContain('whsec_');
  });

  test('Ada signs in to the sample app and the nginx page; deactivated by Okta, both refuse her next request', async ({
    browser,
  }) => {
    const running = demo as RunningDemo;
    const sampleUrl = sampleAppUrl();
    const protectedUrl = nginxUrl();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(sampleUrl);
      await page.getByRole('link', { name: 'Sign in' }).click();
      await new OktaStandInForm(page).signIn('ada@example.com', 'ada-demo');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello Ada Lovelace — Pro');

      // nginx asks the console (auth_request /auth/verify); her console session lets her through.
      await page.goto(`${protectedUrl}/reports`);
      if (page.url().startsWith(`${running.oktaUrl}/`)) {
        await new OktaStandInForm(page).signIn('ada@example.com', 'ada-demo');
      }
      await expect(page).toHaveURL(`${protectedUrl}/reports`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(
        'Hello ada@example.com — pro',
      );
      expect((await page.goto(`${protectedUrl}/pro/`))?.status()).toBe(200);

      // The demo's pusher: `a` deactivates Ada, as Okta's provisioning app would.
      running.process.stdin?.write('a\n');
      await expect
        .poll(() => running.output(), { timeout: 10_000 })
        .toContain('Okta deactivated ada@example.com');

      const after = await page.request.get(`${protectedUrl}/reports`, { maxRedirects: 0 });
      expect(after.status()).toBe(302);
      expect(after.headers().location).toContain('/auth/okta?rd=');
      expect(await after.text()).not.toContain('Hello');
      await page.goto(sampleUrl);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome');
      await expect(page.getByRole('status')).toHaveText(/no longer lets you in/);
    } finally {
      await context.close();
    }
  });

  test('Ctrl-C stops the demo and deletes its temporary data directory', async () => {
    const running = demo as RunningDemo;
    expect(existsSync(running.dataDir)).toBe(true);
    running.process.kill('SIGINT');
    const code = await Promise.race([
      running.exited,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000)),
    ]);
    expect(code, running.output()).toBe(0);
    expect(existsSync(running.dataDir)).toBe(false);
    await expect(fetch(`${running.consoleUrl}/healthz`)).rejects.toThrow();
    await expect(fetch(`${running.oktaUrl}/.well-known/openid-configuration`)).rejects.toThrow();
    await expect(fetch(`${sampleAppUrl(running.output())}/healthz`)).rejects.toThrow();
    await expect(fetch(`${nginxUrl(running.output())}/auth/`)).rejects.toThrow();
  });
});

test('a demo killed outright (SIGKILL) leaves no console server behind', async () => {
  const killed = await startDemoProcess();
  try {
    const health = await fetch(`${killed.consoleUrl}/healthz`);
    expect(health.status).toBe(200);
    killed.process.kill('SIGKILL');
    await killed.exited;
    // The console ran as the demo's child: it notices its parent is gone and stops.
    await expect
      .poll(
        () =>
          fetch(`${killed.consoleUrl}/healthz`).then(
            () => 'still answering',
            () => 'stopped',
          ),
        { timeout: 10_000 },
      )
      .toBe('stopped');
    // nginx too: the shell it runs under stops it when the demo's end of the pipe closes.
    await expect
      .poll(
        () =>
          fetch(`${nginxUrl(killed.output())}/auth/`).then(
            () => 'still answering',
            () => 'stopped',
          ),
        { timeout: 10_000 },
      )
      .toBe('stopped');
  } finally {
    await rm(killed.dataDir, { recursive: true, force: true });
  }
});

test('without SAMPLE_WEBHOOK_SECRET the admin pastes the secret at /events; it is never echoed', async ({
  page,
}) => {
  // Only the webhook side: the console's discovery is fetched on the first sign-in, never here.
  const app = await startSampleApp({
    issuer: 'http://127.0.0.1:9/',
    clientId: 'unused',
    clientSecret: 'unused',
    port: 0,
  });
  try {
    const secret = randomSecret();
    const send = (delivery: ReturnType<typeof signedDelivery>) =>
      fetch(`${app.url}/webhooks`, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
      }).then((r) => r.status);
    const early = signedDelivery(secret, 'group.created', { group: { displayName: 'Early' } });
    // No secret yet: refused with 503, so the console retries it once the secret is saved.
    expect(await send(early)).toBe(503);

    await page.goto(`${app.url}/events`);
    const field = page.getByLabel('Webhook signing secret');
    await field.fill('not-a-secret');
    await page.getByRole('button', { name: 'Save secret' }).click();
    await expect(page.getByRole('alert')).toContainText('That is not a signing secret');
    await expect(field).toHaveValue('');
    await field.fill(secret);
    await page.getByRole('button', { name: 'Save secret' }).click();
    await expect(page.getByRole('status')).toHaveText('Secret saved.');
    expect(await page.content()).not.toContain(secret);
    expect(await axeViolations(page), 'axe on /events with its form').toEqual([]);

    expect(await send(early)).toBe(204);
    expect(
      await send(
        signedDelivery(randomSecret(), 'group.created', { group: { displayName: 'Forged' } }),
      ),
    ).toBe(401);
    await page.reload();
    const row = eventRows(page).filter({ hasText: 'group.created' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Early');
    await expect(row).toContainText(early.id);
    await expect(row).toContainText('signature verified');
    await expect(page.getByText('Forged')).toHaveCount(0);
  } finally {
    await app.close();
  }
});
