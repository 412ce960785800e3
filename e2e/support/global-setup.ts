import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import { checkSecretsNotLeaked } from './secrets-check';
import { startStack } from './stack';

/**
 * Runs once in Playwright's runner process: the Okta stand-in lives here for the whole run, the
 * server is a child process. Workers inherit E2E_STACK (addresses and credentials) and
 * E2E_SEEN_SECRETS (where the specs remember the secrets they saw) from this env.
 *
 * The teardown stops the server, then greps its log (LOG_LEVEL=info: every request line) and
 * the audit_log and events tables for each remembered secret and fails the run on any match.
 */
export default async function globalSetup(_config: FullConfig) {
  const stack = await startStack({ logLevel: 'info' });
  const { close, stopServer, tempDir, dataDir, logFile, ...info } = stack;
  const seenFile = path.join(tempDir, 'seen-secrets.jsonl');
  process.env.E2E_STACK = JSON.stringify(info);
  process.env.E2E_SEEN_SECRETS = seenFile;
  return async () => {
    try {
      await stopServer();
      console.log(checkSecretsNotLeaked({ seenFile, logFile, dataDir }));
    } finally {
      await close();
    }
  };
}
