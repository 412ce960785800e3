import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getLicenceTotals, listUsers, userList } from '../../shared/api/users';
import { expectContractAnswer } from '../../testing/contract-answer';
import { type Console, startConsole } from './licence-fixtures';

let c: Console;
beforeEach(async () => {
  c = await startConsole();
});
afterEach(() => c.close());

async function users(query = '') {
  const response = await c.admin.inject({ method: 'GET', url: `/api/users${query}` });
  expectContractAnswer(listUsers, response);
  expect(response.statusCode, response.body).toBe(200);
  return userList.parse(response.json());
}

async function totals() {
  const response = await c.admin.inject({ method: 'GET', url: '/api/users/totals' });
  expectContractAnswer(getLicenceTotals, response);
  return response.json();
}

async function map(groupName: string, capability: 'basic' | 'pro') {
  const response = await c.admin.inject({
    method: 'POST',
    url: '/api/directory-groups',
    payload: { groupName, capability },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as number;
}

/** pro: in Leads (Pro) and Everyone (Basic); basic: Everyone; none: no mapped group. */
async function seed() {
  const pro = await c.pushUser('ada.lovelace@acme.com');
  const basic = await c.pushUser('bob.smith@acme.com', {
    emails: [
      { value: 'bob.work@acme.com', type: 'work', primary: false },
      { value: 'bob.smith@acme.com', type: 'work', primary: true },
    ],
  });
  const none = await c.pushUser('carol.jones@acme.com');
  const gone = await c.pushUser('dan.brown@acme.com');
  await c.setActive(gone, false);
  await c.pushGroup('Everyone', [pro, basic, gone]);
  await c.pushGroup('Leads', [pro]);
  await c.pushGroup('Book club', [none, pro]);
  await map('Everyone', 'basic');
  const leads = await map('Leads', 'pro');
  return { pro, basic, none, gone, leads };
}

describe('the users view', () => {
  it('lists users with name, email, status, licence and groups (mapped first)', async () => {
    await seed();
    const list = await users();
    expect(list.total).toBe(4);
    expect(list.users.map((u) => [u.userName, u.licence, u.active])).toEqual([
      ['ada.lovelace@acme.com', 'pro', true],
      ['bob.smith@acme.com', 'basic', true],
      ['carol.jones@acme.com', 'none', true],
      ['dan.brown@acme.com', 'basic', false],
    ]);
    const [ada, bob] = list.users;
    expect(ada).toMatchObject({
      name: 'ada lovelace',
      email: 'ada.lovelace@acme.com',
      groupCount: 3,
    });
    expect(ada?.groups).toEqual([
      { name: 'Leads', capability: 'pro' },
      { name: 'Everyone', capability: 'basic' },
      { name: 'Book club', capability: null },
    ]);
    expect(bob?.email).toBe('bob.smith@acme.com');
    expect(ada?.lastSignInAt).toBeNull();
  });

  it('totals seats: Pro, Basic and none among active users; deactivated apart', async () => {
    const { leads } = await seed();
    expect(await totals()).toEqual({ pro: 1, basic: 1, none: 1, deactivated: 1 });
    await c.admin.inject({ method: 'DELETE', url: `/api/directory-groups/${leads}` });
    expect(await totals()).toEqual({ pro: 0, basic: 2, none: 1, deactivated: 1 });
  });

  it('filters by licence and status, and searches names and emails by prefix', async () => {
    await seed();
    const names = async (q: string) => (await users(q)).users.map((u) => u.userName);
    expect(await names('?licence=pro')).toEqual(['ada.lovelace@acme.com']);
    expect(await names('?licence=basic')).toEqual(['bob.smith@acme.com', 'dan.brown@acme.com']);
    expect(await names('?licence=basic&status=active')).toEqual(['bob.smith@acme.com']);
    expect(await names('?licence=none')).toEqual(['carol.jones@acme.com']);
    expect(await names('?status=deactivated')).toEqual(['dan.brown@acme.com']);
    expect(await names('?q=CAROL')).toEqual(['carol.jones@acme.com']);
    expect(await names('?q=jones')).toEqual(['carol.jones@acme.com']);
    expect(await names('?q=bob.work')).toEqual(['bob.smith@acme.com']);
    expect(await names('?q=bob smith')).toEqual(['bob.smith@acme.com']);
    expect(await names('?q=%25')).toEqual([]);
    expect((await users('?q=a&licence=pro')).total).toBe(1);
  });

  it('pages and sorts on the server, with the total across pages', async () => {
    for (let i = 0; i < 12; i++) await c.pushUser(`user${String(i).padStart(2, '0')}@acme.com`);
    const page2 = await users('?page=2&pageSize=5');
    expect(page2).toMatchObject({ total: 12, page: 2, pageSize: 5 });
    expect(page2.users.map((u) => u.userName)).toEqual([
      'user05@acme.com',
      'user06@acme.com',
      'user07@acme.com',
      'user08@acme.com',
      'user09@acme.com',
    ]);
    const desc = await users('?sort=userName&order=desc&pageSize=1');
    expect(desc.users[0]?.userName).toBe('user11@acme.com');
    expect((await users('?page=9')).users).toEqual([]);
    expect((await users('?sort=name&pageSize=3')).users).toHaveLength(3);
  });

  it('answers 400 with field messages for bad parameters', async () => {
    const response = await c.admin.inject({
      method: 'GET',
      url: '/api/users?licence=gold&status=gone&pageSize=0&sort=age&extra=1',
    });
    expectContractAnswer(listUsers, response);
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual({
      licence: 'Filter by pro, basic or none.',
      status: 'Filter by active or deactivated.',
      pageSize: 'Give a page size from 1 to 200.',
      sort: 'Sort by userName or name.',
      extra: 'Unknown field: remove it.',
    });
  });
});
