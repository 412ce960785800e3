import { randomBytes } from 'node:crypto';
import { AdminApi } from './fixtures/admin-api';
import { EndUser } from './fixtures/end-user';
import { OktaScim, type PushedGroup, type PushedUser } from './fixtures/okta-scim';
import { expect, test } from './fixtures/test';
import { axeViolations } from './support/axe';

/**
 * Issue 4 end to end: the real server, the Okta stand-in (oidc-provider) and SCIM pushes sent
 * as Okta sends them. One story: each test starts from the state the previous one left.
 */
test.describe.configure({ mode: 'serial' });

// Names unique to this run: the server and its database are shared with the other specs.
const run = randomBytes(4).toString('hex');
const people = {
  pro: `pro.${run}@acme.test`,
  both: `both.${run}@acme.test`,
  nogroup: `nogroup.${run}@acme.test`,
};
const groupNames = {
  pro: `E2E Chime Pro ${run}`,
  basic: `E2E Everyone ${run}`,
  unmapped: `E2E Unmapped ${run}`,
  renamed: `E2E Chime Pro (renamed) ${run}`,
};

let admin: AdminApi;
let accessKeyId: number | undefined;
let okta: OktaScim;
const users: Partial<Record<keyof typeof people, PushedUser>> = {};
let proGroup: PushedGroup;

function pushed(who: keyof typeof people): PushedUser {
  const user = users[who];
  if (!user) throw new Error(`${who} was not pushed: the set-up test failed`);
  return user;
}

test.beforeAll(async ({ stack }) => {
  admin = await AdminApi.signIn(stack);
});

test.afterAll(async () => {
  // Two active keys at most, on a server the other specs share.
  if (accessKeyId !== undefined) await admin.revokeAccessKey(accessKeyId);
  await admin.dispose();
});

test.describe('end-user sign-in gated by directory groups', () => {
  test('set-up: incoming keys, Okta pushes users and groups, a group mapped to Pro', async ({
    stack,
  }) => {
    await test.step('the incoming keys are the stand-in’s', async () => {
      await admin.saveIncomingKeys(stack.okta);
    });

    await test.step('a SCIM access key for Okta’s provisioning app', async () => {
      const key = await admin.createAccessKey();
      accessKeyId = key.id;
      okta = new OktaScim(stack.baseUrl, key.secret);
    });

    await test.step('Okta assigns three people and pushes three groups', async () => {
      users.pro = await okta.assignUser(people.pro, 'Priya', 'Pro');
      users.both = await okta.assignUser(people.both, 'Bo', 'Both');
      users.nogroup = await okta.assignUser(people.nogroup, 'Nora', 'Nogroup');
      proGroup = await okta.pushGroup(groupNames.pro);
      const basicGroup = await okta.pushGroup(groupNames.basic);
      const unmapped = await okta.pushGroup(groupNames.unmapped);
      await okta.addMembers(proGroup, [pushed('pro'), pushed('both')]);
      await okta.addMembers(basicGroup, [pushed('both')]);
      await okta.addMembers(unmapped, [pushed('nogroup')]);
    });

    await test.step('the admin maps the Pro group to Pro and the other to Basic', async () => {
      const pro = await admin.mapGroup(groupNames.pro, 'pro');
      expect(pro).toMatchObject({ name: groupNames.pro, status: 'synced', members: 2 });
      await admin.mapGroup(groupNames.basic, 'basic');
    });
  });

  test('a member of the Pro group signs in through Okta and sees Pro on /me', async ({
    browser,
    stack,
  }) => {
    const person = await EndUser.open(browser, stack.baseUrl);
    try {
      const { callbackStatus, me } = await person.signIn(people.pro, stack.okta.issuer);
      expect(callbackStatus).toBe(303);
      await expect(person.page).toHaveURL(`${stack.baseUrl}/me`);
      await expect(me.signedInAs).toHaveText(`Signed in as ${people.pro}`);
      await expect(me.licence).toHaveText('Licence: Pro');
      await expect(me.signOut).toBeVisible();
      expect(await axeViolations(person.page), 'axe on /me').toEqual([]);

      // The form POST from Chromium (with its real Origin and Sec-Fetch-Site) ends the session.
      const signOut = person.page.waitForResponse((r) => r.url().endsWith('/auth/sign-out'));
      await me.signOut.click();
      expect((await signOut).status()).toBe(303);
      await expect(person.page).toHaveURL(`${stack.baseUrl}/me`);
      await expect(person.page.getByRole('heading', { level: 1 })).toHaveText(
        'You are not signed in',
      );
      await person.page.reload();
      await expect(me.signedInAs).toHaveCount(0);
    } finally {
      await person.close();
    }
  });

  test('a user in both a Basic and a Pro group sees Pro', async ({ browser, stack }) => {
    const person = await EndUser.open(browser, stack.baseUrl);
    try {
      const { me } = await person.signIn(people.both, stack.okta.issuer);
      await expect(me.signedInAs).toHaveText(`Signed in as ${people.both}`);
      await expect(me.licence).toHaveText('Licence: Pro');
    } finally {
      await person.close();
    }
  });

  test('a user in no mapped group is refused, and the page says why', async ({
    browser,
    stack,
  }) => {
    const person = await EndUser.open(browser, stack.baseUrl);
    try {
      const { callbackStatus, refusal } = await person.signIn(people.nogroup, stack.okta.issuer);
      expect(callbackStatus).toBe(403);
      await expect(refusal.heading).toHaveText('You have no licence');
      await expect(
        refusal.explanation('You are not in any group that gives a Basic or Pro licence.'),
      ).toBeVisible();
      await expect(person.page.getByText('Signed in as')).toHaveCount(0);
      expect(await axeViolations(person.page), 'axe on the refusal page').toEqual([]);
    } finally {
      await person.close();
    }
    const [event] = await admin.signInEvents('refused');
    expect(event).toMatchObject({ login: people.nogroup, reason: 'no_licence' });
  });

  test('renaming the group over SCIM keeps the mapping', async ({ browser, stack }) => {
    proGroup = await okta.renameGroup(proGroup, groupNames.renamed);

    // The admin's table lists the mapping under the new name, with the old one beside it.
    expect(await admin.directoryGroups(groupNames.renamed)).toEqual([
      expect.objectContaining({
        name: groupNames.renamed,
        previousName: groupNames.pro,
        capability: 'pro',
        status: 'synced',
      }),
    ]);

    const person = await EndUser.open(browser, stack.baseUrl);
    try {
      const { me } = await person.signIn(people.pro, stack.okta.issuer);
      await expect(me.signedInAs).toHaveText(`Signed in as ${people.pro}`);
      await expect(me.licence).toHaveText('Licence: Pro');
    } finally {
      await person.close();
    }
  });

  test('deactivating the user over SCIM makes the next sign-in fail', async ({
    browser,
    stack,
  }) => {
    await okta.deactivateUser(pushed('pro'));

    const person = await EndUser.open(browser, stack.baseUrl);
    try {
      const { callbackStatus, refusal } = await person.signIn(people.pro, stack.okta.issuer);
      expect(callbackStatus).toBe(403);
      await expect(refusal.heading).toHaveText('Your account is deactivated');
      await expect(refusal.explanation(/Your account here has been deactivated/)).toBeVisible();
      await expect(person.page.getByText('Signed in as')).toHaveCount(0);
    } finally {
      await person.close();
    }
    const [event] = await admin.signInEvents('refused');
    expect(event).toMatchObject({ login: people.pro, reason: 'deactivated' });
  });
});
