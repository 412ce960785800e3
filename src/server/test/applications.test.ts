import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applicationList,
  applicationWithSecret,
  createApplication,
  listApplications,
} from '../../shared/api/applications';
import { expectContractAnswer } from '../../testing/contract-answer';
import { type Harness, type SignedInClient, startHarness } from '../../testing/server-harness';

let harness: Harness;
let admin: SignedInClient;

async function start(env: Record<string, string> = {}) {
  harness = await startHarness({ env });
  admin = await harness.session();
}
afterEach(() => harness.close());

const add = (payload: unknown) =>
  admin.inject({ method: 'POST', url: '/api/applications', payload: payload as object });

describe('the applications API', () => {
  beforeEach(() => start());

  it('adds an application with a secret shown once, lists it without, audits every change', async () => {
    const response = await add({
      name: 'Time tracker',
      redirectUris: ['https://time.acme.test/callback'],
    });
    expectContractAnswer(createApplication, response);
    expect(response.statusCode).toBe(201);
    const created = applicationWithSecret.parse(response.json());
    expect(created.clientSecret).toMatch(/^osc_cs_[A-Za-z0-9_-]{43}$/);
    expect(created.application.clientId).toMatch(/^osc_app_/);

    const listed = await admin.inject({ method: 'GET', url: '/api/applications' });
    expectContractAnswer(listApplications, listed);
    const list = applicationList.parse(listed.json());
    expect(list.issuer).toBe('http://localhost:3000');
    expect(list.discoveryUrl).toBe('http://localhost:3000/.well-known/openid-configuration');
    expect(list.applications.map((a) => a.name)).toEqual(['Time tracker']);
    expect(listed.body).not.toContain(created.clientSecret);

    const id = created.application.clientId;
    const rotated = await admin.inject({
      method: 'POST',
      url: `/api/applications/${id}/secret`,
      payload: { graceHours: 24 },
    });
    const next = applicationWithSecret.parse(rotated.json());
    expect(next.clientSecret).not.toBe(created.clientSecret);
    expect(next.application.previousSecretValidUntil).not.toBeNull();
    const removed = await admin.inject({ method: 'DELETE', url: `/api/applications/${id}` });
    expect(removed.statusCode).toBe(204);
    const again = await admin.inject({ method: 'DELETE', url: `/api/applications/${id}` });
    expect(again.statusCode).toBe(404);

    const audit = await harness.db
      .selectFrom('audit_log')
      .select(['kind', 'summary', 'details'])
      .where('kind', 'like', 'application_%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.kind)).toEqual([
      'application_added',
      'application_secret_rotated',
      'application_removed',
    ]);
    expect(audit[1]?.summary).toBe(
      'Rotated the secret of Time tracker; the old one works for 24 h',
    );
    const text = JSON.stringify(audit) + harness.logText();
    for (const secret of [created.clientSecret, next.clientSecret]) {
      expect(text).not.toContain(secret);
    }
  });

  it('names the field of a redirect URI that is not https', async () => {
    const response = await add({
      name: 'App',
      redirectUris: ['https://ok.acme.test/cb', 'http://app.acme.test/cb'],
      postLogoutRedirectUris: ['http://127.0.0.1:4000/'],
    });
    expect(response.statusCode).toBe(400);
    const answer = expectContractAnswer(createApplication, response);
    expect(answer?.fields).toEqual({
      redirectUris: 'Line 2: Use an https address.',
      postLogoutRedirectUris:
        'Use https: http is allowed only on loopback with ALLOW_HTTP_LOOPBACK_ISSUER=1.',
    });
    for (const redirectUris of [
      [],
      ['not a url'],
      ['https://a.test/cb#x'],
      ['https://u:p@a.test/'],
    ]) {
      const refused = await add({ name: 'App', redirectUris });
      expect(refused.statusCode, JSON.stringify(redirectUris)).toBe(400);
      expect(refused.json().fields.redirectUris).toBeTruthy();
    }
  });
});

describe('with ALLOW_HTTP_LOOPBACK_ISSUER', () => {
  beforeEach(() => start({ ALLOW_HTTP_LOOPBACK_ISSUER: '1' }));

  it('accepts http on loopback only', async () => {
    expect(
      (await add({ name: 'Demo', redirectUris: ['http://127.0.0.1:4000/cb'] })).statusCode,
    ).toBe(201);
    expect((await add({ name: 'Demo', redirectUris: ['http://app.test/cb'] })).statusCode).toBe(
      400,
    );
  });
});
