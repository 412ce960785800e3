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
