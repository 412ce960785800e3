import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';

/** Records the API requests the page makes and the CSP violations it reports, from the start. */
async function watch(page: Page) {
  const api: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/'))
      api.push(`${request.method()} ${url.pathname}${url.search}`);
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}`),
    );
  });
  const violations = () =>
    page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
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

test('signed out, a console page goes to sign in without asking the API who is there', async ({
  page,
}) => {
  const { api, violations } = await watch(page);
  await page.goto('/users');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(api).toEqual([]);
  expect(await violations()).toEqual([]);
});

test('no page reports a Content-Security-Policy violation', async ({ signedIn, page }) => {
  const { violations } = await watch(page);
  for (const path of ['/', '/users', '/activity', '/activity?tab=audit', '/nowhere']) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await violations(), path).toEqual([]);
  }
  await signedIn.goto();
  await signedIn.openIncomingKeysDialog();
  expect(await violations(), 'dialog').toEqual([]);
});
