/**
 * Makes docs/screenshot.png for the README: the built server and the Okta stand-in on loopback,
 * an admin who signs in and saves the incoming keys, then the main page at 1280x800.
 * Run with `npm run screenshot` (which builds first).
 */
import path from 'node:path';
import { chromium } from '@playwright/test';
import { ConfigurationPage } from '../e2e/fixtures/configuration-page';
import { SignInPage } from '../e2e/fixtures/sign-in-page';
import { settleAnimations } from '../e2e/support/animations';
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium';
import { startStack } from '../e2e/support/stack';

const out = path.resolve(import.meta.dirname, '../docs/screenshot.png');

const stack = await startStack();
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  const context = await browser.newContext({
    baseURL: stack.baseUrl,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
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
  await settleAnimations(page);
  await page.screenshot({ path: out });
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
} finally {
  await browser.close();
  await stack.close();
}
