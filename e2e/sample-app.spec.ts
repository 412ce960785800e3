import { randomBytes } from 'node:crypto';
import { startSampleApp } from '../scripts/demo/sample-app/app';
import { freePort } from '../src/testing/built-server';
import { AdminApi } from './fixtures/admin-api';
import { OktaScim, type PushedUser } from './fixtures/okta-scim';
import { SampleAppVisitor } from './fixtures/sample-app';
import { expect, test } from './fixtures/test';
import { axeViolations } from './support/axe';
import { rememberSecret } from './support/seen-secrets';

/**
 * Issue 13 in Chromium: the demo's sample application (node:http + openid-client) signs people in
 * through the console's OpenID Provider and greets them with their licence; a refused person sees
 * the console's reason; a deactivation in Okta refuses the next page without a new sign-in.
 */
test.describe.configure({ mode: 'serial' });

const run = randomBytes(4).toString('hex');
const people = {
  pro: `ada.${run}@acme.test`,
  basic: `bob.${run}@acme.test`,
  none: `nora.${run}@acme.test`,
};
let admin: AdminApi;
let accessKeyId: number | undefined;
let okta: OktaScim;
let app: Awaited<ReturnType<typeof startSampleApp>>;
const users: Partial<Record<keyof typeof people, PushedUser>> = {};

test.beforeAll(async ({ stack }) => {
  admin = await AdminApi.signIn(stack);
  await admin.saveIncomingKeys(stack.okta);
  const key = await admin.createAccessKey();
  accessKeyId = key.id;
  okta = new OktaScim(stack.baseUrl, key.secret);
  users.pro = await okta.assignUser(people.pro, 'Ada', 'Lovelace');
  users.basic = await okta.assignUser(people.basic, 'Bob', 'Basic');
  users.none = await okta.assignUser(people.none, 'Nora', 'Quinn');
  const pro = await okta.pushGroup(`E2E App Pro ${run}`);
  const basic = await okta.pushGroup(`E2E App Basic ${run}`);
  await okta.addMembers(pro, [users.pro]);
  await okta.addMembers(basic, [users.basic]);
  await admin.mapGroup(`E2E App Pro ${run}`, 'pro');
  await admin.mapGroup(`E2E App Basic ${run}`, 'basic');

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { clientId, clientSecret } = await admin.addApplication({
    name: `Sample app ${run}`,
    redirectUris: [`${url}/callback`],
    postLogoutRedirectUris: [`${url}/signed-out`],
  });
  app = await startSampleApp({
    issuer: stack.baseUrl,
    clientId,
    clientSecret,
    port,
    onTokens: (tokens) => {
      rememberSecret('access token', tokens.accessToken);
      rememberSecret('refresh token', tokens.refreshToken);
      rememberSecret('ID token', tokens.idToken);
    },
  });
});

test.afterAll(async () => {
  await app?.close();
  if (accessKeyId !== undefined) await admin.revokeAccessKey(accessKeyId);
  await admin.dispose();
});

test('a Pro person is greeted with Pro; deactivated in Okta, their next page is refused', async ({
  browser,
  stack,
}) => {
  const visitor = await SampleAppVisitor.open(browser, app.url);
  try {
    await visitor.signInAs(people.pro, stack.okta.issuer, stack.baseUrl);
    await expect(visitor.heading).toHaveText('Hello Ada Lovelace — Pro');
    await expect(visitor.page.getByText(`E2E App Pro ${run}`)).toBeVisible();
    expect(await axeViolations(visitor.page), 'axe on the sample app').toEqual([]);

    await visitor.page.reload();
    await expect(visitor.heading).toHaveText('Hello Ada Lovelace — Pro');
    await okta.deactivateUser(users.pro as PushedUser);
    await visitor.page.reload();
    await expect(visitor.heading).toHaveText('Welcome');
    await expect(visitor.page.getByRole('status')).toHaveText(/no longer lets you in/);
  } finally {
    await visitor.close();
  }
});

test('a Basic person is greeted with Basic, and signs out through the console', async ({
  browser,
  stack,
}) => {
  const visitor = await SampleAppVisitor.open(browser, app.url);
  try {
    await visitor.signInAs(people.basic, stack.okta.issuer, stack.baseUrl);
    await expect(visitor.heading).toHaveText('Hello Bob Basic — Basic');

    await visitor.signOut.click();
    await expect(visitor.page).toHaveURL(new RegExp(`^${stack.baseUrl}/oidc/session/end`));
    await expect(visitor.heading).toHaveText('Sign out');
    expect(await axeViolations(visitor.page), 'axe on the sign-out page').toEqual([]);
    await visitor.page.getByRole('button', { name: 'Sign out' }).click();
    await expect(visitor.page).toHaveURL(`${app.url}/signed-out`);
    await expect(visitor.page.getByRole('status')).toHaveText('You are signed out.');
    // Signed out of the console too: /me asks them to sign in.
    await visitor.page.goto(`${stack.baseUrl}/me`);
    await expect(visitor.heading).toHaveText('You are not signed in');
  } finally {
    await visitor.close();
  }
});

test('a person in no mapped group is refused, and the console says why', async ({
  browser,
  stack,
}) => {
  const visitor = await SampleAppVisitor.open(browser, app.url);
  try {
    await visitor.signInAs(people.none, stack.okta.issuer, stack.baseUrl);
    await expect(visitor.page).toHaveURL(new RegExp(`^${stack.baseUrl}/auth/okta/callback`));
    await expect(visitor.heading).toHaveText('You have no licence');
    await expect(
      visitor.page.getByText('You are not in any group that gives a Basic or Pro licence.'),
    ).toBeVisible();
  } finally {
    await visitor.close();
  }
  const [event] = await admin.signInEvents('refused');
  expect(event).toMatchObject({ login: people.none, reason: 'no_licence' });
});
