import type { FullConfig } from '@playwright/test';
import { startStack } from './stack';

/**
 * Runs once in Playwright's runner process: the Okta stand-in lives here for the whole run, the
 * server is a child process. Workers inherit E2E_STACK (addresses and credentials) from this env.
 */
export default async function globalSetup(_config: FullConfig) {
  const stack = await startStack();
  const { close, tempDir: _tempDir, ...info } = stack;
  process.env.E2E_STACK = JSON.stringify(info);
  return close;
}
