import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAdmin, addedAdmin, adminList, apiErrorSchema, auditLogPage } from '../../shared/api';
import { expectContractAnswer } from '../../testing/contract-answer';
import { type Harness, startHarness, TEST_ADMIN } from '../../testing/server-harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

const signIn = (email: string, password: string) =>
  harness.app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });

describe('administrators', () => {
  it('lists, adds (with a first password shown once) and removes administrators', async () => {
    const ada = await harness.signIn();
    const before = adminList.parse(
      (await ada.inject({ method: 'GET', url: '/api/admins' })).json(),
    );
    expect(before.admins).toEqual([
      expect.objectContaining({ email: TEST_ADMIN.email, you: true, activeSessions: 1 }),
    ]);

    const add = await ada.inject({
      method: 'POST',
      url: '/api/admins',
      payload: { email: '  Grace@Example.test ' },
    });
    expect(add.statusCode).toBe(201);
    expectContractAnswer(addAdmin, add);
    const added = addedAdmin.parse(add.json());
    expect(added.admin).toMatchObject({ email: 'Grace@Example.test', you: false });
    expect(added.password.length).toBeGreaterThanOrEqual(16);

    // The first password works, and is never sent again.
    expect((await signIn('grace@example.test', added.password)).statusCode).toBe(200);
    const list = await ada.inject({ method: 'GET', url: '/api/admins' });
    expect(list.body).not.toContain(added.password);
    expect(adminList.parse(list.json()).admins.map((a) => [a.email, a.activeSessions])).toEqual([
      [TEST_ADMIN.email, 1],
      ['Grace@Example.test', 1],
    ]);

    const again = await ada.inject({
      method: 'POST',
      url: '/api/admins',
      payload: { email: 'GRACE@example.test' },
    });
    expect(again.statusCode).toBe(409);
    expect(apiErrorSchema.parse(again.json()).fields?.email).toBe(
      'Grace@Example.test is already an administrator.',
    );

    const remove = await ada.inject({ method: 'DELETE', url: `/api/admins/${added.admin.id}` });
    expect(remove.statusCode).toBe(204);
    expect((await signIn('grace@example.test', added.password)).statusCode).toBe(401);
    const gone = await ada.inject({ method: 'DELETE', url: `/api/admins/${added.admin.id}` });
    expect(gone.statusCode).toBe(404);

    const audit = auditLogPage.parse(
      (await ada.inject({ method: 'GET', url: '/api/audit?pageSize=50' })).json(),
    );
    const kinds = audit.entries.map((e) => [e.kind, e.actor, e.summary]);
    expect(kinds).toContainEqual([
      'admin_added',
      TEST_ADMIN.email,
      'Added the administrator Grace@Example.test',
    ]);
    expect(kinds).toContainEqual([
      'admin_removed',
      TEST_ADMIN.email,
      'Removed the administrator Grace@Example.test; their sessions ended',
    ]);
    expect(JSON.stringify(audit)).not.toContain(added.password);
    expect(harness.logText()).not.toContain(added.password);
  });

  it('ends a removed administrator’s sessions at once', async () => {
    const ada = await harness.signIn();
    const added = addedAdmin.parse(
      (
        await ada.inject({ method: 'POST', url: '/api/admins', payload: { email: 'lin@x.test' } })
      ).json(),
    );
    const lin = await harness.signIn({ email: 'lin@x.test', password: added.password });
    // Signed in, though limited to choosing a password (first-password.test.ts): 403, not 401.
    expect((await lin.inject({ method: 'GET', url: '/api/admins' })).statusCode).toBe(403);
    await ada.inject({ method: 'DELETE', url: `/api/admins/${added.admin.id}` });
    expect((await lin.inject({ method: 'GET', url: '/api/admins' })).statusCode).toBe(401);
  });

  it('refuses to remove yourself, and bad emails with a message on the field', async () => {
    const ada = await harness.signIn();
    const me = adminList
      .parse((await ada.inject({ method: 'GET', url: '/api/admins' })).json())
      .admins.find((a) => a.you);
    const self = await ada.inject({ method: 'DELETE', url: `/api/admins/${me?.id}` });
    expect(self.statusCode).toBe(409);
    expect(apiErrorSchema.parse(self.json()).message).toBe(
      'You cannot remove yourself. Another administrator can remove you.',
    );

    for (const [email, message] of [
      ['', 'Enter an email address.'],
      ['grace', 'Enter an email address, for example jane@acme.com.'],
      ['grace @acme.com', 'Enter an email address, for example jane@acme.com.'],
    ]) {
      const bad = await ada.inject({ method: 'POST', url: '/api/admins', payload: { email } });
      expect(bad.statusCode, email).toBe(400);
      expect(apiErrorSchema.parse(bad.json()).fields?.email, email).toBe(message);
    }
  });

  it('needs a session and a CSRF token', async () => {
    const ada = await harness.signIn();
    const anonymous = await harness.app.inject({ method: 'GET', url: '/api/admins' });
    expect(anonymous.statusCode).toBe(401);
    const forged = await ada.inject({
      method: 'POST',
      url: '/api/admins',
      payload: { email: 'mallory@x.test' },
      csrf: false,
    });
    expect(forged.statusCode).toBe(403);
  });
});

