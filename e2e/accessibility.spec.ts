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

  for (const width of [412, 360]) {
    test(`the configuration page on a phone ${width} px wide: the header wraps, every link and "Sign out" stay on the bar`, async ({
      page,
      signedIn,
    }) => {
      await page.setViewportSize({ width, height: 823 });
      await expect(signedIn.heading).toBeVisible();
      const bar = await page.getByRole('banner').boundingBox();
      const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
      const controls = [...(await nav.all()), page.getByRole('button', { name: 'Sign out' })];
      expect(controls.length).toBe(7);
      for (const control of controls) {
        const box = await control.boundingBox();
        const name = await control.textContent();
        expect(bar && box, name ?? '').toBeTruthy();
        if (bar && box) {
          expect(box.x + box.width, `${name} inside the bar`).toBeLessThanOrEqual(
            bar.x + bar.width,
          );
          expect(box.y + box.height, `${name} inside the bar`).toBeLessThanOrEqual(
            bar.y + bar.height,
          );
        }
      }
      expect(await axeViolations(page)).toEqual([]);
      // Wide tables scroll in their own box; nothing makes a page scroll sideways.
      for (const path of [
        '/',
        '/users',
        '/activity',
        '/activity?tab=audit',
        '/webhooks',
        '/admins',
      ]) {
        if (path !== '/') await page.goto(path);
        await expect(page.getByRole('table').first()).toBeVisible();
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(scrollWidth, `${path} scrolls sideways`).toBeLessThanOrEqual(width);
      }
    });
  }

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
