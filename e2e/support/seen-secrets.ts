/**
 * The secrets the specs saw (client secrets, signing secrets, access keys, first passwords, codes,
 * tokens, session cookies), one JSON line each in the file E2E_SEEN_SECRETS names (set by the
 * global setup; workers inherit it). The global teardown greps the server's log and the audit
 * tables for every one of them.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

export interface SeenSecret {
  kind: string;
  value: string;
}

/** Remembers `value` (of `kind`, e.g. "application client secret") for the teardown's grep. */
export function rememberSecret(kind: string, value: string | undefined | null): void {
  const file = process.env.E2E_SEEN_SECRETS;
  if (!file || !value) return;
  appendFileSync(file, `${JSON.stringify({ kind, value } satisfies SeenSecret)}\n`);
}

export function readSeenSecrets(file: string): SeenSecret[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SeenSecret);
}

/** A secret as a message may show it: its first few characters and its length. */
export function masked(value: string): string {
  return `${value.slice(0, Math.min(6, Math.floor(value.length / 4)))}… (${value.length} characters)`;
}
