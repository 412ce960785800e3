import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { oktaUser, type ScimHarness, scimHarness } from '../http/scim/testing';
import { flushScimActivity } from '../services/scim/activity';

const PATCH_OP = ['urn:ietf:params:scim:api:messages:2.0:PatchOp'];
let h: ScimHarness;

beforeEach(async () => {
  h = await scimHarness();
});
afterEach(async () => {
  await h.close();
});

/** Okta's assignment: look the userName up (%20/%22 encoded), then POST with a password. */
async function assign(userName: string) {
  const filter = `userName%20eq%20%22${encodeURIComponent(userName)}%22`;
  const lookup = await h.scim('GET', `/Users?filter=${filter}&startIndex=1&count=100`);
  expect(lookup.statusCode).toBe(200);
  if (lookup.json().totalResults === 1) return lookup.json().Resources[0];
  const created = await h.scim('POST', '/Users', oktaUser(userName));
  expect(created.statusCode).toBe(201);
  return created.json();
}

describe("Okta's documented sequence", () => {
  test('Test the Integration and saving the settings list users and groups', async () => {
    const users = await h.scim('GET', '/Users?startIndex=1&count=2');
    expect(users.statusCode).toBe(200);
    expect(users.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(users.json()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
    const groups = await h.scim('GET', '/Groups?startIndex=1&count=100');
    expect(groups.statusCode).toBe(200);
    expect(groups.json().totalResults).toBe(0);
    await flushScimActivity(h.db);
    const last = await h.db
      .selectFrom('scim_requests')
      .select(['kind', 'path'])
      .orderBy('id')
      .execute();
    expect(last.map((r) => r.kind)).toEqual(['test_connection', 'import']);
  });

  test('assign a user: lookup finds nothing, POST answers 201 with Location and the resource', async () => {
    const filter = 'userName%20eq%20%22jane.doe%40acme.com%22';
    const lookup = await h.scim('GET', `/Users?filter=${filter}&startIndex=1&count=100`);
    expect(lookup.json()).toMatchObject({ totalResults: 0, startIndex: 1, itemsPerPage: 0 });
    const body = oktaUser('jane.doe@acme.com', { externalId: '00u1abcd2EFGH3ijk4x7' });
    const created = await h.scim('POST', '/Users', body);
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(created.headers.location).toBe(`https://console.example.com/scim/v2/Users/${user.id}`);
    expect(user).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'jane.doe@acme.com',
      externalId: '00u1abcd2EFGH3ijk4x7',
      name: { givenName: 'jane', familyName: 'doe' },
      emails: [{ primary: true, value: 'jane.doe@acme.com', type: 'work' }],
      displayName: 'jane doe',
      locale: 'en-US',
      active: true,
      meta: { resourceType: 'User', location: created.headers.location },
    });
    expect(user.password).toBeUndefined();
    expect(user.meta.created).toBe(user.meta.lastModified);

    // Okta's own tests send the userName in other letter cases.
    const again = await h.scim('GET', `/Users?filter=${filter.replace('jane', 'JANE')}`);
    expect(again.json().totalResults).toBe(1);
    expect(again.json().Resources[0].id).toBe(user.id);
    const duplicate = await h.scim('POST', '/Users', oktaUser('Jane.Doe@ACME.com'));
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ status: '409', scimType: 'uniqueness' });
  });

  test('a plus sign in the userName survives the query string', async () => {
    await assign('jane+test@acme.com');
    const raw = await h.scim('GET', '/Users?filter=userName%20eq%20%22jane+test@acme.com%22');
    expect(raw.json().totalResults).toBe(1);
    const formEncoded = await h.scim('GET', '/Users?filter=userName+eq+%22jane%2Btest@acme.com%22');
    expect(formEncoded.json().totalResults).toBe(1);
  });

  test('profile update: GET then PUT replaces and keeps id and meta.created', async () => {
    const user = await assign('sam.lee@acme.com');
    const got = await h.scim('GET', `/Users/${user.id}`);
    expect(got.statusCode).toBe(200);
    const body = {
      ...got.json(),
      name: { givenName: 'Samuel', familyName: 'Lee' },
      displayName: 'Samuel Lee',
      title: 'Engineer',
      password: 'another-random-password',
    };
    const put = await h.scim('PUT', `/Users/${user.id}`, body);
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      id: user.id,
      name: { givenName: 'Samuel', familyName: 'Lee' },
      displayName: 'Samuel Lee',
      title: 'Engineer',
      meta: { created: user.meta.created },
    });
    expect(put.json().locale).toBe('en-US');
    const byName = await h.scim('GET', '/Users?filter=name.givenName%20eq%20%22samuel%22');
    expect(byName.json().totalResults).toBe(1);
  });

  test('deactivate and reactivate by path-less PATCH; the deactivated user stays findable', async () => {
    const user = await assign('ann.kim@acme.com');
    const off = await h.scim('PATCH', `/Users/${user.id}`, {
      schemas: PATCH_OP,
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ id: user.id, active: false, userName: 'ann.kim@acme.com' });

    const found = await h.scim(
      'GET',
      '/Users?filter=userName%20eq%20%22ann.kim%40acme.com%22&startIndex=1&count=100',
    );
    expect(found.json().totalResults).toBe(1);
    expect(found.json().Resources[0].active).toBe(false);

    const on = await h.scim('PATCH', `/Users/${user.id}`, {
      schemas: PATCH_OP,
      Operations: [{ op: 'Replace', value: { active: true } }],
    });
    expect(on.json().active).toBe(true);
    await flushScimActivity(h.db);
    const actions = await h.db.selectFrom('scim_requests').select('kind').orderBy('id').execute();
    expect(actions.map((a) => a.kind)).toContain('deactivate_user');
    expect(actions.map((a) => a.kind)).toContain('reactivate_user');
    expect(actions.map((a) => a.kind)).toContain('lookup_user');
    expect(actions.map((a) => a.kind)).not.toContain('other');
  });

  test('Push Groups: create, rename, add and remove members, both at once, replace, unlink', async () => {
    const jane = await assign('jane@acme.com');
    const sam = await assign('sam@acme.com');
    const ann = await assign('ann@acme.com');
    const pushed = await h.scim('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Engineering',
      members: [],
    });
    expect(pushed.statusCode).toBe(201);
    const group = pushed.json();
    expect(pushed.headers.location).toBe(group.meta.location);
    const members = async () =>
      ((await h.scim('GET', `/Groups/${group.id}`)).json().members ?? []).map(
        (m: { value: string }) => m.value,
      );
    const patch = (Operations: unknown[]) =>
      h.scim('PATCH', `/Groups/${group.id}`, { schemas: PATCH_OP, Operations });
    const rename = (displayName: string) => ({
      op: 'replace',
      value: { id: group.id, displayName },
    });

    // Rename, as Okta sends it: path-less, with the id; harmless to repeat.
    expect((await patch([rename('Engineers')])).statusCode).toBe(204);
    expect((await patch([rename('Engineers')])).statusCode).toBe(204);
    const byNew = await h.scim('GET', '/Groups?filter=displayName%20eq%20%22Engineers%22');
    expect(byNew.json().totalResults).toBe(1);
    const byOld = await h.scim('GET', '/Groups?filter=displayName%20eq%20%22Engineering%22');
    expect(byOld.json().totalResults).toBe(0);
    // The old name is free again.
    const reuse = await h.scim('POST', '/Groups', { displayName: 'Engineering', members: [] });
    expect(reuse.statusCode).toBe(201);

    const add = await patch([
      rename('Engineers'),
      {
        op: 'add',
        path: 'members',
        value: [
          { value: jane.id, display: 'jane@acme.com' },
          { value: sam.id, display: 'sam@acme.com' },
        ],
      },
    ]);
    expect(add.statusCode).toBe(204);
    expect((await members()).sort()).toEqual([jane.id, sam.id].sort());

    await patch([rename('Engineers'), { op: 'remove', path: `members[value eq "${jane.id}"]` }]);
    expect(await members()).toEqual([sam.id]);

    // Both in one request, applied in order.
    await patch([
      rename('Engineers'),
      { op: 'add', path: 'members', value: [{ value: ann.id, display: 'ann@acme.com' }] },
      { op: 'remove', path: `members[value eq "${sam.id}"]` },
    ]);
    expect(await members()).toEqual([ann.id]);

    await patch([
      { op: 'replace', path: 'members', value: [{ value: jane.id }, { value: sam.id }] },
    ]);
    expect((await members()).sort()).toEqual([jane.id, sam.id].sort());

    await patch([{ op: 'remove', path: 'members', value: [{ value: jane.id }] }]);
    expect(await members()).toEqual([sam.id]);

    const lean = await h.scim('GET', `/Groups?startIndex=1&count=100&excludedAttributes=members`);
    expect(lean.json().Resources.every((g: object) => !('members' in g))).toBe(true);
    const named = await h.scim('GET', `/Groups/${group.id}?attributes=displayName`);
    expect(Object.keys(named.json()).sort()).toEqual(['displayName', 'id', 'schemas']);

    // Unassigning a user deactivates them; it does not take them out of pushed groups.
    await h.scim('PATCH', `/Users/${sam.id}`, {
      schemas: PATCH_OP,
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(await members()).toEqual([sam.id]);

    const unlink = await h.scim('DELETE', `/Groups/${group.id}`);
    expect(unlink.statusCode).toBe(204);
    expect((await h.scim('GET', `/Groups/${group.id}`)).statusCode).toBe(404);
    const rows = await h.db.selectFrom('scim_group_members').selectAll().execute();
    expect(rows).toEqual([]);
  });

  test('a group patch naming an unknown user changes nothing', async () => {
    const jane = await assign('jane@acme.com');
    const group = (await h.scim('POST', '/Groups', { displayName: 'Ops', members: [] })).json();
    const refused = await h.scim('PATCH', `/Groups/${group.id}`, {
      schemas: PATCH_OP,
      Operations: [
        { op: 'replace', value: { id: group.id, displayName: 'Operations' } },
        { op: 'add', path: 'members', value: [{ value: jane.id }] },
        { op: 'add', path: 'members', value: [{ value: 'no-such-user' }] },
      ],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ status: '400', scimType: 'invalidValue' });
    const after = (await h.scim('GET', `/Groups/${group.id}`)).json();
    expect(after.displayName).toBe('Ops');
    expect(after.members).toEqual([]);
    const post = await h.scim('POST', '/Groups', {
      displayName: 'Ghosts',
      members: [{ value: jane.id }, { value: 'ghost' }],
    });
    expect(post.statusCode).toBe(400);
    expect((await h.scim('GET', '/Groups')).json().totalResults).toBe(1);
  });

  test('POST and PUT with members apply them', async () => {
    const jane = await assign('jane@acme.com');
    const sam = await assign('sam@acme.com');
    const created = await h.scim('POST', '/Groups', {
      displayName: 'Sales',
      members: [{ value: jane.id, display: 'jane@acme.com' }],
    });
    expect(created.json().members).toEqual([
      { value: jane.id, display: 'jane@acme.com', type: 'User' },
    ]);
    const put = await h.scim('PUT', `/Groups/${created.json().id}`, {
      displayName: 'Sales EMEA',
      members: [{ value: sam.id }],
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ displayName: 'Sales EMEA', members: [{ value: sam.id }] });
    const duplicate = await h.scim('POST', '/Groups', { displayName: 'sales emea' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().scimType).toBe('uniqueness');
  });

  test('import pages through every user in a stable order with the real total', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 230; i++) {
      const r = await h.scim('POST', '/Users', oktaUser(`user${i}@acme.com`));
      ids.push(r.json().id);
    }
    // Deactivated users are still imported.
    await h.scim('PATCH', `/Users/${ids[7]}`, {
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    const seen: string[] = [];
    for (let start = 1; ; start += 100) {
      const page = (await h.scim('GET', `/Users?startIndex=${start}&count=100`)).json();
      expect(page.totalResults).toBe(230);
      expect(page.startIndex).toBe(start);
      expect(page.itemsPerPage).toBe(page.Resources.length);
      seen.push(...page.Resources.map((r: { id: string }) => r.id));
      if (start + 100 > page.totalResults) break;
    }
    expect(seen).toEqual(ids);
    const countOnly = (await h.scim('GET', '/Users?count=0')).json();
    expect(countOnly).toMatchObject({ totalResults: 230, itemsPerPage: 0, Resources: [] });
    const belowOne = (await h.scim('GET', '/Users?startIndex=-5&count=3')).json();
    expect(belowOne.startIndex).toBe(1);
    expect(belowOne.Resources.map((r: { id: string }) => r.id)).toEqual(ids.slice(0, 3));
  });

  test('user DELETE answers 204 and then 404', async () => {
    const user = await assign('gone@acme.com');
    expect((await h.scim('DELETE', `/Users/${user.id}`)).statusCode).toBe(204);
    const again = await h.scim('GET', `/Users/${user.id}`);
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ status: '404' });
  });
});
