import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';

/** Presses Tab until the focused element's text is `name`; fails after `max` presses. */
async function tabTo(page: Page, name: string, max = 40): Promise<string[]> {
  const visited: string[] = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim();
    });
    visited.push(focused);
    if (focused === name) return visited;
  }
  throw new Error(`"${name}" not reached with Tab; focus went through: ${visited.join(' | ')}`);
}

/**
 * The keyboard-only walkthrough of docs/accessibility.md: sign in, follow a setup step to its
 * card, open Users from the header and reach its export, with the keyboard alone.
 */
test('an admin can sign in and move through the console with the keyboard alone', async ({
  page,
  stack,
}) => {
  await page.goto('/sign-in');
  // The email field has the focus on arrival (autofocus): type, Tab, type, Enter.
  await page.keyboard.type(stack.admin.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(stack.admin.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Okta single-sign on configuration',
  );

  // Header links come first, then the setup steps; Enter on a step moves the focus to its card.
  // Earlier specs of the run may have finished the setup: then the steps are behind "Show steps".
  const collapsed = await page.getByRole('button', { name: 'Show steps' }).isVisible();
  const path = await tabTo(page, collapsed ? 'Show steps' : '1. Incoming keys saved and verified');
  expect(path.slice(0, 7)).toEqual([
    'Configuration',
    'Users',
    'Activity',
    'Applications',
    'Webhooks',
    'Administrators',
    'Sign out',
  ]);
  if (collapsed) {
    await page.keyboard.press('Enter');
    await tabTo(page, '1. Incoming keys saved and verified');
  }
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Incoming keys' })).toBeFocused();
  // Tab goes on from the card, not from the top of the page.
  await page.keyboard.press('Tab');
  await expect(
    page.getByRole('button', { name: /Set up incoming keys|Edit incoming keys/ }),
  ).toBeFocused();

  await page.goto('/');
  await tabTo(page, 'Users');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
  await tabTo(page, 'Export CSV');
  await expect(page.getByRole('link', { name: 'Export CSV' })).toBeFocused();
});
