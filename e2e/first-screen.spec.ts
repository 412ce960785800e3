import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { DirectoryGroupsSection } from './fixtures/directory-groups-section';
import { expect, test } from './fixtures/test';

/**
 * Records the API requests the page makes and the CSP violations it reports, from the start: the
 * `securitypolicyviolation` events and Chromium's console errors ("Refused to apply inline style
 * because it violates the following Content Security Policy directive: ...").
 */
async function watch(page: Page) {
  const api: string[] = [];
  const console: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/'))
      api.push(`${request.method()} ${url.pathname}${url.search}`);
  });
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}`),
    );
  });
  const violations = async () => [
    ...(await page.evaluate(
      () => (window as unknown as { cspViolations: string[] }).cspViolations,
    )),
    ...console,
  ];
  return { api, violations };
}

test('the main page needs no API round trip: its first screen comes with the page', async ({
  signedIn,
  page,
}) => {
  const { api, violations } = await watch(page);
  await page.reload();
  await expect(signedIn.heading).toHaveText('Okta single-sign on configuration');
  // Every section shows its data, not a loading state (other tests may have set things up).
  await expect(page.getByText('Loading the Okta SSO Console…')).toHaveCount(0);
  await expect(signedIn.incomingKeys).toContainText(/not configured yet|Client ID/);
  await expect(page.getByRole('region', { name: 'SCIM provisioning' })).toContainText('/scim/v2');
  await expect(
    page.getByRole('region', { name: 'Directory groups' }).getByRole('table'),
  ).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expect(page.locator('.MuiSkeleton-root')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  expect(api).toEqual([]);
  expect(await violations()).toEqual([]);
});

test('the users, activity and administrators pages need no API round trip either', async ({
  signedIn,
  page,
}) => {
  await expect(signedIn.heading).toBeVisible();
  const { api, violations } = await watch(page);

  await page.goto('/users');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
  await expect(page.getByRole('status').filter({ hasText: /\d+ users?$/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Provisioned users' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Recent sign-in refusals' })).toContainText(
    /Nobody has been refused recently|·/,
  );
  await expect(page.locator('.MuiSkeleton-root')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  expect(api, '/users').toEqual([]);

  await page.goto('/activity');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Activity');
  await expect(page.getByRole('table', { name: 'SCIM requests from Okta' })).toBeVisible();
  await expect(page.locator('.MuiSkeleton-root')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  expect(api, '/activity').toEqual([]);

  await page.goto('/admins');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administrators');
  await expect(page.getByRole('table', { name: 'Console administrators' })).toBeVisible();
  await expect(page.locator('.MuiSkeleton-root')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  expect(api, '/admins').toEqual([]);
  expect(await violations()).toEqual([]);
});

test('signed out, a console page goes to sign in without asking the API who is there', async ({
  page,
}) => {
  const { api, violations } = await watch(page);
  await page.goto('/users');
  await expect(page).toHaveURL(/\/sign-in\?return=%2Fusers$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(api).toEqual([]);
  // The server renders the sign-in page: not one script to download.
  expect(await page.locator('script').count()).toBe(0);
  expect(await violations()).toEqual([]);
});

test('no page reports a Content-Security-Policy violation, and every page is styled', async ({
  signedIn,
  page,
}) => {
  const { violations } = await watch(page);
  /** MUI's styles applied (emotion's <style> elements, with the page's nonce), not the browser's. */
  const expectStyled = async (what: string) => {
    const heading = page.getByRole('heading', { level: 1 });
    // The browser's own h1: 2em (32px) with margins; MUI's h4 heading: 2.125rem and none.
    expect(await heading.evaluate((h) => getComputedStyle(h).fontSize), what).not.toBe('32px');
    expect(await heading.evaluate((h) => getComputedStyle(h).marginTop), what).toBe('0px');
    const nonces = await page.evaluate(() => {
      const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
      return {
        page: meta?.nonce ?? '',
        styles: [...document.querySelectorAll('style')].map((style) => style.nonce),
      };
    });
    expect(nonces.page, what).not.toBe('');
    expect(nonces.styles.length, what).toBeGreaterThan(1);
    expect(new Set(nonces.styles), what).toEqual(new Set([nonces.page]));
  };
  for (const path of ['/', '/users', '/activity', '/activity?tab=audit', '/admins', '/nowhere']) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectStyled(path);
    expect(await violations(), path).toEqual([]);
  }

  await signedIn.goto();
  const dialog = await signedIn.openIncomingKeysDialog();
  await expect(dialog.root).toBeVisible();
  await dialog.cancel.click();
  await expect(dialog.root).toBeHidden();
  expect(await violations(), 'dialog').toEqual([]);

  // Snackbars: adding a group Okta has not pushed ("Add anyway"), then removing it again.
  const name = `E2E CSP ${randomBytes(4).toString('hex')}`;
  const groups = new DirectoryGroupsSection(page);
  const add = await groups.openDialog();
  await add.fill(name, 'Basic');
  await add.save.click();
  await add.addAnyway.click();
  await expect(page.getByRole('alert').filter({ hasText: `"${name}" added` })).toBeVisible();
  await groups.remove(name).click();
  await groups.confirmation().getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(groups.row(name)).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: `"${name}" removed` })).toBeVisible();
  await expectStyled('after the dialogs and snackbars');
  expect(await violations(), 'snackbar').toEqual([]);
});

test('every console page arrives rendered: readable without script, adopted by it without an error', async ({
  signedIn,
  page,
  browser,
}) => {
  await expect(signedIn.heading).toBeVisible();
  const pages: [string, string][] = [
    ['/', 'Okta single-sign on configuration'],
    ['/users', 'Users'],
    ['/activity', 'Activity'],
    ['/applications', 'Applications'],
    ['/webhooks', 'Webhooks'],
    ['/admins', 'Administrators'],
  ];
  // The same admin, in a browser with JavaScript off: the server's HTML alone.
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  try {
    const plain = await noScript.newPage();
    for (const [path, heading] of pages) {
      await plain.goto(path);
      await expect(plain.getByRole('heading', { level: 1 }), path).toHaveText(heading);
      await expect(plain.getByRole('navigation', { name: 'Main' }), path).toBeVisible();
      await expect(plain.locator('.MuiSkeleton-root'), path).toHaveCount(0);
      await expect(plain.getByRole('progressbar'), path).toHaveCount(0);
      // Its code is asked for after the first paint, step by step (main.tsx): no preload links.
      await expect(plain.locator('link[rel="modulepreload"]'), path).toHaveCount(0);
      await expect(plain).toHaveTitle(
        new RegExp(`^${heading === 'Okta single-sign on configuration' ? 'Okta single' : heading}`),
      );
    }
  } finally {
    await noScript.close();
  }

  // With script: React adopts each page as it is (a mismatch is reported as an error), and the
  // page then works: the header's links move between pages without loading a new document.
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  for (const [path, heading] of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(heading);
    await page.waitForLoadState('networkidle');
    expect(errors, path).toEqual([]);
  }
  const documents: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'document') documents.push(request.url());
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
  expect(documents).toEqual([]);
  expect(errors).toEqual([]);
});
