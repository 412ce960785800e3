import { expect, test } from './fixtures/test';
import { settleAnimations } from './support/animations';
import { axeViolations } from './support/axe';

test.describe('accessibility (axe, WCAG 2.1 A and AA)', () => {
  test('the sign-in page', async ({ signInPage }) => {
    await signInPage.goto();
    expect(await axeViolations(signInPage.page)).toEqual([]);
  });

  test('the sign-in page showing an error', async ({ signInPage }) => {
    await signInPage.goto();
    await signInPage.submit.click();
    await expect(signInPage.email).toHaveAttribute('aria-invalid', 'true');
    expect(await axeViolations(signInPage.page)).toEqual([]);
  });

  test('the configuration page', async ({ signedIn }) => {
    await expect(signedIn.setUpIncomingKeys).toBeEnabled();
    expect(await axeViolations(signedIn.page)).toEqual([]);
  });

  test('the configuration page on a phone: the header wraps, "Sign out" stays on the bar', async ({
    page,
    signedIn,
  }) => {
    await page.setViewportSize({ width: 412, height: 823 });
    await expect(signedIn.heading).toBeVisible();
    const bar = await page.getByRole('banner').boundingBox();
    const signOut = await page.getByRole('button', { name: 'Sign out' }).boundingBox();
    expect(bar && signOut).toBeTruthy();
    if (bar && signOut) {
      expect(signOut.x + signOut.width).toBeLessThanOrEqual(bar.x + bar.width);
      expect(signOut.y + signOut.height).toBeLessThanOrEqual(bar.y + bar.height);
    }
    expect(await axeViolations(page)).toEqual([]);
  });

  test('the open dialog, empty and with field errors', async ({ signedIn }) => {
    const dialog = await signedIn.openIncomingKeysDialog();
    // MUI's dialog fades in; axe should measure contrast on the final colours.
    await settleAnimations(signedIn.page);
    expect(await axeViolations(signedIn.page)).toEqual([]);

    await dialog.fill({ clientId: '', clientSecret: '', issuerUri: 'http://acme.okta.com' });
    await dialog.save.click();
    await expect(dialog.issuerUri).toHaveAttribute('aria-invalid', 'true');
    expect(await axeViolations(signedIn.page)).toEqual([]);
  });
});
