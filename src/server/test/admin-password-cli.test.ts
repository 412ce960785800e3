/**
 * `npm run admin:password -- <email>` while the console runs: the admin gets a new password, is
 * signed out everywhere, and the audit log says it was done from the command line.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLogPage } from '../../shared/api';
import { type Harness, startHarness } from '../../testing/server-harness';
import { onPostgres } from '../../testing/test-database';
import { migrateToLatest, openDatabase } from '../db/database';
import { ensureFirstAdmin } from '../services/admins';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const OLD = 'the-password-that-was-lost';
let dir: string;
let harness: Harness;

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/admin-password.ts', ...args],
      { cwd: root, env: { ...process.env, DATA_DIR: dir, ...env } },
    );
    return { code: 0, out: `${stdout}${stderr}` };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}

const signIn = (password: string) =>
  harness.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: 'ops@acme.test', password },
  });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osc-admin-password-'));
  const db = openDatabase(dir);
  await migrateToLatest(db);
  await ensureFirstAdmin(db, 'ops@acme.test', OLD);
  harness = await startHarness({ db });
});
afterAll(async () => {
  await harness.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// SQLite only: the command resets a password in DATA_DIR's SQLite database; it does not read
// DATABASE_URL yet (on PostgreSQL, another admin resets it in the console).
describe.skipIf(onPostgres())('npm run admin:password', () => {
  it('gives the admin a new password, shown once, and ends their sessions', async () => {
    const before = await harness.signIn({ email: 'ops@acme.test', password: OLD });

    const reset = await cli(['OPS@acme.test']);
    expect(reset.code, reset.out).toBe(0);
    const printed =
      /New password for ops@acme\.test: (\S+) \(shown once\)\. Their 1 session ended\./.exec(
        reset.out,
      );
    expect(printed, reset.out).not.toBeNull();
    const password = printed?.[1] ?? '';

    expect((await signIn(OLD)).statusCode).toBe(401);
    expect((await before.inject({ method: 'GET', url: '/api/admins' })).statusCode).toBe(401);
    const after = await harness.signIn({ email: 'ops@acme.test', password });
    // A generated password is replaced before anything else (first-password.test.ts).
    expect(after.session.mustChangePassword).toBe(true);
    await after.inject({
      method: 'PUT',
      url: '/api/session/password',
      payload: { currentPassword: password, newPassword: 'chosen after the reset' },
    });
    const audit = auditLogPage.parse(
      (await after.inject({ method: 'GET', url: '/api/audit?kind=admin_password_changed' })).json(),
    );
    expect(audit.entries.map((e) => [e.actor, e.summary])).toEqual([
      ['ops@acme.test', 'Chose their own password in place of the one the console made'],
      [
        'command line',
        'Reset the password of ops@acme.test from the command line; 1 session ended',
      ],
    ]);
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it('takes ADMIN_PASSWORD when it is set, and judges it by the console’s rule', async () => {
    const short = await cli(['ops@acme.test'], { ADMIN_PASSWORD: 'short' });
    expect(short.code).toBe(1);
    expect(short.out).toContain('ADMIN_PASSWORD: Use at least 12 characters.');

    const chosen = 'a chosen long passphrase';
    const reset = await cli(['ops@acme.test'], { ADMIN_PASSWORD: chosen });
    expect(reset.code, reset.out).toBe(0);
    expect(reset.out).toContain('The password of ops@acme.test is now ADMIN_PASSWORD.');
    expect(reset.out).not.toContain(chosen);
    expect((await signIn(chosen)).statusCode).toBe(200);
  });

  it('names the administrators when the email is not one, and changes nothing', async () => {
    const unknown = await cli(['nobody@acme.test']);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain(
      'No administrator has the email nobody@acme.test. Administrators: ops@acme.test.',
    );
    const usage = await cli([]);
    expect(usage.code).toBe(2);
    expect(usage.out).toContain('Usage: npm run admin:password -- <admin email>');
    const missing = await cli(['ops@acme.test'], { DATA_DIR: path.join(dir, 'nowhere') });
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('There is no console database in');
  });
});
