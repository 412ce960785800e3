import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDirectoryGroup,
  type DirectoryGroupView,
  deleteDirectoryGroup,
  directoryGroupList,
  listDirectoryGroups,
  previewSeatEffect,
  suggestDirectoryGroups,
  updateDirectoryGroup,
} from '../../shared/api/directory-groups';
import { expectContractAnswer } from '../../testing/contract-answer';
import { type Console, startConsole } from './licence-fixtures';

let c: Console;
beforeEach(async () => {
  c = await startConsole();
});
afterEach(() => c.close());

async function create(groupName: string, capability: 'basic' | 'pro', addAnyway?: boolean) {
  const response = await c.admin.inject({
    method: 'POST',
    url: '/api/directory-groups',
    payload: { groupName, capability, ...(addAnyway === undefined ? {} : { addAnyway }) },
  });
  return { response, error: expectContractAnswer(createDirectoryGroup, response) };
}

async function mapped(groupName: string, capability: 'basic' | 'pro', addAnyway?: boolean) {
  const { response } = await create(groupName, capability, addAnyway);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as DirectoryGroupView;
}

async function list(query = '') {
  const response = await c.admin.inject({ method: 'GET', url: `/api/directory-groups${query}` });
  expectContractAnswer(listDirectoryGroups, response);
  expect(response.statusCode, response.body).toBe(200);
  return directoryGroupList.parse(response.json());
}

async function effect(query: string) {
  const response = await c.admin.inject({
    method: 'GET',
    url: `/api/directory-groups/seat-effect?${query}`,
  });
  expectContractAnswer(previewSeatEffect, response);
  return response;
}

