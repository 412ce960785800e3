/**
 * After a whole flow at the console's OpenID Provider (add an application, sign in, refresh,
 * userinfo, rotate the secret, sign out), no client secret, signing key, code or token is in a
 * log line, an audit entry, a later API answer, or (for codes and tokens) any database column.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationWithSecret } from '../../shared/api/applications';
import { tableNames } from '../../testing/db-introspect';
import { SecretBox } from '../services/crypto';
import { licensedPerson, type OpFixture, signInToApp, startOp } from './oidc-app';

const SECRET_KEY = randomBytes(32).toString('hex');
let f: OpFixture;
const secrets: Array<[string, string]> = [];
let laterAnswers = '';

beforeAll(async () => {
  f = await startOp({ secretKey: SECRET_KEY });
  await licensedPerson(f, 'ada@acme.com', 'Pro', 'pro');
  const config = await f.client();
  const { tokens, callback, browser } = await signInToApp(f, 'ada@acme.com', config);
  secrets.push(['client secret', f.clientSecret]);
  secrets.push(['code', String(callback.searchParams.get('code'))]);
  secrets.push(['access token', tokens.access_token]);
  secrets.push(['refresh token', String(tokens.refresh_token)]);
  secrets.push(['ID token', String(tokens.id_token)]);
  await oidc.fetchUserInfo(config, tokens.access_token, oidc.skipSubjectCheck);
  const refreshed = await oidc.refreshTokenGrant(config, String(tokens.refresh_token));
  secrets.push(['refreshed access token', refreshed.access_token]);
  const rotated = await f.c.admin.inject({
    method: 'POST',
    url: `/api/applications/${f.clientId}/secret`,
    payload: { graceHours: 1 },
  });
  secrets.push(['rotated secret', applicationWithSecret.parse(rotated.json()).clientSecret]);
  const keys = await f.c.harness.db.selectFrom('oidc_keys').select('private_sealed').execute();
  const box = new SecretBox(Buffer.from(SECRET_KEY, 'hex'));
  for (const k of keys) {
    const plain = box.open(k.private_sealed);
    const jwk = plain.startsWith('{') ? (JSON.parse(plain) as { d: string }) : undefined;
    secrets.push(['signing or cookie key', jwk ? jwk.d : plain]);
  }
  for (const url of ['/api/applications', '/api/audit', '/oidc/jwks']) {
    laterAnswers += (await f.c.admin.inject({ method: 'GET', url })).body;
  }
  laterAnswers += (await browser.get('/me')).body;
  laterAnswers += (await browser.get('/.well-known/openid-configuration')).body;
});
afterAll(() => f.close());

describe('secrets of the OpenID Provider', () => {
  it('appear in no log line', () => {
    const log = f.c.harness.logText();
    expect(log.length).toBeGreaterThan(1000);
    for (const [what, value] of secrets) expect(log.includes(value), what).toBe(false);
  });

  it('appear in no audit entry and no later answer', async () => {
    const audit = JSON.stringify(
      await f.c.harness.db.selectFrom('audit_log').selectAll().execute(),
    );
    expect(audit).toContain('application_secret_rotated');
    for (const [what, value] of secrets) {
      expect(audit.includes(value), `${what} in the audit log`).toBe(false);
      expect(laterAnswers.includes(value), `${what} in an answer`).toBe(false);
    }
  });

  it('leave no code, token or secret in any database column', async () => {
    let dump = '';
    for (const name of await tableNames(f.c.harness.db)) {
      const rows = await sql`select * from ${sql.table(name)}`.execute(f.c.harness.db);
      dump += JSON.stringify(rows.rows);
    }
    expect(dump).toContain('oidc');
    for (const [what, value] of secrets) expect(dump.includes(value), what).toBe(false);
  });
});
