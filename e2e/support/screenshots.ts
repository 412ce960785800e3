/** The browser and page settings the README's screenshots share (scripts/screenshot.ts, demo). */
import path from 'node:path';
import { type Browser, chromium, type Locator, type Page } from '@playwright/test';
import { settleAnimations } from './animations';
import { chromiumArgs, chromiumPath } from './chromium';

export const docsDir = path.resolve(import.meta.dirname, '../../docs');

export function launchScreenshotBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

/** A fresh context (own cookies) at 1280x800 by default, light, without motion. */
export async function screenshotPage(
  browser: Browser,
  baseUrl: string,
  viewport = { width: 1280, height: 800 },
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport,
    colorScheme: 'light',
    reducedMotion: 'reduce',
  });
  return context.newPage();
}

/** Writes docs/<name> of the page, or of one element of it, once animations have ended. */
export async function capture(target: Page | Locator, name: string): Promise<void> {
  const page = 'page' in target ? target.page() : target;
  await settleAnimations(page);
  const out = path.join(docsDir, name);
  await target.screenshot({ path: out, animations: 'disabled' });
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}
