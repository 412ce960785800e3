import { ActivityPage } from './fixtures/activity-page';
import { ApplicationsPage } from './fixtures/applications-page';
import { expect, test } from './fixtures/test';
import { settleAnimations } from './support/animations';
import { axeViolations } from './support/axe';

test('an admin adds an application, sees its secret once, rotates it, removes it; the audit log shows each', async ({
  signedIn,
  stack,
}) => {
  test.setTimeout(90_000);
  const page = signedIn.page;
  const apps = new ApplicationsPage(page);
  const name = `Time tracker ${Date.now()}`;
  let first = '';

  await test.step('the page shows the issuer and discovery URL; axe finds nothing', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Applications' })
      .click();
    await expect(apps.heading).toBeVisible();
    await expect(page.getByText(stack.baseUrl, { exact: true })).toBeVisible();
    await expect(
      page.getByText(`${stack.baseUrl}/.well-known/openid-configuration`, { exact: true }),
    ).toBeVisible();
    await settleAnimations(page);
    expect(await axeViolations(page), 'axe on the Applications page').toEqual([]);
  });

  await test.step('Add application: field errors next to the fields, then the secret once', async () => {
    await apps.addButton.click();
    const dialog = apps.dialog('Add application');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect(dialog.getByLabel('Redirect URIs', { exact: true })).toHaveAccessibleDescription(
      'Enter at least one redirect URI.',
    );
    await settleAnimations(page);
    expect(await axeViolations(page), 'axe on Add application').toEqual([]);
    await dialog.getByLabel('Name').fill(name);
    await dialog
      .getByLabel('Redirect URIs', { exact: true })
      .fill('http://time.acme.test/callback');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect(dialog.getByLabel('Redirect URIs', { exact: true })).toHaveAccessibleDescription(
      'Use an https address.',
    );
    await dialog
      .getByLabel('Redirect URIs', { exact: true })
      .fill('https://time.acme.test/callback');
    await dialog.getByRole('button', { name: 'Add' }).click();
    first = await apps.shownSecret(dialog);
    expect(first).toMatch(/^osc_cs_/);
    await settleAnimations(page);
    expect(await axeViolations(page), 'axe on the shown secret').toEqual([]);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();
    await expect(apps.row(name)).toContainText('https://time.acme.test/callback');
    await page.reload();
    await expect(apps.table).toBeVisible();
    expect(await page.content()).not.toContain(first);
  });

  await test.step('Rotate secret: the grace period chosen, the new secret once', async () => {
    await apps
      .row(name)
      .getByRole('button', { name: `Rotate secret of ${name}` })
      .click();
    const dialog = apps.dialog(`Rotate the secret of ${name}`);
    await expect(dialog.getByRole('radio', { name: '24 hours' })).toBeChecked();
    await settleAnimations(page);
    expect(await axeViolations(page), 'axe on Rotate secret').toEqual([]);
    await dialog.getByRole('radio', { name: '1 hour' }).check();
    await dialog.getByRole('button', { name: 'Rotate secret' }).click();
    const second = await apps.shownSecret(dialog);
    expect(second).not.toBe(first);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(apps.row(name)).toContainText('Old secret works until');
  });

  await test.step('Remove asks first', async () => {
    await apps
      .row(name)
      .getByRole('button', { name: `Remove ${name}` })
      .click();
    const dialog = apps.dialog('Remove application?');
    await settleAnimations(page);
    expect(await axeViolations(page), 'axe on Remove application').toEqual([]);
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await expect(dialog).toBeHidden();
    await expect(apps.row(name)).toHaveCount(0);
  });

  await test.step('the audit log shows the three changes, with no secret', async () => {
    const activity = new ActivityPage(page);
    await activity.goto('?tab=audit');
    await expect(activity.auditLog).toBeVisible();
    for (const label of [
      'Application added',
      'Application secret rotated',
      'Application removed',
    ]) {
      await expect(
        activity.auditLog
          .getByRole('row')
          .filter({ hasText: label })
          .filter({ hasText: name })
          .first(),
      ).toBeVisible();
    }
    await expect(
      activity.auditLog
        .getByRole('row')
        .filter({ hasText: `Rotated the secret of ${name}; the old one works for 1 h` }),
    ).toHaveCount(1);
    expect(await page.content()).not.toContain(first);
  });
});
