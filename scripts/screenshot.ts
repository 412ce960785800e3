/**
 * Makes docs/screenshot.png for the README: the built server on loopback as in production (no
 * ALLOW_HTTP_LOOPBACK_ISSUER, so no loopback-test warning), with incoming keys for the Okta org
 * https://acme.okta.com stored through the service layer (screenshot-keys.ts says why Save is
 * not used), then the main page at 1280x800 after signing in.
 * Run with `npm run screenshot` (which builds first).
 */
import path from 'node:path';
import { ConfigurationPage } from '../e2e/fixtures/configuration-page';
import { SignInPage } from '../e2e/fixtures/sign-in-page';
import { capture, launchScreenshotBrowser, screenshotPage } from '../e2e/support/screenshots';
import { startStack } from '../e2e/support/stack';
import { openDatabase } from '../src/server/db/database';
import { storeProductionLikeKeys } from './screenshot-keys';

const stack = await startStack({ okta: false, allowHttpLoopbackIssuer: false });
const browser = await launchScreenshotBrowser();
try {
  const dataDir = path.join(stack.tempDir, 'data');
  const db = openDatabase(dataDir);
  try {
    await storeProductionLikeKeys(db, dataDir, stack.admin.email);
  } finally {
    await db.destroy();
  }

  const page = await screenshotPage(browser, stack.baseUrl);
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(stack.admin.email, stack.admin.password);

  const main = new ConfigurationPage(page);
  await main.heading.waitFor();
  await main.summaryText(/Client secret: set on/).waitFor();
  await page.getByText('https://acme.okta.com').first().waitFor();
  await capture(page, 'screenshot.png');
} finally {
  await browser.close();
  await stack.close();
}
