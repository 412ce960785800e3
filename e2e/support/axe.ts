import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// @axe-core/playwright resolves its own playwright-core (a newer minor); the Page is the same.
type AxePage = ConstructorParameters<typeof AxeBuilder>[0]['page'];

/** axe's WCAG 2.1 A and AA violations on the page as it is now, short enough to read in a diff. */
export async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page: page as unknown as AxePage })
    .withTags(WCAG_TAGS)
    .analyze();
  return results.violations.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
}
