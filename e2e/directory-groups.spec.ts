import { randomBytes } from 'node:crypto';
import { AdminApi } from './fixtures/admin-api';
import { DirectoryGroupsSection } from './fixtures/directory-groups-section';
import { EndUser } from './fixtures/end-user';
import { OktaScim, type PushedGroup } from './fixtures/okta-scim';
import { expect, test } from './fixtures/test';
import { settleAnimations } from './support/animations';
import { axeViolations } from './support/axe';

/**
 * The "Directory groups" section in the browser, against groups pushed over SCIM as Okta does.
 * One story: each test starts from the state the previous one left.
 */
test.describe.configure({ mode: 'serial' });

// Names unique to this run: the server and its database are shared with the other specs.
const run = randomBytes(4).toString('hex');
const member = `member.${run}@acme.test`;
const names = {
  pushed: `E2E UI Pro ${run}`,
  renamed: `E2E UI Pro (renamed) ${run}`,
  later: `E2E UI Later ${run}`,
};

let admin: AdminApi;
let accessKeyId: number | undefined;
let okta: OktaScim;
let pushedGroup: PushedGroup;

test.beforeAll(async ({ stack }) => {
  admin = await AdminApi.signIn(stack);
  await admin.saveIncomingKeys(stack.okta);
  const key = await admin.createAccessKey();
  accessKeyId = key.id;
  okta = new OktaScim(stack.baseUrl, key.secret);
  const user = await okta.assignUser(member, 'Mia', 'Member');
  pushedGroup = await okta.pushGroup(names.pushed);
  await okta.addMembers(pushedGroup, [user]);
});

test.afterAll(async () => {
  // Two active keys at most, on a server the other specs share.
  if (accessKeyId !== undefined) await admin.revokeAccessKey(accessKeyId);
  await admin.dispose();
});

