/**
 * A failed admin sign-in is recorded in the audit log, but the visitor's answer is about the
 * sign-in: when the audit write fails, they still get the 401 (or 429), never a 500, and the
 * operator gets one warning line without the typed password or a cookie.
 */

import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../shared/api/errors';
import { breakInserts } from '../../testing/db-introspect';
import { type Harness, startHarness, TEST_ADMIN } from '../../testing/server-harness';

const WRONG_PASSWORD = 'Typed-wrong-password-Jk4r';
const FAILURE = 'audit entry refused by the test';

let harness: Harness;
afterEach(() => harness?.close());

/** Every insert into the audit log fails from now on, as a full disk or a lock would. */
const breakAudit = () => breakInserts(harness.db, 'audit_log', FAILURE);

function signIn(password: string, remoteAddress: string, cookie?: string) {
  return harness.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: TEST_ADMIN.email, password },
    remoteAddress,
    ...(cookie ? { headers: { cookie } } : {}),
  });
}

const warnings = () => harness.logLines().filter((line) => line.event === 'audit.not_recorded');

describe('a failed sign-in whose audit entry cannot be written', () => {
  it('answers the same 401 as any failed sign-in, and logs one warning without secrets', async () => {
    harness = await startHarness();
    const normal = await signIn(WRONG_PASSWORD, '10.0.0.1');
    expect(normal.statusCode).toBe(401);
    expect(warnings()).toEqual([]);

    await breakAudit();
    const other = await harness.session();
    const response = await signIn(WRONG_PASSWORD, '10.0.0.2', other.cookieHeader);
    expect(response.statusCode, response.body).toBe(401);
    expect(response.json()).toEqual(normal.json());
    expect(apiErrorSchema.parse(response.json()).code).toBe('unauthenticated');
    expect(response.headers['set-cookie']).toBeUndefined();
    for (const hidden of [FAILURE, 'audit_log', 'SQLITE', 'trigger']) {
      expect(response.body).not.toContain(hidden);
    }

    const [warning, ...more] = warnings();
    expect(more).toEqual([]);
    expect(warning).toMatchObject({ level: 40, kind: 'admin_sign_in_failed' });
    const log = harness.logText();
    for (const secret of [WRONG_PASSWORD, TEST_ADMIN.password, other.cookieValue]) {
      expect(log).not.toContain(secret);
    }
    const entries = await harness.db.selectFrom('audit_log').select('kind').execute();
    expect(entries).toEqual([{ kind: 'admin_sign_in_failed' }]); // the first, before the break
  });

  it('still counts the failure: the next one over the limit is a 429', async () => {
    harness = await startHarness({ config: { signInMaxFailuresPerMinute: 2 } });
    await breakAudit();
    expect((await signIn('wrong 1', '10.0.1.1')).statusCode).toBe(401);
    expect((await signIn('wrong 2', '10.0.1.2')).statusCode).toBe(401);
    const blocked = await signIn('wrong 3', '10.0.1.3');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(apiErrorSchema.parse(blocked.json()).message).toMatch(/Too many failed sign-ins/);
    expect(warnings()).toHaveLength(2);
  });
});