describe('mapping a pushed group', () => {
  it('maps by exact name and shows members, status and who added it', async () => {
    const jane = await c.pushUser('jane.doe@acme.com');
    const joe = await c.pushUser('joe.bloggs@acme.com');
    await c.pushGroup('Chime Pro', [jane, joe]);
    const view = await mapped('Chime Pro', 'pro');
    expect(view).toMatchObject({
      name: 'Chime Pro',
      previousName: null,
      capability: 'pro',
      members: 2,
      status: 'synced',
      createdBy: 'ada@example.test',
    });
    expect((await list()).groups).toEqual([view]);
  });

  it('says the group was not found, why, and that it can be added anyway', async () => {
    const { response, error } = await create('Chime Pro', 'pro');
    expect(response.statusCode).toBe(400);
    expect(error?.code).toBe('group_not_found');
    expect(error?.message).toMatch(/not found/);
    expect(error?.message).toMatch(/Okta may not have finished pushing it/);
    expect(error?.message).toMatch(/wait a few minutes and try again/);
    expect(error?.message).toMatch(/add it anyway/);
    expect(error?.fields?.groupName).toBe(error?.message);
    expect((await list()).total).toBe(0);
  });

  it('matches the name exactly, capitals included, and hints at the near miss', async () => {
    await c.pushGroup('Chime Pro');
    const { response, error } = await create('chime pro', 'pro');
    expect(response.statusCode).toBe(400);
    expect(error?.code).toBe('group_not_found');
    expect(error?.message).toContain('Okta pushed "Chime Pro"');
  });

  it('adds a group anyway, waiting, and binds it by itself when Okta pushes it', async () => {
    const waiting = await mapped('Chime Basic', 'basic', true);
    expect(waiting).toMatchObject({ status: 'waiting', members: 0, name: 'Chime Basic' });
    const jane = await c.pushUser('jane.doe@acme.com');
    await c.pushGroup('Chime Basic', [jane]);
    const [row] = (await list()).groups;
    expect(row).toMatchObject({ id: waiting.id, status: 'synced', members: 1 });
  });

  it('does not bind a waiting mapping to a name that differs in case', async () => {
    await mapped('Chime Basic', 'basic', true);
    await c.pushGroup('chime basic');
    expect((await list()).groups[0]?.status).toBe('waiting');
  });

  it('refuses to map a group twice (409), bound or waiting', async () => {
    await c.pushGroup('Chime Pro');
    await mapped('Chime Pro', 'pro');
    const again = await create('Chime Pro', 'basic');
    expect(again.response.statusCode).toBe(409);
    expect(again.error?.message).toMatch(/already mapped \(to Pro\)/);
    await mapped('Later', 'basic', true);
    expect((await create('Later', 'pro', true)).response.statusCode).toBe(409);
  });

  it('keeps the mapping through a rename and shows the old name', async () => {
    const id = await c.pushGroup('Chime Pro');
    const view = await mapped('Chime Pro', 'pro');
    await c.renameGroup(id, 'Chime Pro Users');
    await c.renameGroup(id, 'Chime Pro Users'); // Okta repeats it with every membership update
    const [row] = (await list()).groups;
    expect(row).toMatchObject({
      id: view.id,
      name: 'Chime Pro Users',
      previousName: 'Chime Pro',
      status: 'synced',
    });
    // The new name is taken; the old one is free for another group.
    expect((await create('Chime Pro Users', 'basic')).response.statusCode).toBe(409);
  });

  it('shows a deleted group as no longer pushed, with its last name', async () => {
    const id = await c.pushGroup('Chime Pro');
    await mapped('Chime Pro', 'pro');
    await c.renameGroup(id, 'Chime Pro 2');
    await c.deleteGroup(id);
    const [row] = (await list()).groups;
    expect(row).toMatchObject({
      status: 'no-longer-pushed',
      name: 'Chime Pro 2',
      previousName: 'Chime Pro',
      members: 0,
    });
  });

  it('binds a no-longer-pushed mapping again when Okta pushes the group anew (unlink, push)', async () => {
    const first = await c.pushGroup('Chime Pro');
    const view = await mapped('Chime Pro', 'pro');
    await c.deleteGroup(first);
    // While unlinked, the name cannot be mapped a second time.
    expect((await create('Chime Pro', 'basic')).response.statusCode).toBe(409);
    await c.pushGroup('Chime Pro');
    const { groups } = await list();
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      id: view.id,
      status: 'synced',
      name: 'Chime Pro',
      previousName: null,
      capability: 'pro',
    });
  });

  it('changes the capability and removes a mapping; 404 for an unknown one', async () => {
    await c.pushGroup('Chime Pro');
    const view = await mapped('Chime Pro', 'pro');
    const patched = await c.admin.inject({
      method: 'PATCH',
      url: `/api/directory-groups/${view.id}`,
      payload: { capability: 'basic' },
    });
    expectContractAnswer(updateDirectoryGroup, patched);
    expect(patched.json()).toMatchObject({ id: view.id, capability: 'basic' });
    const removed = await c.admin.inject({
      method: 'DELETE',
      url: `/api/directory-groups/${view.id}`,
    });
    expectContractAnswer(deleteDirectoryGroup, removed);
    expect(removed.statusCode).toBe(204);
    const again = await c.admin.inject({
      method: 'DELETE',
      url: `/api/directory-groups/${view.id}`,
    });
    expect(again.statusCode).toBe(404);
    const missing = await c.admin.inject({
      method: 'PATCH',
      url: '/api/directory-groups/999',
      payload: { capability: 'pro' },
    });
    expectContractAnswer(updateDirectoryGroup, missing);
    expect(missing.statusCode).toBe(404);
  });

  it('names the fields of a bad body', async () => {
    const response = await c.admin.inject({
      method: 'POST',
      url: '/api/directory-groups',
      payload: { groupName: '  ', capability: 'gold', addAnyway: 'yes' },
    });
    const error = expectContractAnswer(createDirectoryGroup, response);
    expect(response.statusCode).toBe(400);
    expect(error?.fields).toEqual({
      groupName: 'Type the name of a group that Okta pushes.',
      capability: 'Choose Basic or Pro.',
      addAnyway: 'Expected true or false.',
    });
  });
});

