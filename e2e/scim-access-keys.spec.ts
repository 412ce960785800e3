import { randomBytes } from 'node:crypto';
import { ScimProvisioningSection } from './fixtures/scim-provisioning-section';
import { expect, test } from './fixtures/test';
import { settleAnimations } from './support/animations';
import { axeViolations } from './support/axe';

/** A SCIM request as Okta's provisioning app sends it: the key as a Bearer token. */
function scim(baseURL: string, key: string) {
  return (method: string, path: string, body?: unknown) =>
    fetch(`${baseURL}/scim/v2${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        accept: 'application/scim+json',
        ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

test('an access key created in the console lets Okta provision, until it is revoked', async ({
  signedIn,
  page,
  baseURL,
}) => {
  test.setTimeout(60_000);
  const section = new ScimProvisioningSection(page);
  const run = randomBytes(4).toString('hex');

  await expect(signedIn.heading).toHaveText('Okta single-sign on configuration');
  await expect(section.root).toBeVisible();
  await expect(section.copyBaseUrl).toBeVisible();
  await expect(section.root.getByText(`${baseURL}/scim/v2`, { exact: true })).toBeVisible();
  const usersBefore = await section.count('Active users');
  const groupsBefore = await section.count('Groups');

  const key = await test.step('create a key in the browser and read it once', async () => {
    const secret = await section.createKey();
    expect(secret).toMatch(/^osc_scim_[A-Za-z0-9_-]{51}$/);
    await expect(section.createDialog.root).toContainText('will not be shown again');
    await settleAnimations(page);
    expect(await axeViolations(page), 'axe with the new key shown').toEqual([]);
    await section.createDialog.done.click();
    await expect(section.createDialog.root).toBeHidden();
    return secret;
  });
  const prefix = key.slice(0, 17);
  await expect(section.keyRow(prefix)).toContainText('Never used');

  await test.step('use it as Okta does: Test the Integration, create a user, push a group', async () => {
    const okta = scim(baseURL as string, key);
    const test = await okta('GET', '/Users?startIndex=1&count=2');
    expect(test.status).toBe(200);
    expect(await test.json()).toMatchObject({ startIndex: 1 });

    const userName = `jane.doe.${run}@acme.example`;
    const created = await okta('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName,
      name: { givenName: 'Jane', familyName: 'Doe' },
      emails: [{ primary: true, value: userName, type: 'work' }],
      displayName: 'Jane Doe',
      externalId: `00u${run}`,
      password: `Pw-${run}-not-stored`,
      active: true,
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const user = (await created.json()) as { id: string };

    const group = await okta('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: `E2E Pro ${run}`,
      members: [{ value: user.id, display: userName }],
    });
    expect(group.status, await group.clone().text()).toBe(201);
  });

  await test.step('the page shows what Okta pushed and its last request', async () => {
    await page.reload();
    await expect(section.definition('Active users')).toHaveText(String(usersBefore + 1));
    await expect(section.definition('Groups')).toHaveText(String(groupsBefore + 1));
    await expect(section.lastRequest).toContainText('Push group');
    await expect(section.lastRequest).toContainText('POST /scim/v2/Groups');
    await expect(section.lastRequest).toContainText('HTTP 201');
    await expect(section.lastRequest).toContainText('just now');
    await expect(section.keyRow(prefix)).not.toContainText('Never used');
    await settleAnimations(page);
    expect(await axeViolations(page), 'axe on the section after SCIM traffic').toEqual([]);
  });

  await test.step('revoke it in the browser: the next SCIM request gets 401', async () => {
    await section.root.getByRole('button', { name: `Revoke ${prefix}…` }).click();
    await expect(section.revokeDialog.root).toContainText('get 401 from the next request on');
    await settleAnimations(page);
    expect(await axeViolations(page), 'axe with the revoke dialog open').toEqual([]);
    await section.revokeDialog.revoke.click();
    await expect(section.revokeDialog.root).toBeHidden();
    await expect(section.keyRow(prefix)).toContainText('Revoked');

    const refused = await scim(baseURL as string, key)('GET', '/Users?startIndex=1&count=2');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '401',
    });
  });

  await test.step('the key is not shown again after a reload', async () => {
    await page.reload();
    await expect(section.keyRow(prefix)).toBeVisible();
    await expect(page.getByText(key)).toHaveCount(0);
    expect(await page.content()).not.toContain(key);
  });
});
