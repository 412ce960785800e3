/**
 * An end-user sign-in is recorded (sign-in event, refusal audit entry, last sign-in time), but
 * the person's answer is about the sign-in: when those records cannot be written, a refused person
 * still sees the refusal page with its reason, a licensed one still gets in, and the operator
 * gets one warning line without a code, token, state or cookie.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { breakInserts as dbBreakInserts } from '../../testing/db-introspect';
import { type OktaStandIn, startOktaStandIn } from '../../testing/okta-stand-in';
import { EndUserBrowser } from './end-user-browser';
import { type Console, startConsole } from './licence-fixtures';

const ENV = { ALLOW_HTTP_LOOPBACK_ISSUER: '1', SECRET_KEY: randomBytes(32).toString('hex') };
const FAILURE = 'record refused by the test';
const RECORDS = ['audit_log', 'sign_in_events', 'end_user_last_sign_in'] as const;

let c: Console;
let op: OktaStandIn;
beforeEach(async () => {
  c = await startConsole(ENV);
  op = await startOktaStandIn({ redirectUris: ['http://localhost:3000/auth/okta/callback'] });
  const saved = await c.admin.inject({
    method: 'PUT',
    url: '/api/incoming-keys',
    payload: { clientId: op.clientId, clientSecret: op.clientSecret, issuerUri: op.issuer },
  });
  expect(saved.statusCode, saved.body).toBe(200);
});
afterEach(async () => {
  await c.close();
  await op.close();
});

/** From now on every insert into these tables fails, as a full disk or a lock would. */
async function breakInserts(tables: readonly string[]) {
  for (const table of tables) await dbBreakInserts(c.harness.db, table, FAILURE);
}

/** A browser that also remembers every cookie value the console set (the transaction too). */
class RememberingBrowser extends EndUserBrowser {
  readonly cookieValues: string[] = [];
  constructor(app: FastifyInstance) {
    super(app);
  }
  override async get(url: string, headers: Record<string, string> = {}) {
    const response = await super.get(url, headers);
    for (const k of response.cookies) if (k.value) this.cookieValues.push(k.value);
    return response;
  }
}

const warnings = () =>
  c.harness.logLines().filter((line) => line.event === 'end_user.sign_in_not_recorded');

/** One warning, of this outcome; nothing secret anywhere in the log. */
function expectOneQuietWarning(browser: RememberingBrowser, outcome: string, reason: unknown) {
  const [warning, ...more] = warnings();
  expect(more).toEqual([]);
  expect(warning).toMatchObject({ level: 40, outcome, reason, err: { message: FAILURE } });
  const log = c.harness.logText();
  const callback = new URL(browser.lastCallback || '/', 'http://x').searchParams;
  for (const secret of [
    callback.get('code'),
    callback.get('state'),
    op.clientSecret,
    ...browser.cookieValues,
  ]) {
    if (secret) expect(log).not.toContain(secret);
  }
  expect(log).not.toMatch(/eyJ[\w-]+\.eyJ/); // no JWT: no ID token
}

function expectNoInternals(body: string) {
  for (const hidden of [FAILURE, 'SQLITE', 'trigger', ...RECORDS]) {
    expect(body).not.toContain(hidden);
  }
}

describe('a refused sign-in whose records cannot be written', () => {
  it.each([
    ['the audit log', ['audit_log']],
    ['the sign-in events', ['sign_in_events']],
  ])('still shows the refusal page with its reason when %s fails', async (_name, tables) => {
    const loner = await c.pushUser('loner@acme.com');
    await c.pushGroup('Unmapped', [loner]);
    await breakInserts(tables);
    const browser = new RememberingBrowser(c.harness.app);
    const response = await browser.signIn('loner@acme.com');
    expect(response.statusCode, response.body).toBe(403);
    expect(response.body).toContain('You have no licence');
    expect(response.body).toContain('You are not in any group that gives a Basic or Pro licence');
    expectNoInternals(response.body);
    expect(response.cookies.find((k) => k.name === 'osc_user')).toBeUndefined();
    expectOneQuietWarning(browser, 'refused', 'no_licence');
    // Stored together or not at all: no event without its audit entry, nor the reverse.
    expect(await c.harness.db.selectFrom('sign_in_events').selectAll().execute()).toEqual([]);
    const refusals = await c.harness.db
      .selectFrom('audit_log')
      .select('kind')
      .where('kind', '=', 'end_user_refused')
      .execute();
    expect(refusals).toEqual([]);
  });

  it('keeps the status of a refusal before Okta (issuer mismatch: 400)', async () => {
    await breakInserts(RECORDS);
    const browser = new RememberingBrowser(c.harness.app);
    const response = await browser.get('/auth/okta?iss=https%3A%2F%2Fevil.okta.com');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('This sign-in link is not valid');
    expectNoInternals(response.body);
    expectOneQuietWarning(browser, 'refused', 'issuer_mismatch');
  });
});

describe('a successful sign-in whose records cannot be written', () => {
  it('still lets the licensed person in, to /me, with one warning', async () => {
    const jane = await c.pushUser('jane.doe@acme.com');
    await c.pushGroup('Chime Pro', [jane]);
    await c.admin.inject({
      method: 'POST',
      url: '/api/directory-groups',
      payload: { groupName: 'Chime Pro', capability: 'pro' },
    });
    await breakInserts(RECORDS);
    const browser = new RememberingBrowser(c.harness.app);
    const callback = await browser.signIn('jane.doe@acme.com');
    expect(callback.statusCode, callback.body).toBe(303);
    expect(callback.headers.location).toBe('/me');
    const me = await browser.get('/me');
    expect(me.statusCode).toBe(200);
    expect(me.body).toContain('Signed in as <strong>jane.doe@acme.com</strong>');
    expect(me.body).toContain('<span class="licence">Pro</span>');
    expectOneQuietWarning(browser, 'signed_in', null);
    expect(await c.harness.db.selectFrom('end_user_last_sign_in').selectAll().execute()).toEqual(
      [],
    );
  });
});
