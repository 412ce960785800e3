import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../shared/api/errors';
import { adminSession, sessionState } from '../../shared/api/session';
import { cookieFrom, type Harness, startHarness, TEST_ADMIN } from '../../testing/server-harness';
import { loadConfig } from '../config';
import { ensureFirstAdmin } from '../services/admins';

const WRONG_PAIR = 'The email and password do not match.';
let harness: Harness;
afterEach(() => harness?.close());

function signIn(body: unknown, remoteAddress = '127.0.0.1') {
  return harness.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: body as object,
    remoteAddress,
  });
}

describe('admin sign-in', () => {
  it('answers the right pair with a session cookie and a CSRF token', async () => {
    harness = await startHarness();
    const response = await signIn(TEST_ADMIN);
    expect(response.statusCode).toBe(200);
    const body = adminSession.parse(response.json());
    expect(body.admin.email).toBe(TEST_ADMIN.email);
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(32);
    const cookie = cookieFrom(response, 'osc_admin');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.value.length).toBeGreaterThanOrEqual(32);
    expect(response.headers['cache-control']).toBe('no-store');

    const session = await harness.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: `osc_admin=${cookie.value}` },
    });
    expect(session.statusCode).toBe(200);
    expect(sessionState.parse(session.json())).toEqual({ signedIn: true, ...body });
  });

  it('matches the email in any letter case and with spaces around it', async () => {
    harness = await startHarness();
    const response = await signIn({ ...TEST_ADMIN, email: `  ${TEST_ADMIN.email.toUpperCase()} ` });
    expect(response.statusCode).toBe(200);
  });

  it('marks the cookie Secure (__Host- prefix) when PUBLIC_URL is https', async () => {
    harness = await startHarness({ env: { PUBLIC_URL: 'https://console.acme.test' } });
    const response = await signIn(TEST_ADMIN);
    expect(response.statusCode).toBe(200);
    const cookie = cookieFrom(response, '__Host-osc_admin');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    expect(cookie.domain).toBeUndefined();
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('says only that the pair is wrong, for a wrong password and for an unknown email', async () => {
    harness = await startHarness();
    const wrongPassword = await signIn({ ...TEST_ADMIN, password: 'not it' });
    const unknownEmail = await signIn({
      email: 'nobody@example.test',
      password: TEST_ADMIN.password,
    });
    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.statusCode).toBe(401);
      expect(apiErrorSchema.parse(response.json())).toEqual({
        code: 'unauthenticated',
        message: WRONG_PAIR,
      });
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  it('answers the 11th failure in a minute for one email with 429 and Retry-After', async () => {
    harness = await startHarness();
    // Each attempt from its own address, so only the per-email limit counts.
    for (let i = 1; i <= 10; i++) {
      const response = await signIn({ ...TEST_ADMIN, password: `wrong ${i}` }, `10.0.0.${i}`);
      expect(response.statusCode, `attempt ${i}`).toBe(401);
    }
    const blocked = await signIn({ ...TEST_ADMIN, password: 'wrong 11' }, '10.0.1.1');
    expect(blocked.statusCode).toBe(429);
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(apiErrorSchema.parse(blocked.json()).message).toMatch(/Too many failed sign-ins/);
    // Even the right password waits: the limit is on the email, not on the guess.
    const right = await signIn(TEST_ADMIN, '10.0.1.2');
    expect(right.statusCode).toBe(429);
    // Another email from a fresh address is not affected.
    const other = await signIn({ email: 'other@example.test', password: 'x' }, '10.0.2.1');
    expect(other.statusCode).toBe(401);
  });

  it('answers the 11th failure in a minute from one address with 429, whatever the email', async () => {
    harness = await startHarness();
    for (let i = 1; i <= 10; i++) {
      const response = await signIn(
        { email: `guess${i}@example.test`, password: 'x' },
        '192.0.2.7',
      );
      expect(response.statusCode, `attempt ${i}`).toBe(401);
    }
    const blocked = await signIn(TEST_ADMIN, '192.0.2.7');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const elsewhere = await signIn(TEST_ADMIN, '192.0.2.8');
    expect(elsewhere.statusCode).toBe(200);
  });

  it('ends the session on the server at sign-out', async () => {
    harness = await startHarness();
    const client = await harness.signIn();
    const out = await client.inject({ method: 'DELETE', url: '/api/session' });
    expect(out.statusCode).toBe(204);
    expect(out.body).toBe('');
    const cleared = cookieFrom(out, 'osc_admin');
    expect(cleared.value).toBe('');
    expect(cleared.maxAge).toBe(0);
    // The old cookie, replayed, opens no session and is refused everywhere.
    const state = await client.inject({ method: 'GET', url: '/api/session' });
    expect(state.statusCode).toBe(200);
    expect(state.json()).toEqual({ signedIn: false });
    for (const [method, url] of [
      ['GET', '/api/settings'],
      ['GET', '/api/incoming-keys'],
      ['DELETE', '/api/session'],
    ] as const) {
      const replay = await client.inject({ method, url });
      expect(replay.statusCode, `${method} ${url}`).toBe(401);
      apiErrorSchema.parse(replay.json());
    }
    const rows = await harness.db.selectFrom('admin_sessions').selectAll().execute();
    expect(rows).toHaveLength(0);
  });

  it('clears the https cookie with the attributes a browser needs to drop it', async () => {
    harness = await startHarness({ env: { PUBLIC_URL: 'https://console.acme.test' } });
    const client = await harness.signIn();
    const out = await client.inject({ method: 'DELETE', url: '/api/session' });
    expect(out.statusCode).toBe(204);
    expect(cookieFrom(out, '__Host-osc_admin')).toMatchObject({
      value: '',
      secure: true,
      path: '/',
    });
  });

  it('stores sessions hashed: the cookie value is nowhere in the table', async () => {
    harness = await startHarness();
    const client = await harness.signIn();
    const rows = await harness.db.selectFrom('admin_sessions').selectAll().execute();
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(client.cookieValue);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a forged or unknown cookie', async () => {
    harness = await startHarness();
    const response = await harness.app.inject({
      method: 'GET',
      url: '/api/settings',
      headers: { cookie: 'osc_admin=forged' },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('the first admin', () => {
  it('comes from ADMIN_EMAIL and ADMIN_PASSWORD', async () => {
    harness = await startHarness({ admin: null });
    const config = loadConfig({
      ADMIN_EMAIL: 'root@acme.test',
      ADMIN_PASSWORD: 'chosen password 1',
    });
    const created = await ensureFirstAdmin(harness.db, config.adminEmail, config.adminPassword);
    expect(created).toEqual({ email: 'root@acme.test' });
    expect(
      (await signIn({ email: 'root@acme.test', password: 'chosen password 1' })).statusCode,
    ).toBe(200);
    const rows = await harness.db.selectFrom('admins').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.password_hash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(rows)).not.toContain('chosen password 1');
  });

  it('is admin@localhost with a generated password when they are not set', async () => {
    harness = await startHarness({ admin: null });
    const config = loadConfig({ ADMIN_EMAIL: '', ADMIN_PASSWORD: '' });
    const created = await ensureFirstAdmin(harness.db, config.adminEmail, config.adminPassword);
    expect(created?.email).toBe('admin@localhost');
    expect(created?.generatedPassword).toMatch(/^[\w-]{22}$/);
    const password = created?.generatedPassword ?? '';
    expect((await signIn({ email: 'admin@localhost', password })).statusCode).toBe(200);
  });

  it('is created once: a later start changes nothing', async () => {
    harness = await startHarness({ admin: null });
    await ensureFirstAdmin(harness.db, undefined, undefined);
    expect(await ensureFirstAdmin(harness.db, 'x@acme.test', 'other')).toBeUndefined();
    expect(await harness.db.selectFrom('admins').selectAll().execute()).toHaveLength(1);
  });
});
