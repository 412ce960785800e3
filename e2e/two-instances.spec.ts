/**
 * Two instances of the built server on one PostgreSQL, as behind a load balancer: the admin
 * signs in on A and creates an access key there; Okta's pushes go to B; the console on A shows
 * them without a reload (the SCIM summary and the Licences card refresh every 10 s).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type BuiltServer, freePort, startBuiltServer } from '../src/testing/built-server';
import { type PgServer, startPgServer } from '../src/testing/pg-server';
import { DirectoryGroupsSection } from './fixtures/directory-groups-section';
import { ScimProvisioningSection } from './fixtures/scim-provisioning-section';
import { SignInPage } from './fixtures/sign-in-page';
import { expect, test } from './fixtures/test';
import { settleAnimations } from './support/animations';
import { axeViolations } from './support/axe';

const admin = { email: 'admin@example.test', password: `pw-${randomBytes(12).toString('hex')}` };
let postgres: PgServer;
let tempDir: string;
const servers: BuiltServer[] = [];

test.beforeAll(async () => {
  test.setTimeout(90_000);
  postgres = await startPgServer();
  tempDir = await mkdtemp(path.join(os.tmpdir(), 'okta-two-'));
  const env = { DATABASE_URL: postgres.url, SECRET_KEY: randomBytes(32).toString('hex') };
  for (const name of ['a', 'b']) {
    servers.push(
      await startBuiltServer({
        port: await freePort(),
        dataDir: path.join(tempDir, name),
        admin,
        env,
      }),
    );
  }
});
test.afterAll(async () => {
  for (const server of servers) await server.stop();
  await postgres?.stop();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

test('pushes to instance B appear on instance A without a reload', async ({ page }) => {
  test.setTimeout(90_000);
  const [a, b] = servers as [BuiltServer, BuiltServer];
  const health = await (await fetch(`${b.baseUrl}/healthz`)).json();
  expect(health).toEqual({ status: 'ok', database: { kind: 'postgres', ok: true } });
  expect(JSON.stringify(health)).not.toContain(new URL(postgres.url).password);

  await page.goto(`${a.baseUrl}/sign-in`);
  const signIn = new SignInPage(page);
  await signIn.signIn(admin.email, admin.password);
  const section = new ScimProvisioningSection(page);
  await expect(section.root).toBeVisible();
  await expect(section.definition('Active users')).toHaveText('0');
  await expect(section.definition('Groups')).toHaveText('0');
  const licences = new DirectoryGroupsSection(page);
  await expect(licences.licenceTile('No licence')).toHaveText(/^0\s*No licence$/);
  const key = await section.createKey();
  await section.createDialog.done.click();
  await expect(section.createDialog.root).toBeHidden();

  const okta = (method: string, url: string, body: unknown) =>
    fetch(`${b.baseUrl}/scim/v2${url}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify(body),
    });
  const ids: string[] = [];
  for (const name of ['ana.lima', 'bo.chen', 'cy.diaz']) {
    const created = await okta('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: `${name}@acme.example`,
      name: { givenName: name.split('.')[0], familyName: name.split('.')[1] },
      emails: [{ primary: true, value: `${name}@acme.example`, type: 'work' }],
      active: true,
    });
    expect(created.status, await created.clone().text()).toBe(201);
    ids.push(((await created.json()) as { id: string }).id);
  }
  const group = await okta('POST', '/Groups', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    displayName: 'Engineering',
    members: ids.map((value) => ({ value })),
  });
  expect(group.status).toBe(201);

  // No reload: the console on A refreshes what it shows from the shared database.
  await expect(section.definition('Active users')).toHaveText('3', { timeout: 20_000 });
  await expect(section.definition('Groups')).toHaveText('1');
  await expect(licences.licenceTile('No licence')).toHaveText(/^3\s*No licence$/, {
    timeout: 20_000,
  });
  await expect(section.keyRow(key.slice(0, 17))).not.toContainText('Never used', {
    timeout: 20_000,
  });
  await settleAnimations(page);
  await page.screenshot({ path: path.join(os.tmpdir(), 'two-instances-a.png'), fullPage: true });
  expect(await axeViolations(page), 'axe on instance A').toEqual([]);
});