describe('changing your password', () => {
  const NEW = 'a-new-admin-passphrase-42';

  it('asks for the current password, keeps this session and ends the others', async () => {
    const h = await startHarness({
      admin: { email: 'kim@x.test', password: 'kims-first-password' },
    });
    try {
      const here = await h.signIn({ email: 'kim@x.test', password: 'kims-first-password' });
      const elsewhere = await h.signIn({ email: 'kim@x.test', password: 'kims-first-password' });

      const wrong = await here.inject({
        method: 'PUT',
        url: '/api/session/password',
        payload: { currentPassword: 'not-kims-password', newPassword: NEW },
      });
      expect(wrong.statusCode).toBe(400);
      expect(apiErrorSchema.parse(wrong.json()).fields).toEqual({
        currentPassword: 'This is not your current password.',
      });

      const short = await here.inject({
        method: 'PUT',
        url: '/api/session/password',
        payload: { currentPassword: 'kims-first-password', newPassword: 'short' },
      });
      expect(apiErrorSchema.parse(short.json()).fields?.newPassword).toBe(
        'Use at least 12 characters.',
      );
      const same = await here.inject({
        method: 'PUT',
        url: '/api/session/password',
        payload: { currentPassword: 'kims-first-password', newPassword: 'kims-first-password' },
      });
      expect(apiErrorSchema.parse(same.json()).fields?.newPassword).toBe(
        'Choose a password different from your current one.',
      );

      const changed = await here.inject({
        method: 'PUT',
        url: '/api/session/password',
        payload: { currentPassword: 'kims-first-password', newPassword: NEW },
      });
      expect(changed.statusCode).toBe(204);
      expect((await here.inject({ method: 'GET', url: '/api/admins' })).statusCode).toBe(200);
      expect((await elsewhere.inject({ method: 'GET', url: '/api/admins' })).statusCode).toBe(401);
      expect(
        (
          await h.app.inject({
            method: 'POST',
            url: '/api/session',
            payload: { email: 'kim@x.test', password: 'kims-first-password' },
          })
        ).statusCode,
      ).toBe(401);
      await h.signIn({ email: 'kim@x.test', password: NEW });

      const audit = auditLogPage.parse(
        (
          await here.inject({ method: 'GET', url: '/api/audit?kind=admin_password_changed' })
        ).json(),
      );
      expect(audit.entries.map((e) => [e.actor, e.summary])).toEqual([
        ['kim@x.test', 'Changed their password; 1 other session ended'],
      ]);
      const everything = JSON.stringify(audit) + h.logText();
      for (const secret of ['kims-first-password', 'not-kims-password', NEW]) {
        expect(everything).not.toContain(secret);
      }
    } finally {
      await h.close();
    }
  });

  it('counts wrong current passwords as failed sign-ins: 429 with Retry-After', async () => {
    const h = await startHarness({
      admin: { email: 'lee@x.test', password: 'lees-first-password' },
      config: { signInMaxFailuresPerMinute: 3 },
    });
    try {
      const lee = await h.signIn({ email: 'lee@x.test', password: 'lees-first-password' });
      const attempt = () =>
        lee.inject({
          method: 'PUT',
          url: '/api/session/password',
          payload: { currentPassword: 'a-guess-at-it', newPassword: NEW },
        });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(400);
      const limited = await attempt();
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(apiErrorSchema.parse(limited.json()).message).toMatch(
        /^Too many failed password attempts\. Try again in \d+ seconds\.$/,
      );
    } finally {
      await h.close();
    }
  });
});
