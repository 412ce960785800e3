import { randomBytes } from 'node:crypto';
import { ActivityPage } from './fixtures/activity-page';
import { AdminApi } from './fixtures/admin-api';
import { OktaScim } from './fixtures/okta-scim';
import { expect, test } from './fixtures/test';
import { settleAnimations } from './support/animations';
import { axeViolations } from './support/axe';

/**
 * The Activity page against the real server: what Okta's SCIM requests did, failures with their
 * reason, and the admin changes in the audit log.
 */
const run = randomBytes(4).toString('hex');
const email = `activity.${run}@acme.test`;

let admin: AdminApi;
let accessKeyId: number | undefined;
let duplicateDetail: string;

test.beforeAll(async ({ stack }) => {
  admin = await AdminApi.signIn(stack);
  const key = await admin.createAccessKey();
  accessKeyId = key.id;
  const okta = new OktaScim(stack.baseUrl, key.secret);

  const user = await okta.assignUser(email, 'Ada', 'Activity');
  // Okta retrying a create the server already holds: 409 uniqueness, in any letter case.
  const duplicate = await okta.request('POST', '/Users', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: email.toUpperCase(),
    name: { givenName: 'Ada', familyName: 'Activity' },
    emails: [{ primary: true, value: email, type: 'work' }],
    active: true,
  });
  expect(duplicate.status).toBe(409);
  const body = (await duplicate.json()) as { scimType?: string; detail: string };
  expect(body.scimType).toBe('uniqueness');
  duplicateDetail = body.detail;
  await okta.deactivateUser(user);
});

test.afterAll(async () => {
  // Two active keys at most, on a server the other specs share.
  if (accessKeyId !== undefined) await admin.revokeAccessKey(accessKeyId);
  await admin.dispose();
});

test('an admin sees a failed SCIM request with its reason, and a deactivation with what changed', async ({
  signedIn,
  page,
  stack,
}) => {
  const activity = new ActivityPage(page);
  await expect(signedIn.heading).toHaveText('Okta single-sign on configuration');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Activity' })
    .click();
  await expect(activity.heading).toHaveText('Activity');
  await expect(activity.provisioningTab).toHaveAttribute('aria-selected', 'true');

  await activity.subject.fill(email);
  await expect(page).toHaveURL(/subject=/);

  await test.step('the duplicate create is an Error with the uniqueness detail', async () => {
    const failed = activity.rows('Create user').filter({ hasText: 'Error' });
    await expect(failed).toHaveCount(1);
    await expect(failed).toContainText('409');
    await expect(activity.rows('Create user').filter({ hasText: 'Success' })).toContainText('201');
    const details = await activity.openDetails(failed);
    await expect(details).toContainText(duplicateDetail);
    await expect(details).toContainText('POST /scim/v2/Users');
  });

  await test.step('the deactivation is "Deactivate user", active true → false', async () => {
    const deactivation = activity.rows('Deactivate user');
    await expect(deactivation).toHaveCount(1);
    await expect(deactivation).toContainText(email);
    const details = await activity.openDetails(deactivation);
    const active = activity.change(details, 'active');
    await expect(active.getByRole('cell').nth(0)).toHaveText('true');
    await expect(active.getByRole('cell').nth(1)).toHaveText(/false$/);
  });

  await test.step('axe finds nothing, with details open', async () => {
    await settleAnimations(page);
    expect(await axeViolations(page), 'axe on the Activity page').toEqual([]);
  });

  await test.step('the status filter and the export select the same requests', async () => {
    await activity.status.selectOption({ label: 'Error' });
    await expect(activity.rows('Deactivate user')).toHaveCount(0);
    await expect(activity.rows('Create user')).toHaveCount(1);
    const href = await activity.exportCsv.getAttribute('href');
    expect(href).toContain('outcome=error');
    const response = await page.request.get(href ?? '');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^text\/csv/);
    const csv = await response.text();
    expect(csv.toLowerCase()).toContain(email);
    expect(csv.trim().split(/\r?\n/)).toHaveLength(2); // the header and the 409
    expect(csv).not.toMatch(/Okta-[a-z0-9]{6,}/); // the random password Okta sends
  });

  await test.step('the audit log says who created the access key', async () => {
    await activity.auditTab.click();
    await expect(activity.auditLog).toBeVisible();
    const created = activity.auditLog
      .getByRole('row')
      .filter({ hasText: 'Access key created' })
      .filter({ hasText: stack.admin.email });
    await expect(created.first()).toBeVisible();
    await settleAnimations(page);
    expect(await axeViolations(page), 'axe on the audit log').toEqual([]);
  });

  await test.step('the main page shows sync health: last request of each kind and the chart', async () => {
    await signedIn.goto();
    const health = page.getByRole('region', { name: 'Sync health' });
    const last = health.getByRole('table', { name: 'Last request of each kind' });
    await expect(last.getByRole('row').filter({ hasText: 'Deactivate user' })).toContainText(
      /just now|minute/,
    );
    await expect(
      health.getByRole('img', { name: /^Provisioning requests per hour/ }),
    ).toBeVisible();
    await expect(health.getByText('Errors in the last 24 hours')).toBeVisible();
    await settleAnimations(page);
    expect(await axeViolations(page), 'axe on the main page with sync health').toEqual([]);
  });
});
