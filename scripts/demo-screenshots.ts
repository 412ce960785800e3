/**
 * Makes the README's "Try it without Okta" screenshots from the demo in --configured mode:
 * docs/demo-configuration.png (the main page), docs/demo-directory-groups.png (Engineering → Pro,
 * Sales → Basic) and docs/demo-me.png (an end user's /me after signing in at the stand-in).
 * Run with `npm run screenshots:demo` (which builds first).
 */
import { ConfigurationPage } from '../e2e/fixtures/configuration-page';
import { MePage } from '../e2e/fixtures/me-page';
import { OktaStandInForm } from '../e2e/fixtures/okta-stand-in-form';
import { SignInPage } from '../e2e/fixtures/sign-in-page';
import { capture, launchScreenshotBrowser, screenshotPage } from '../e2e/support/screenshots';
import { demoPerson } from './demo/people';
import { startDemo } from './demo/start-demo';

// The demo's usual ports when free, so the pictures show what a visitor sees.
const demo = await startDemo({ consolePort: 3000, oktaPort: 3001, configured: true });
const browser = await launchScreenshotBrowser();
try {
  const admin = await screenshotPage(browser, demo.consoleUrl, { width: 1280, height: 900 });
  const signIn = new SignInPage(admin);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  const main = new ConfigurationPage(admin);
  await main.summaryText(/Client secret: set on/).waitFor();
  await capture(admin, 'demo-configuration.png');

  const groups = admin.getByRole('region', { name: 'Directory groups' });
  await groups.getByRole('cell', { name: 'Sales', exact: true }).waitFor();
  await capture(groups, 'demo-directory-groups.png');

  const ada = demoPerson('ada@example.com');
  const person = await screenshotPage(browser, demo.consoleUrl, { width: 800, height: 360 });
  await person.goto('/auth/okta');
  await new OktaStandInForm(person).signIn(ada.email, ada.password);
  await new MePage(person).licence.waitFor();
  await capture(person, 'demo-me.png');
} finally {
  await browser.close();
  await demo.stop();
}
