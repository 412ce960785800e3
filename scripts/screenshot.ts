/**
 * Makes docs/screenshot.png for the README: the built server and the Okta stand-in on loopback,
 * an admin who signs in and saves the incoming keys, then the main page at 1280x800.
 * Run with `npm run screenshot` (which builds first).
 */
import { ConfigurationPage } from '../e2e/fixtures/configuration-page';
import { SignInPage } from '../e2e/fixtures/sign-in-page';
import { capture, launchScreenshotBrowser, screenshotPage } from '../e2e/support/screenshots';
import { startStack } from '../e2e/support/stack';

const stack = await startStack();
const browser = await launchScreenshotBrowser();
try {
  const page = await screenshotPage(browser, stack.baseUrl);
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(stack.admin.email, stack.admin.password);

  const main = new ConfigurationPage(page);
  await main.heading.waitFor();
  const dialog = await main.openIncomingKeysDialog();
  await dialog.submit({
    clientId: stack.okta.clientId,
    clientSecret: stack.okta.clientSecret,
    issuerUri: stack.okta.issuer,
  });
  await dialog.root.waitFor({ state: 'hidden', timeout: 15_000 });

  // A fresh load: no toast, no focus ring, just the saved state.
  await page.reload();
  await main.summaryText(/Client secret: set on/).waitFor();
  await capture(page, 'screenshot.png');
} finally {
  await browser.close();
  await stack.close();
}
