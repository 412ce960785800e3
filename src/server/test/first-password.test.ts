/**
 * A password the console made (first admin without ADMIN_PASSWORD, an added admin, a reset
 * without ADMIN_PASSWORD) must be replaced at first sign-in: until then the session may only
 * change the password or sign out; every other admin request answers 403 with a clear code.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addedAdmin, apiErrorSchema, auditLogPage, sessionState } from '../../shared/api';
import { PASSWORD_CHANGE_REQUIRED } from '../../shared/api/session';
import { type Harness, type SignedInClient, startHarness } from '../../testing/server-harness';
import { migrateToLatest, openDatabase } from '../db/database';
import { resetAdminPassword } from '../services/admin-password-reset';
import { ensureFirstAdmin } from '../services/admins';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const CHOSEN = 'a passphrase of my own choosing';

async function sessionOf(client: SignedInClient) {
  const answer = await client.inject({ method: 'GET', url: '/api/session' });
  return sessionState.parse(answer.json());
}

async function expectOnlyPasswordChange(client: SignedInClient) {
  for (const url of ['/api/admins', '/api/incoming-keys', '/api/users', '/api/audit']) {
    const refused = await client.inject({ method: 'GET', url });
    expect(refused.statusCode, url).toBe(403);
    expect(apiErrorSchema.parse(refused.json()).code).toBe(PASSWORD_CHANGE_REQUIRED);
  }
  const add = await client.inject({
    method: 'POST',
    url: '/api/admins',
    payload: { email: 'x@y.z' },
  });
  expect(add.statusCode).toBe(403);
}

async function choosePassword(client: SignedInClient, current: string) {
  const weak = await client.inject({
    method: 'PUT',
    url: '/api/session/password',
    payload: { currentPassword: current, newPassword: current },
  });
  expect(weak.statusCode).toBe(400);
  const changed = await client.inject({
    method: 'PUT',
    url: '/api/session/password',
    payload: { currentPassword: current, newPassword: CHOSEN },
  });
  expect(changed.statusCode).toBe(204);
  expect(await sessionOf(client)).toMatchObject({ signedIn: true, mustChangePassword: false });
  expect((await client.inject({ method: 'GET', url: '/api/admins' })).statusCode).toBe(200);
}

describe('a password the console made', () => {
  it('the first admin without ADMIN_PASSWORD chooses their own before anything else', async () => {
    harness = await startHarness({ admin: null });
    const first = await ensureFirstAdmin(harness.db, 'first@acme.test', undefined);
    const generated = first?.generatedPassword ?? '';
    expect(generated.length).toBeGreaterThan(12);
    const client = await harness.signIn({ email: 'first@acme.test', password: generated });
    expect(client.session.mustChangePassword).toBe(true);
    expect(await sessionOf(client)).toMatchObject({ mustChangePassword: true });
    await expectOnlyPasswordChange(client);

    await choosePassword(client, generated);
    const audit = auditLogPage.parse(
      (await client.inject({ method: 'GET', url: '/api/audit?pageSize=50' })).json(),
    );
    const entry = audit.entries.find((e) => e.kind === 'admin_password_changed');
    expect(entry?.summary).toBe('Chose their own password in place of the one the console made');
    expect(JSON.stringify(audit)).not.toContain(generated);
    expect(JSON.stringify(audit)).not.toContain(CHOSEN);
    expect(harness.logText()).not.toContain(CHOSEN);
  });

  it('the first admin with ADMIN_PASSWORD is not asked', async () => {
    harness = await startHarness({
      admin: { email: 'ops@acme.test', password: 'given by the operator' },
    });
    const client = await harness.signIn({
      email: 'ops@acme.test',
      password: 'given by the operator',
    });
    expect(client.session.mustChangePassword).toBe(false);
    expect((await client.inject({ method: 'GET', url: '/api/admins' })).statusCode).toBe(200);
  });

  it('an admin added on the Administrators page chooses their own at first sign-in', async () => {
    harness = await startHarness();
    const ada = await harness.signIn();
    const add = await ada.inject({
      method: 'POST',
      url: '/api/admins',
      payload: { email: 'grace@acme.test' },
    });
    const { password } = addedAdmin.parse(add.json());
    const grace = await harness.signIn({ email: 'grace@acme.test', password });
    expect(grace.session.mustChangePassword).toBe(true);
    await expectOnlyPasswordChange(grace);
    const signOut = await grace.inject({ method: 'DELETE', url: '/api/session' });
    expect(signOut.statusCode).toBe(204);
    const again = await harness.signIn({ email: 'grace@acme.test', password });
    await choosePassword(again, password);
  });

  it('a reset from the command line: generated means change it, ADMIN_PASSWORD means not', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osc-first-password-'));
    try {
      const db = openDatabase(dir);
      await migrateToLatest(db);
      await ensureFirstAdmin(db, 'ops@acme.test', 'the operator chose this');
      harness = await startHarness({ db });
      const reset = await resetAdminPassword(dir, 'ops@acme.test');
      if (!reset.ok || !reset.generatedPassword) throw new Error('reset failed');
      const client = await harness.signIn({
        email: 'ops@acme.test',
        password: reset.generatedPassword,
      });
      expect(client.session.mustChangePassword).toBe(true);
      await expectOnlyPasswordChange(client);

      const chosen = await resetAdminPassword(dir, 'ops@acme.test', 'chosen on the command line');
      expect(chosen.ok).toBe(true);
      const after = await harness.signIn({
        email: 'ops@acme.test',
        password: 'chosen on the command line',
      });
      expect(after.session.mustChangePassword).toBe(false);
      await harness.close();
      harness = undefined;
      await db.destroy();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
