import { expect, test } from './fixtures/test';

test.describe('admin sign-in', () => {
  test('a wrong password says only that the pair does not match', async ({ signInPage, stack }) => {
    await signInPage.goto();
    await signInPage.signIn(stack.admin.email, 'not-the-password');
    await expect(signInPage.message('The email and password do not match.')).toBeVisible();
    await expect(signInPage.page).toHaveURL(/\/sign-in/);
  });

  test('the right pair opens the configuration page', async ({
    signInPage,
    configurationPage,
    stack,
  }) => {
    await signInPage.goto();
    await signInPage.signIn(stack.admin.email, stack.admin.password);
    await expect(configurationPage.heading).toHaveText('Okta single-sign on configuration');
    await expect(configurationPage.page).toHaveURL(/\/$/);
  });

  test('the configuration page sends a signed-out visitor to sign in', async ({
    page,
    signInPage,
  }) => {
    await page.goto('/');
    await expect(signInPage.email).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
