import type { Page } from '@playwright/test';

/**
 * Waits for the page's finite CSS transitions and animations (MUI's fades) to end, so axe and
 * screenshots see final colours. Infinite ones (spinners, skeletons) are not waited for.
 */
export async function settleAnimations(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}
