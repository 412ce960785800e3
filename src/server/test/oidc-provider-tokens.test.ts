import * as oidc from 'openid-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applicationWithSecret } from '../../shared/api/applications';
import { EndUserBrowser } from './end-user-browser';
import {
  authorizationRequest,
  authorize,
  licensedPerson,
  type OpFixture,
  signInToApp,
  startOp,
} from './oidc-app';

let f: OpFixture;
beforeEach(async () => {
  f = await startOp();
});
afterEach(() => f.close());

async function rotate(graceHours: number) {
  const response = await f.c.admin.inject({
    method: 'POST',
    url: `/api/applications/${f.clientId}/secret`,
    payload: { graceHours },
  });
  expect(response.statusCode, response.body).toBe(200);
  return applicationWithSecret.parse(response.json()).clientSecret;
}

/** invalid_client, in the body (post) or in the WWW-Authenticate challenge (basic). */
async function expectInvalidClient(attempt: Promise<unknown>) {
  const error = (await attempt.then(
    () => undefined,
    (e: unknown) => e,
  )) as { error?: string; status?: number; cause?: unknown } | undefined;
  expect(error, 'the request was not refused').toBeDefined();
  expect(error?.status).toBe(401);
  expect(error?.error ?? JSON.stringify(error?.cause)).toContain('invalid_client');
}

async function refreshWith(secret: string, refreshToken: string, auth: 'basic' | 'post' = 'basic') {
  return oidc.refreshTokenGrant(await f.client(secret, auth), refreshToken);
}

describe('client authentication', () => {
  it('refuses a wrong secret; after a rotation the old one works only within the grace period', async () => {
    await licensedPerson(f, 'ada@acme.com', 'Pro', 'pro');
    const { tokens } = await signInToApp(f, 'ada@acme.com', await f.client());
    const refresh = String(tokens.refresh_token);
    const first = f.clientSecret;
    await expectInvalidClient(refreshWith(`${first}x`, refresh));
    await expectInvalidClient(refreshWith(`${first}x`, refresh, 'post'));

    const second = await rotate(24);
    expect(second).not.toBe(first);
    // Within the grace period both work, by either method.
    expect((await refreshWith(first, refresh)).access_token).toBeTruthy();
    expect((await refreshWith(second, refresh, 'post')).access_token).toBeTruthy();

    // The grace period over (moved into the past here): the first secret stops working.
    await f.c.harness.db
      .updateTable('applications')
      .set({ previous_secret_expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    await expectInvalidClient(refreshWith(first, refresh));
    expect((await refreshWith(second, refresh)).access_token).toBeTruthy();

    // Rotated again without grace: only the newest works; the first is long gone.
    const third = await rotate(0);
    for (const old of [first, second]) {
      await expectInvalidClient(refreshWith(old, refresh));
    }
    expect((await refreshWith(third, refresh)).access_token).toBeTruthy();
  });

  it('refuses everything of an application once it is removed', async () => {
    await licensedPerson(f, 'ada@acme.com', 'Pro', 'pro');
    const config = await f.client();
    const { tokens } = await signInToApp(f, 'ada@acme.com', config);
    const removed = await f.c.admin.inject({
      method: 'DELETE',
      url: `/api/applications/${f.clientId}`,
    });
    expect(removed.statusCode).toBe(204);
    await expect(
      oidc.fetchUserInfo(config, tokens.access_token, oidc.skipSubjectCheck),
    ).rejects.toBeDefined();
    await expectInvalidClient(refreshWith(f.clientSecret, String(tokens.refresh_token)));
  });
});

describe('when Okta deactivates the person', () => {
  it('ends their tokens, refresh tokens and sessions at once; a new authorization is refused', async () => {
    const ada = await licensedPerson(f, 'ada@acme.com', 'Pro', 'pro');
    const config = await f.client();
    const { tokens, browser } = await signInToApp(f, 'ada@acme.com', config);
    expect(await oidc.fetchUserInfo(config, tokens.access_token, ada)).toMatchObject({
      licence: 'pro',
    });
    const held = () =>
      f.c.harness.db
        .selectFrom('oidc_payloads')
        .select('model')
        .where('account_id', '=', ada)
        .execute();
    expect((await held()).map((r) => r.model)).toEqual(
      expect.arrayContaining(['Session', 'Grant', 'AccessToken', 'RefreshToken']),
    );

    await f.c.setActive(ada, false);

    expect(await held()).toEqual([]);
    await expect(oidc.fetchUserInfo(config, tokens.access_token, ada)).rejects.toBeDefined();
    await expect(refreshWith(f.clientSecret, String(tokens.refresh_token))).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    const again = await authorizationRequest(config);
    const result = await authorize(browser, again.url, 'ada@acme.com');
    expect(result.callback).toBeUndefined();
    expect(result.body).toContain('Your account is deactivated');
  });

  it('refuses userinfo and refresh at once when the person loses their licence', async () => {
    const ada = await licensedPerson(f, 'ada@acme.com', 'Pro', 'pro');
    const config = await f.client();
    const { tokens } = await signInToApp(f, 'ada@acme.com', config);
    const mappings = await f.c.admin.inject({ method: 'GET', url: '/api/directory-groups' });
    const id = (mappings.json() as { groups: Array<{ id: number }> }).groups[0]?.id;
    const removed = await f.c.admin.inject({
      method: 'DELETE',
      url: `/api/directory-groups/${id}`,
    });
    expect(removed.statusCode, removed.body).toBe(204);
    await expect(oidc.fetchUserInfo(config, tokens.access_token, ada)).rejects.toBeDefined();
    await expect(refreshWith(f.clientSecret, String(tokens.refresh_token))).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('a Basic person who becomes Pro reads Pro at userinfo, without signing in again', async () => {
    const bob = await f.c.pushUser('bob@acme.com');
    const everyone = await f.c.pushGroup('Everyone', [bob]);
    await f.map('Everyone', 'basic');
    const leads = await f.c.pushGroup('Leads');
    await f.map('Leads', 'pro');
    const config = await f.client();
    const { tokens } = await signInToApp(
      f,
      'bob@acme.com',
      config,
      new EndUserBrowser(f.c.harness.app),
    );
    expect(tokens.claims()?.licence).toBe('basic');
    await f.c.addMembers(leads, [bob]);
    expect(await oidc.fetchUserInfo(config, tokens.access_token, bob)).toMatchObject({
      licence: 'pro',
      groups: ['Everyone', 'Leads'],
    });
    expect(everyone).toBeTruthy();
  });
});
