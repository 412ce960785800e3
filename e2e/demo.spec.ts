import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { type Browser, expect, test } from '@playwright/test';
import { DEMO_PEOPLE } from '../scripts/demo/people';
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
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
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
  } finally {
    await rm(killed.dataDir, { recursive: true, force: true });
  }
});
