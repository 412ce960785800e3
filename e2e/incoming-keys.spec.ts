import { expect, test } from './fixtures/test';
import { axeViolations } from './support/axe';

// One story against one server: each step starts from the state the previous one left.
test.describe.configure({ mode: 'serial' });

test.describe('Setup incoming Okta keys', () => {
  test('the dialog has its fields and buttons, and Cancel closes it', async ({ signedIn }) => {
    await expect(signedIn.heading).toHaveText('Okta single-sign on configuration');
    const dialog = await signedIn.openIncomingKeysDialog();
    await expect(dialog.clientId).toBeVisible();
    await expect(dialog.clientSecret).toBeVisible();
    await expect(dialog.issuerUri).toBeVisible();
    await expect(dialog.save).toBeVisible();
    await dialog.cancel.click();
    await expect(dialog.root).toBeHidden();
  });

  test('a bad Issuer URI is refused in the browser, without a request', async ({
    signedIn,
    page,
    stack,
  }) => {
    const keyRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/incoming-keys')) {
        keyRequests.push(`${request.method()} ${request.url()}`);
      }
    });
    const dialog = await signedIn.openIncomingKeysDialog();
    await dialog.submit({
      clientId: stack.okta.clientId,
      clientSecret: stack.okta.clientSecret,
      issuerUri: 'http://acme.okta.com',
    });
    await expect(dialog.issuerUri).toHaveAccessibleDescription(/https:\/\//);
    await expect(dialog.issuerUri).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.root).toBeVisible();
    expect(keyRequests.filter((r) => !r.startsWith('GET '))).toEqual([]);
  });

  test('a wrong Client secret shows the invalid-client message on that field', async ({
    signedIn,
    stack,
  }) => {
    const dialog = await signedIn.openIncomingKeysDialog();
    await dialog.submit({
      clientId: stack.okta.clientId,
      clientSecret: 'definitely-not-the-secret',
      issuerUri: stack.okta.issuer,
    });
    await expect(dialog.clientSecret).toHaveAccessibleDescription(
      /Okta refused this Client ID and Client secret \(invalid_client\)/,
      { timeout: 10_000 },
    );
    await expect(dialog.clientSecret).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.root).toBeVisible();
  });

  test('the right secret saves, and the page shows what was stored after a reload', async ({
    signedIn,
    page,
    stack,
  }) => {
    const dialog = await signedIn.openIncomingKeysDialog();
    await dialog.submit({
      clientId: stack.okta.clientId,
      clientSecret: stack.okta.clientSecret,
      issuerUri: stack.okta.issuer,
    });
    await expect(dialog.root).toBeHidden({ timeout: 10_000 });

    await page.reload();
    await expect(signedIn.summaryText(stack.okta.clientId)).toBeVisible();
    await expect(signedIn.summaryText(stack.okta.issuer)).toBeVisible();
    await expect(signedIn.summaryText(/Client secret: set on \S+/)).toBeVisible();
    expect(await axeViolations(page), 'axe on the page with saved keys').toEqual([]);
  });

  test('reopening the dialog prefills Client ID and Issuer URI, never the secret', async ({
    signedIn,
    stack,
  }) => {
    const dialog = await signedIn.openIncomingKeysDialog();
    await expect(dialog.clientId).toHaveValue(stack.okta.clientId);
    await expect(dialog.issuerUri).toHaveValue(stack.okta.issuer);
    await expect(dialog.clientSecret).toHaveValue('');
  });
});
