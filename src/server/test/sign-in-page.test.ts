/**
 * The server-rendered sign-in page: a form without script that posts to POST /api/session and
 * gets the endpoint's checks (field messages, wrong pair, rate limit, same origin) as HTML.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, TEST_ADMIN } from '../../testing/server-harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ env: { SIGNIN_MAX_FAILURES_PER_MINUTE: '3' } });
});
afterAll(() => harness.close());

const form = (fields: Record<string, string>, url = '/sign-in', headers = {}) =>
  harness.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(fields).toString(),
  });

describe('the sign-in page', () => {
  it('is a labelled form without any script, posting to the sign-in endpoint', async () => {
    const page = await harness.app.inject({ method: 'GET', url: '/sign-in?return=/users' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).not.toMatch(/<script/i);
    expect(page.body).toContain('<form method="post" action="/sign-in?return=%2Fusers"');
    expect(page.body).toContain('<label for="email">Email</label>');
    expect(page.body).toContain('<label for="password">Password</label>');
    expect(page.body).toMatch(/<h1>Sign in to Okta SSO Console<\/h1>/);
    // Its inline style is allowed by this answer's nonce only.
    const nonce = /style-src 'self' 'nonce-([^']+)'/.exec(
      String(page.headers['content-security-policy']),
    );
    expect(page.body).toContain(`<style nonce="${nonce?.[1]}">`);
  });

  it('signs in and goes to the page asked for, never to another site', async () => {
    const ok = await form(
      { email: TEST_ADMIN.email, password: TEST_ADMIN.password },
      '/sign-in?return=%2Fusers%3Fpage%3D2',
    );
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/users?page=2');
    const cookie = ok.cookies.find((c) => c.name === 'osc_admin');
    expect(cookie?.httpOnly).toBe(true);
    expect(ok.body).toBe('');

    const elsewhere = await form(
      { email: TEST_ADMIN.email, password: TEST_ADMIN.password },
      '/api/session?return=//evil.example',
    );
    expect(elsewhere.headers.location).toBe('/');

    // Signed in already: the page sends the admin on.
    const again = await harness.app.inject({
      method: 'GET',
      url: '/sign-in?return=/admins',
      headers: { cookie: `osc_admin=${cookie?.value}` },
    });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe('/admins');
  });

  it('puts the message for an empty field next to it, keeping the email typed', async () => {
    const empty = await form({ email: 'ada@', password: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('aria-invalid="true" aria-describedby="password-error"');
    expect(empty.body).toContain(
      '<p class="field-error" id="password-error">Enter your password.</p>',
    );
    expect(empty.body).toContain('value="ada@"');
    const none = await form({ email: '', password: '' });
    expect(none.body).toContain('<p class="field-error" id="email-error">Enter your email.</p>');
  });

  it('says only that the pair is wrong, never echoing the password, then how long to wait', async () => {
    const wrong = await form({ email: 'ops@acme.test', password: 'guess-<b>-one' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain(
      '<p class="alert" role="alert">The email and password do not match.</p>',
    );
    expect(wrong.body).not.toContain('guess-');
    await form({ email: 'ops@acme.test', password: 'guess two' });
    await form({ email: 'ops@acme.test', password: 'guess three' });
    const limited = await form({ email: 'ops@acme.test', password: 'guess four' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatch(
      /role="alert">Too many failed sign-ins\. Try again in \d+ seconds\./,
    );
    expect(harness.logText()).not.toContain('guess');
  });

  it('refuses a form posted from another site', async () => {
    const cross = await form(
      { email: TEST_ADMIN.email, password: TEST_ADMIN.password },
      '/sign-in',
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(cross.statusCode).toBe(403);
    expect(cross.body).toContain('Cross-site requests are refused.');
    expect(cross.cookies).toEqual([]);
  });

  it('leaves the JSON endpoint as it was', async () => {
    const json = await harness.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: '', password: '' },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({
      code: 'invalid_request',
      fields: { email: 'Enter your email.' },
    });
  });
});
