import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvisioningEntry } from '../../shared/api/activity';
import { oktaUser } from '../http/scim/testing';
import {
  type ActivityRig,
  assignUser,
  deactivate,
  type Method,
  PATCH_OP,
  reactivate,
  startActivityRig,
} from './activity-fixtures';

let rig: ActivityRig;
beforeAll(async () => {
  rig = await startActivityRig();
});
afterAll(() => rig.close());

const change = (entry: ProvisioningEntry, attribute: string) =>
  entry.changes.find((c) => c.attribute === attribute);

/** Sends one request as Okta would and returns the entry it left. */
async function step(method: Method, path: string, body?: unknown, status?: number) {
  const response = await rig.scim(method, path, body);
  if (status !== undefined) expect(response.statusCode, response.body).toBe(status);
  const entry = await rig.latest();
  expect(entry.method).toBe(method);
  expect(entry.path).toBe(`/scim/v2${path.split('?')[0]}`);
  expect(entry.status).toBe(response.statusCode);
  return entry;
}

describe("each of Okta's requests is labelled with its action, resource and changes", () => {
  let jane: { id: string };
  let sam: { id: string };
  let groupId: string;

  it('Test the Integration, and saving the provisioning settings', async () => {
    const test = await step('GET', '/Users?startIndex=1&count=2', undefined, 200);
    expect(test).toMatchObject({ action: 'test_connection', outcome: 'success', error: null });
    const groups = await step('GET', '/Groups?startIndex=1&count=100', undefined, 200);
    expect(groups.action).toBe('import');
  });

  it('assigning a user: the lookup names the user, the create lists what it set', async () => {
    const lookup = await step(
      'GET',
      '/Users?filter=userName%20eq%20%22jane.doe%40acme.com%22&startIndex=1&count=100',
      undefined,
      200,
    );
    expect(lookup).toMatchObject({
      action: 'lookup_user',
      resourceType: 'User',
      resourceName: 'jane.doe@acme.com',
    });
    const created = await step('POST', '/Users', oktaUser('jane.doe@acme.com'), 201);
    jane = (await rig.scim('GET', `/Users/${created.resourceId}`)).json();
    expect(created).toMatchObject({
      action: 'create_user',
      outcome: 'success',
      resourceType: 'User',
      resourceId: jane.id,
      resourceName: 'jane.doe@acme.com',
      notApplied: [],
    });
    expect(change(created, 'userName')).toEqual({
      attribute: 'userName',
      before: null,
      after: '"jane.doe@acme.com"',
    });
    expect(change(created, 'name.givenName')?.after).toBe('"jane"');
    expect(change(created, 'active')?.after).toBe('true');
    expect(created.changes.map((c) => c.attribute)).not.toContain('password');
  });

  it('a profile update lists each attribute before and after; unknown ones are flagged', async () => {
    const current = (await rig.scim('GET', `/Users/${jane.id}`)).json();
    // Okta's read before the PUT: named by the person's userName, not only the SCIM id.
    expect(await rig.latest()).toMatchObject({
      action: 'get_user',
      resourceId: jane.id,
      resourceName: current.userName,
    });
    const updated = await step(
      'PUT',
      `/Users/${jane.id}`,
      { ...current, name: { givenName: 'Janet', familyName: 'doe' }, password: 'Okta-Random-1!' },
      200,
    );
    expect(updated).toMatchObject({ action: 'update_user', outcome: 'success' });
    expect(updated.changes).toEqual([
      { attribute: 'name.givenName', before: '"jane"', after: '"Janet"' },
    ]);
    const odd = await step(
      'PUT',
      `/Users/${jane.id}`,
      {
        ...current,
        nickName: 'JD',
        favouriteColour: 'teal',
        name: { givenName: 'Janet', middle: 'Q' },
      },
      200,
    );
    expect(odd.outcome).toBe('not_applied');
    expect([...odd.notApplied].sort()).toEqual([
      'The unknown attribute "favouriteColour" was ignored.',
      'The unknown attribute "name.middle" was ignored.',
    ]);
    expect(change(odd, 'nickName')).toEqual({ attribute: 'nickName', before: null, after: '"JD"' });
  });

  it('deactivate and reactivate, by PATCH and by PUT; a repeat is flagged', async () => {
    const off = await step('PATCH', `/Users/${jane.id}`, deactivate, 200);
    expect(off).toMatchObject({ action: 'deactivate_user', outcome: 'success' });
    expect(off.changes).toEqual([{ attribute: 'active', before: 'true', after: 'false' }]);
    const again = await step('PATCH', `/Users/${jane.id}`, deactivate, 200);
    expect(again).toMatchObject({ action: 'deactivate_user', outcome: 'not_applied' });
    expect(again.notApplied).toEqual(['Nothing changed: the user already had these values.']);
    const on = await step('PATCH', `/Users/${jane.id}`, reactivate, 200);
    expect(on).toMatchObject({ action: 'reactivate_user', outcome: 'success' });
    const current = (await rig.scim('GET', `/Users/${jane.id}`)).json();
    const put = await step('PUT', `/Users/${jane.id}`, { ...current, active: false }, 200);
    expect(put.action).toBe('deactivate_user');
    const back = await step('PUT', `/Users/${jane.id}`, { ...current, active: true }, 200);
    expect(back.action).toBe('reactivate_user');
  });

  it('import pages through the users', async () => {
    const page = await step('GET', '/Users?startIndex=1&count=100', undefined, 200);
    expect(page.action).toBe('import');
  });

  it('push, rename, add members, remove members, replace, unlink', async () => {
    sam = await assignUser(rig, 'sam@acme.com', oktaUser('sam@acme.com'));
    const pushed = await step(
      'POST',
      '/Groups',
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Engineering',
        members: [],
      },
      201,
    );
    groupId = pushed.resourceId as string;
    expect(pushed).toMatchObject({
      action: 'push_group',
      resourceType: 'Group',
      resourceName: 'Engineering',
    });
    expect(change(pushed, 'displayName')).toMatchObject({ before: null, after: '"Engineering"' });

    const rename = (displayName: string) => ({
      op: 'replace',
      value: { id: groupId, displayName },
    });
    const patch = (...Operations: unknown[]) =>
      step('PATCH', `/Groups/${groupId}`, { schemas: PATCH_OP, Operations }, 204);

    const renamed = await patch(rename('Engineers'));
    expect(renamed).toMatchObject({
      action: 'rename_group',
      outcome: 'success',
      resourceName: 'Engineers',
    });
    expect(renamed.changes).toEqual([
      { attribute: 'displayName', before: '"Engineering"', after: '"Engineers"' },
    ]);
    const same = await patch(rename('Engineers'));
    expect(same).toMatchObject({ action: 'rename_group', outcome: 'not_applied' });

    const member = (user: { id: string }, display: string) => ({ value: user.id, display });
    const added = await patch(rename('Engineers'), {
      op: 'add',
      path: 'members',
      value: [member(jane, 'jane.doe@acme.com'), member(sam, 'sam@acme.com')],
    });
    expect(added).toMatchObject({ action: 'add_members', outcome: 'success' });
    expect(added.changes).toEqual([
      { attribute: 'members added', before: null, after: '["jane.doe@acme.com","sam@acme.com"]' },
    ]);
    const twice = await patch(rename('Engineers'), {
      op: 'add',
      path: 'members',
      value: [member(sam, 'sam@acme.com')],
    });
    expect(twice).toMatchObject({ action: 'add_members', outcome: 'not_applied', changes: [] });
    expect(twice.notApplied).toEqual(['1 member to add was already in the group.']);

    const removed = await patch(rename('Engineers'), {
      op: 'remove',
      path: `members[value eq "${sam.id}"]`,
    });
    expect(removed).toMatchObject({ action: 'remove_members', outcome: 'success' });
    expect(removed.changes).toEqual([
      { attribute: 'members removed', before: '["sam@acme.com"]', after: null },
    ]);
    const gone = await patch({ op: 'remove', path: `members[value eq "${sam.id}"]` });
    expect(gone).toMatchObject({ action: 'remove_members', outcome: 'not_applied' });
    const notIn = await patch({ op: 'remove', path: 'members', value: [{ value: sam.id }] });
    expect(notIn.notApplied).toEqual(['1 member to remove was not in the group.']);

    const swapped = await patch({ op: 'replace', path: 'members', value: [{ value: sam.id }] });
    expect(swapped.action).toBe('add_members');
    expect(swapped.changes).toEqual([
      { attribute: 'members added', before: null, after: '["sam@acme.com"]' },
      { attribute: 'members removed', before: '["jane.doe@acme.com"]', after: null },
    ]);
    const emptied = await patch({ op: 'replace', path: 'members', value: [] });
    expect(emptied).toMatchObject({ action: 'remove_members', outcome: 'success' });

    const unlinked = await step('DELETE', `/Groups/${groupId}`, undefined, 204);
    expect(unlinked).toMatchObject({
      action: 'unlink_group',
      resourceId: groupId,
      resourceName: 'Engineers',
      changes: [{ attribute: 'displayName', before: '"Engineers"', after: null }],
    });
  });

  it('a refused request is an error with its SCIM detail and subject', async () => {
    const duplicate = await step('POST', '/Users', oktaUser('Jane.Doe@ACME.com'), 409);
    expect(duplicate).toMatchObject({
      action: 'create_user',
      outcome: 'error',
      resourceName: 'Jane.Doe@ACME.com',
      error: 'A user with userName "Jane.Doe@ACME.com" already exists.',
      changes: [],
    });
    const missing = await step('PATCH', '/Users/no-such-id', deactivate, 404);
    expect(missing).toMatchObject({
      action: 'deactivate_user',
      outcome: 'error',
      resourceType: 'User',
      resourceId: 'no-such-id',
    });
    expect(missing.error).toMatch(/no-such-id/);
    const doomed = (await rig.scim('POST', '/Groups', { displayName: 'Doomed' })).json().id;
    await rig.scim('DELETE', `/Groups/${doomed}`);
    const badRename = await step(
      'PATCH',
      `/Groups/${doomed}`,
      { schemas: PATCH_OP, Operations: [{ op: 'replace', value: { displayName: 'X' } }] },
      404,
    );
    expect(badRename).toMatchObject({
      action: 'rename_group',
      outcome: 'error',
      resourceId: doomed,
    });
  });

  it('a 50,000-member push keeps its entry small', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++)
      ids.push((await rig.scim('POST', '/Users', { userName: `m${i}@acme.com` })).json().id);
    const group = await rig.scim('POST', '/Groups', {
      displayName: 'Everyone',
      members: ids.map((value) => ({ value })),
    });
    expect(group.statusCode).toBe(201);
    const entry = await rig.latest();
    const list = JSON.parse(change(entry, 'members added')?.after ?? '[]') as string[];
    expect(list).toHaveLength(21);
    expect(list.at(-1)).toBe('and 10 more');
  });
});