test.describe('Directory groups', () => {
  test('a pushed group is mapped to Pro in the dialog, and its member signs in as Pro', async ({
    signedIn,
    page,
    browser,
    stack,
  }) => {
    const section = new DirectoryGroupsSection(page);
    await expect(section.root.getByRole('heading', { level: 2 })).toHaveText('Directory groups');

    const dialog = await section.openDialog();
    await expect(dialog.groupName).toBeVisible();
    await expect(dialog.option('Basic')).toBeVisible();
    await expect(dialog.option('Pro')).toBeVisible();
    await settleAnimations(page);
    expect(await axeViolations(page), 'axe with the dialog open').toEqual([]);

    await dialog.fill(names.pushed, 'Pro');
    await dialog.save.click();
    await expect(dialog.root).toBeHidden({ timeout: 10_000 });

    const row = section.row(names.pushed);
    await expect(row).toContainText('Pro');
    await expect(row).toContainText('Synced');
    await expect(row).toContainText('1');
    await settleAnimations(page);
    expect(await axeViolations(page), 'axe on the section with a mapping').toEqual([]);
    await expect(signedIn.heading).toHaveText('Okta single-sign on configuration');

    await EndUser.signInOnce(browser, stack, member, ({ me }) =>
      expect(me.licence).toHaveText('Licence: Pro'),
    );
  });

  test('renaming the group over SCIM shows the new name, and the old one, in the table', async ({
    signedIn,
    page,
  }) => {
    pushedGroup = await okta.renameGroup(pushedGroup, names.renamed);
    await page.reload();
    await expect(signedIn.heading).toBeVisible();
    const row = new DirectoryGroupsSection(page).row(names.renamed);
    await expect(row).toContainText(names.pushed);
    await expect(row).toContainText('Pro');
    await expect(row).toContainText('Synced');
  });

  test('changing the capability in the row shows the effect on seats before it is saved', async ({
    signedIn,
    page,
    browser,
    stack,
  }) => {
    const section = new DirectoryGroupsSection(page);
    await expect(signedIn.heading).toBeVisible();
    await section.capability(names.renamed).selectOption('Basic');

    const confirm = section.confirmation();
    await expect(confirm).toContainText(`Change "${names.renamed}" to Basic?`);
    await expect(confirm.getByRole('status')).toContainText('1 user moves from Pro to Basic');
    await settleAnimations(page);
    expect(await axeViolations(page), 'axe with the seat effect shown').toEqual([]);
    await confirm.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(confirm).toBeHidden({ timeout: 10_000 });
    await expect(section.capability(names.renamed)).toHaveValue('basic');

    await page.reload();
    await expect(section.capability(names.renamed)).toHaveValue('basic');
    await EndUser.signInOnce(browser, stack, member, ({ me }) =>
      expect(me.licence).toHaveText('Licence: Basic'),
    );
  });

  test('the Users view finds the member by email, with the licence, group and last sign-in', async ({
    signedIn,
    page,
  }) => {
    await expect(signedIn.heading).toBeVisible();
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
    await page.getByLabel('Search by name or email').fill(member);
    const users = page.getByRole('table', { name: 'Provisioned users' });
    const row = users.getByRole('row').filter({ hasText: member });
    await expect(row).toHaveCount(1);
    await expect(users.getByRole('row')).toHaveCount(2); // the header and the member
    await expect(row).toContainText('Mia Member');
    await expect(row).toContainText('Active');
    await expect(row).toContainText('Basic');
    await expect(row).toContainText(names.renamed);
    await expect(row).not.toContainText('Never');
    await settleAnimations(page);
    expect(await axeViolations(page), 'axe on the Users view').toEqual([]);
  });

  test('a name Okta has not pushed: not found, "Add anyway" waits, and binds once Okta pushes it', async ({
    signedIn,
    page,
  }) => {
    const section = new DirectoryGroupsSection(page);
    await expect(signedIn.heading).toBeVisible();
    const dialog = await section.openDialog();
    await dialog.fill(names.later, 'Basic');
    await dialog.save.click();

    await expect(dialog.root).toContainText(/not found/i);
    await expect(dialog.root).toContainText(/wait a few minutes/i);
    await expect(dialog.addAnyway).toBeVisible();
    await settleAnimations(page);
    expect(await axeViolations(page), 'axe with the not-found message').toEqual([]);

    await dialog.addAnyway.click();
    await expect(dialog.root).toBeHidden({ timeout: 10_000 });
    await expect(section.row(names.later)).toContainText('Waiting for Okta');

    await okta.pushGroup(names.later);
    await page.reload();
    await expect(section.row(names.later)).toContainText('Synced');
    await expect(section.row(names.later)).toContainText('Basic');
  });
  test('a group Okta deletes shows as no longer pushed', async ({ signedIn, page }) => {
    const found = await okta.request(
      'GET',
      `/Groups?filter=${encodeURIComponent(`displayName eq "${names.later}"`)}`,
    );
    const { Resources } = (await found.json()) as { Resources: { id: string }[] };
    expect(Resources).toHaveLength(1);
    const deleted = await okta.request('DELETE', `/Groups/${Resources[0]?.id}`);
    expect(deleted.status).toBe(204);

    await page.reload();
    await expect(signedIn.heading).toBeVisible();
    await expect(new DirectoryGroupsSection(page).row(names.later)).toContainText(
      'No longer pushed',
    );
  });

  test('removing a mapping asks first, with its effect, and then the member cannot sign in', async ({
    signedIn,
    page,
    browser,
    stack,
  }) => {
    const section = new DirectoryGroupsSection(page);
    await expect(signedIn.heading).toBeVisible();
    await section.remove(names.renamed).click();
    const confirm = section.confirmation();
    await expect(confirm).toContainText(`Remove "${names.renamed}"?`);
    await expect(confirm.getByRole('status')).toContainText(
      '1 user loses Basic and can no longer sign in',
    );
    await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(confirm).toBeHidden();
    await expect(section.row(names.renamed)).toBeVisible();

    await section.remove(names.renamed).click();
    await section.confirmation().getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(section.row(names.renamed)).toHaveCount(0, { timeout: 10_000 });

    await EndUser.signInOnce(browser, stack, member, ({ refusal }) =>
      expect(refusal.main).toContainText(
        'You are not in any group that gives a Basic or Pro licence',
      ),
    );
  });
});