describe('suggestions for the Group name field', () => {
  it('lists pushed groups by prefix, ignoring case, limited, with mapped flags', async () => {
    for (const name of ['Sales EMEA', 'sales US', 'Support', 'Salesforce admins']) {
      await c.pushGroup(name);
    }
    await mapped('Sales EMEA', 'pro');
    const response = await c.admin.inject({
      method: 'GET',
      url: '/api/directory-groups/suggestions?prefix=SALES&limit=2',
    });
    expectContractAnswer(suggestDirectoryGroups, response);
    expect(
      response.json().groups.map((g: { name: string; mapped: boolean }) => [g.name, g.mapped]),
    ).toEqual([
      ['Sales EMEA', true],
      ['sales US', false],
    ]);
    const bad = await c.admin.inject({
      method: 'GET',
      url: '/api/directory-groups/suggestions?limit=500',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({ limit: 'Give a limit from 1 to 50.' });
  });
});

describe('the seat effect of a change', () => {
  it('counts who moves between Pro, Basic and none, for active users only', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await c.pushUser(`user${i}@acme.com`));
    const [a, b, d, e, f, g] = ids as [string, string, string, string, string, string];
    await c.setActive(g, false);
    await c.pushGroup('Everyone', [a, b, d, e, f, g]);
    await c.pushGroup('Engineers', [a, b]);
    await c.pushGroup('Leads', [d]);
    const everyone = await mapped('Everyone', 'basic');
    await mapped('Leads', 'pro');

    // New mapping: Engineers → Pro moves a and b from Basic to Pro.
    const add = await effect('groupName=Engineers&capability=pro');
    expect(add.json()).toEqual({
      affectedUsers: 2,
      fromNoneToBasic: 0,
      fromNoneToPro: 0,
      fromBasicToPro: 2,
      fromProToBasic: 0,
      fromBasicToNone: 0,
      fromProToNone: 0,
    });
    // Everyone Basic → Pro: a, b, e, f move; d already Pro; g is deactivated.
    const up = await effect(`mappingId=${everyone.id}&capability=pro`);
    expect(up.json()).toMatchObject({ affectedUsers: 5, fromBasicToPro: 4 });
    // Removing Everyone: a, b, e, f lose Basic; d keeps Pro.
    const removal = await effect(`mappingId=${everyone.id}&capability=none`);
    expect(removal.json()).toMatchObject({
      affectedUsers: 5,
      fromBasicToNone: 4,
      fromProToNone: 0,
    });
    // A name Okta has not pushed moves nobody.
    const nothing = await effect('groupName=Nobody&capability=pro');
    expect(nothing.json()).toMatchObject({ affectedUsers: 0, fromNoneToPro: 0 });
  });

  it('answers 404 for an unknown mapping and 400 for a bad query', async () => {
    expect((await effect('mappingId=42&capability=pro')).statusCode).toBe(404);
    const both = await effect('mappingId=1&groupName=x&capability=pro');
    expect(both.statusCode).toBe(400);
    expect(both.json().fields.mappingId).toMatch(/either mappingId/);
    const bad = await effect('mappingId=1&capability=gold');
    expect(bad.json().fields).toEqual({ capability: 'Choose basic, pro or none.' });
  });
});

describe('the table with many groups', () => {
  it('pages, sorts and filters by name on the server', async () => {
    const user = await c.pushUser('jane.doe@acme.com');
    for (let i = 1; i <= 30; i++) {
      const name = `Team ${String(i).padStart(2, '0')}`;
      await c.pushGroup(name, i % 3 === 0 ? [user] : []);
      await mapped(name, i % 2 === 0 ? 'pro' : 'basic');
    }
    await mapped('Zeta waiting', 'pro', true);

    const first = await list('?page=1&pageSize=10');
    expect(first.total).toBe(31);
    expect(first.groups.map((g) => g.name).slice(0, 3)).toEqual(['Team 01', 'Team 02', 'Team 03']);
    const last = await list('?page=4&pageSize=10');
    expect(last.groups.map((g) => g.name)).toEqual(['Zeta waiting']);

    const desc = await list('?sort=name&order=desc&pageSize=2');
    expect(desc.groups.map((g) => g.name)).toEqual(['Zeta waiting', 'Team 30']);

    const byMembers = await list('?sort=members&order=desc&pageSize=10');
    expect(byMembers.groups.every((g) => g.members === 1)).toBe(true);

    const byCapability = await list('?sort=capability&pageSize=15');
    expect(new Set(byCapability.groups.map((g) => g.capability))).toEqual(new Set(['basic']));

    const byDate = await list('?sort=createdAt&order=desc&pageSize=1');
    expect(byDate.groups[0]?.name).toBe('Zeta waiting');

    const filtered = await list('?name=team 1');
    expect(filtered.total).toBe(10);
    expect(filtered.groups.every((g) => g.name.startsWith('Team 1'))).toBe(true);

    const past = await list('?page=99');
    expect(past).toMatchObject({ total: 31, groups: [] });
  });

  it('names bad paging and sorting parameters', async () => {
    const response = await c.admin.inject({
      method: 'GET',
      url: '/api/directory-groups?page=0&pageSize=1000&sort=colour&order=up',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual({
      page: 'Pages start at 1.',
      pageSize: 'Give a page size from 1 to 200.',
      sort: 'Sort by name, capability, members or createdAt.',
      order: 'Sort asc or desc.',
    });
  });
});
