import { AdminsPage } from './fixtures/admins-page';
import { SignInPage } from './fixtures/sign-in-page';
import { expect, test } from './fixtures/test';
import { settleAnimations } from './support/animations';
import { axeViolations } from './support/axe';

test('an admin adds an administrator, who signs in with the first password and changes it; then is removed', async ({
  signedIn,
  browser,
  stack,
}) => {
  // Two browsers, four axe runs and five scrypt hashes: more than the default 30 s on a busy CI.
  test.setTimeout(90_000);
  const page = signedIn.page;
  const admins = new AdminsPage(page);
  const email = `ops-${Date.now()}@acme.test`;
  let first = '';

  await test.step('the Administrators page lists you; axe finds nothing there or in its dialogs', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Administrators' })
      .click();
    await expect(admins.heading).toBeVisible();
    await expect(admins.row(stack.admin.email)).toContainText('You');
    await expect(admins.row(stack.admin.email).getByRole('button')).toHaveCount(0);
    await settleAnimations(page);
    expect(await axeViolations(page), 'axe on the Administrators page').toEqual([]);

    await admins.addButton.click();
    const dialog = admins.dialog('Add administrator');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect(dialog.getByLabel('Email')).toHaveAccessibleDescription('Enter an email address.');
    await settleAnimations(page);
    expect(await axeViolations(page), 'axe on Add administrator').toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('Add administrator shows the first password once', async () => {
    first = await admins.add(email);
    expect(first.length).toBeGreaterThanOrEqual(16);
    await expect(admins.row(email)).toContainText('Not signed in');
    await page.reload();
    await expect(admins.table).toBeVisible();
    expect(await page.content()).not.toContain(first);
  });

  await test.step('the new admin signs in and must choose their own password first', async () => {
    const context = await browser.newContext({ baseURL: stack.baseUrl });
    try {
      const theirs = await context.newPage();
      const signIn = new SignInPage(theirs);
      await signIn.goto();
      await signIn.signIn(email, first);
      await expect(theirs.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
      await expect(theirs.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
      // The server refuses everything else meanwhile.
      const refused = await theirs.request.get('/api/admins');
      expect(refused.status()).toBe(403);
      expect((await refused.json()).code).toBe('password_change_required');

      await theirs.getByLabel('Current password').fill('not the first password');
      await theirs.getByLabel('New password', { exact: true }).fill('four unrelated words here');
      await theirs.getByLabel('Confirm new password').fill('four unrelated words here');
      await theirs.getByRole('button', { name: 'Save and continue' }).click();
      await expect(theirs.getByLabel('Current password')).toHaveAccessibleDescription(
        'This is not your current password.',
      );
      await settleAnimations(theirs);
      expect(await axeViolations(theirs), 'axe on Choose a new password with an error').toEqual([]);
      await theirs.getByLabel('Current password').fill(first);
      await theirs.getByRole('button', { name: 'Save and continue' }).click();
      await expect(
        theirs.getByRole('heading', { name: 'Okta single-sign on configuration' }),
      ).toBeVisible();

      const own = new AdminsPage(theirs);
      await own.goto();
      await expect(own.row(email)).toContainText('You');
      const wrong = await own.changePassword('not the current one', 'five unrelated words here');
      await expect(wrong.getByLabel('Current password')).toHaveAccessibleDescription(
        'This is not your current password.',
      );
      await settleAnimations(theirs);
      expect(await axeViolations(theirs), 'axe on Change password with an error').toEqual([]);
      await wrong.getByRole('button', { name: 'Cancel' }).click();
      await expect(wrong).toBeHidden();

      await theirs.getByRole('button', { name: 'Sign out' }).click();
      await signIn.signIn(email, first);
      await expect(signIn.message('The email and password do not match.')).toBeVisible();
      await signIn.signIn(email, 'four unrelated words here');
      // Back on the page they signed out from.
      await expect(theirs.getByRole('heading', { level: 1 })).toHaveText('Administrators');
    } finally {
      await context.close();
    }
  });

  await test.step('removing them asks first, and the audit log tells the story', async () => {
    await page.reload();
    await expect(admins.row(email)).toContainText('Signed in (1 session)');
    await admins
      .row(email)
      .getByRole('button', { name: `Remove ${email}` })
      .click();
    const confirm = admins.dialog('Remove administrator?');
    await expect(confirm).toContainText('is signed out everywhere at once');
    await settleAnimations(page);
    expect(await axeViolations(page), 'axe on Remove administrator?').toEqual([]);
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByText(`${email} removed.`)).toBeVisible();
    await expect(admins.row(email)).toHaveCount(0);

    await page.goto('/activity?tab=audit');
    const log = page.getByRole('table', { name: 'Audit log' });
    await expect(
      log.getByRole('row').filter({ hasText: `Added the administrator ${email}` }),
    ).toBeVisible();
    await expect(
      log
        .getByRole('row')
        .filter({ hasText: 'Chose their own password in place of the one the console made' })
        .first(),
    ).toBeVisible();
    await expect(
      log.getByRole('row').filter({ hasText: `Removed the administrator ${email}` }),
    ).toBeVisible();
    expect(await page.content()).not.toContain(first);
  });
});