describe("Okta's reads each have their own action, never 'other'", () => {
  let user: { id: string };
  let group: { id: string };
  beforeAll(async () => {
    user = (await rig.scim('POST', '/Users', oktaUser('reader@acme.com'))).json();
    group = (await rig.scim('POST', '/Groups', { displayName: 'Readers', members: [] })).json();
  });

  const lookup = 'filter=userName%20eq%20%22reader%40acme.com%22';
  const cases: Array<[string, () => string, Partial<ProvisioningEntry>]> = [
    // Before a create, on Test connector configuration, on import: with and without paging.
    ['user lookup', () => `/Users?${lookup}`, { action: 'lookup_user', resourceType: 'User' }],
    [
      'user lookup, paged',
      () => `/Users?${lookup}&startIndex=1&count=100`,
      { action: 'lookup_user' },
    ],
    [
      'user lookup, one result',
      () => `/Users?${lookup}&startIndex=1&count=1`,
      { action: 'lookup_user' },
    ],
    [
      'user lookup, one of two',
      () => `/Users?${lookup}&startIndex=1&count=2`,
      { action: 'lookup_user' },
    ],
    ['Test the Integration', () => '/Users?startIndex=1&count=2', { action: 'test_connection' }],
    ['import, first page', () => '/Users?startIndex=1&count=100', { action: 'import' }],
    ['import, next page', () => '/Users?startIndex=101&count=100', { action: 'import' }],
    ['list without paging', () => '/Users', { action: 'import' }],
    [
      'user read',
      () => `/Users/${user.id}`,
      { action: 'get_user', resourceName: 'reader@acme.com' },
    ],
    [
      'group lookup',
      () => '/Groups?filter=displayName%20eq%20%22Readers%22',
      { action: 'lookup_group', resourceType: 'Group', resourceName: 'Readers' },
    ],
    [
      'saving the settings lists groups',
      () => '/Groups?startIndex=1&count=100',
      { action: 'import' },
    ],
    ['group read', () => `/Groups/${group.id}`, { action: 'get_group', resourceName: 'Readers' }],
    ['configuration read', () => '/ServiceProviderConfig', { action: 'read_configuration' }],
  ];

  it.each(cases)('%s', async (_name, path, expected) => {
    const entry = await step('GET', path(), undefined, 200);
    expect(entry).toMatchObject({ outcome: 'success', ...expected });
  });

  it('a user lookup names the user even when it finds nobody', async () => {
    const entry = await step(
      'GET',
      '/Users?filter=userName%20eq%20%22nobody%40acme.com%22',
      undefined,
      200,
    );
    expect(entry).toMatchObject({ action: 'lookup_user', resourceName: 'nobody@acme.com' });
  });

  it('a user delete (not sent by Okta, but served) is a delete', async () => {
    const doomed = (await rig.scim('POST', '/Users', oktaUser('doomed@acme.com'))).json();
    const entry = await step('DELETE', `/Users/${doomed.id}`, undefined, 204);
    expect(entry).toMatchObject({ action: 'delete_user', resourceId: doomed.id });
  });

  it('the action filter selects the lookups', async () => {
    const page = await rig.activity('action=lookup_user&pageSize=200');
    expect(page.total).toBeGreaterThanOrEqual(5);
    expect(new Set(page.entries.map((e) => e.action))).toEqual(new Set(['lookup_user']));
    expect((await rig.activity('action=other')).total).toBe(0);
  });
});
