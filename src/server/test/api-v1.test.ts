/** Read-only API keys (made, listed, revoked, audited, never shown twice) and the directory API. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKeyList, createdApiKey } from '../../shared/api/api-keys';
import {
  directoryGroupPage,
  directoryUserDetail,
  directoryUserPage,
  getDirectoryUser,
  listDirectoryGroupsV1,
  listDirectoryUsers,
  listEvents,
} from '../../shared/api/events';
import { expectContractAnswer } from '../../testing/contract-answer';
import { type Console, startConsole } from './licence-fixtures';

let c: Console;
beforeEach(async () => {
  c = await startConsole({}, { eventWorkers: false });
});
afterEach(() => c.close());

async function newKey(name = 'Billing backend') {
  const response = await c.admin.inject({
    method: 'POST',
    url: '/api/api-keys',
    payload: { name },
  });
  expect(response.statusCode, response.body).toBe(201);
  return createdApiKey.parse(response.json());
}

function get(url: string, key: string) {
  return c.harness.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
}

describe('read-only API keys', () => {
  it('are shown once, listed by prefix, audited without the key, and stop working when revoked', async () => {
    const { key, secret } = await newKey();
    expect(secret).toMatch(/^osc_api_[A-Za-z0-9_-]{51}$/);
    const list = await c.admin.inject({ method: 'GET', url: '/api/api-keys' });
    const keys = apiKeyList.parse(list.json()).keys;
    expect(keys).toEqual([expect.objectContaining({ id: key.id, scope: 'read', active: true })]);
    expect(secret.startsWith(keys[0]?.prefix ?? '?')).toBe(true);
    expect((await get('/api/v1/groups', secret)).statusCode).toBe(200);

    const revoked = await c.admin.inject({ method: 'DELETE', url: `/api/api-keys/${key.id}` });
    expect(revoked.statusCode).toBe(204);
    const refused = await get('/api/v1/groups', secret);
    expect(refused.statusCode).toBe(401);
    expect(refused.body).not.toContain(secret);
    const audit = await c.admin.inject({ method: 'GET', url: '/api/audit' });
    expect(audit.body).toContain('Created the read-only API key Billing backend');
    expect(audit.body).toContain('Revoked the API key Billing backend');
    for (const text of [list.body, audit.body, c.harness.logText()]) {
      expect(text).not.toContain(secret.slice(16));
    }
    // A SCIM key is not an API key, and an API key is not a SCIM key.
    expect((await get('/api/v1/groups', 'osc_scim_x')).statusCode).toBe(401);
    const { secret: other } = await newKey('Other');
    const scim = await c.harness.app.inject({
      method: 'GET',
      url: '/scim/v2/Users',
      headers: { authorization: `Bearer ${other}` },
    });
    expect(scim.statusCode).toBe(401);
  });
});

describe('the directory API', () => {
  it('lists users by seat and change time a page at a time, one user with groups, and groups', async () => {
    const { secret } = await newKey();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await c.pushUser(`d${i}@acme.com`));
    const pro = await c.pushGroup('Pro people', ids.slice(0, 3));
    await c.pushGroup('Others', ids.slice(3));
    const mapped = await c.admin.inject({
      method: 'POST',
      url: '/api/directory-groups',
      payload: { groupName: 'Pro people', capability: 'pro' },
    });
    expect(mapped.statusCode).toBe(201);
    await c.setActive(ids[0] as string, false);

    const page1 = await get('/api/v1/users?limit=2', secret);
    expectContractAnswer(listDirectoryUsers, page1);
    const first = directoryUserPage.parse(page1.json());
    expect(first.users.map((u) => u.userName)).toEqual(['d0@acme.com', 'd1@acme.com']);
    expect(first.users[0]).toMatchObject({ active: false, licence: 'none', groupLicence: 'pro' });
    const rest = directoryUserPage.parse(
      (await get(`/api/v1/users?limit=10&cursor=${first.next}`, secret)).json(),
    );
    expect(rest.users).toHaveLength(3);
    expect(rest.next).toBeNull();

    const pros = directoryUserPage.parse((await get('/api/v1/users?licence=pro', secret)).json());
    expect(pros.users.map((u) => u.userName)).toEqual(['d1@acme.com', 'd2@acme.com']);
    const future = directoryUserPage.parse(
      (await get('/api/v1/users?updated_since=2999-01-01T00:00:00Z', secret)).json(),
    );
    expect(future.users).toEqual([]);

    const one = await get(`/api/v1/users/${ids[1]}`, secret);
    expectContractAnswer(getDirectoryUser, one);
    expect(directoryUserDetail.parse(one.json()).groups).toEqual([
      { id: pro, displayName: 'Pro people' },
    ]);
    expect((await get('/api/v1/users/nobody', secret)).statusCode).toBe(404);

    const groups = await get('/api/v1/groups', secret);
    expectContractAnswer(listDirectoryGroupsV1, groups);
    expect(directoryGroupPage.parse(groups.json()).groups).toEqual([
      { id: pro, displayName: 'Pro people', members: 3, licence: 'pro' },
      expect.objectContaining({ displayName: 'Others', members: 2, licence: null }),
    ]);

    for (const [url, field] of [
      ['/api/v1/users?licence=gold', 'licence'],
      ['/api/v1/users?updated_since=yesterday', 'updated_since'],
      ['/api/v1/users?cursor=bogus', 'cursor'],
      ['/api/v1/users?limit=9999', 'limit'],
      ['/api/v1/groups?cursor=e:1:x', 'cursor'],
    ] as const) {
      const response = await get(url, secret);
      expect(response.statusCode, url).toBe(400);
      expect(Object.keys(response.json().fields ?? {}), url).toEqual([field]);
    }
  });
});

describe('failed API-key authentication', () => {
  it('is limited per address with 429 and Retry-After, even for the right key, and never logged', async () => {
    await c.close();
    c = await startConsole({ API_AUTH_MAX_FAILURES_PER_MINUTE: '3' }, { eventWorkers: false });
    const { secret } = await newKey();
    const wrong = (i: number) => `osc_api_${String(i).repeat(51).slice(0, 51)}`;
    for (let i = 1; i <= 3; i++) {
      const refused = await get('/api/v1/events', wrong(i));
      expect(refused.statusCode).toBe(401);
    }
    const limited = await get('/api/v1/events', wrong(4));
    expectContractAnswer(listEvents, limited);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.json().message).toMatch(/Too many requests with a wrong API key/);
    expect((await get('/api/v1/users', secret)).statusCode).toBe(429);
    // SCIM's own limit counts SCIM's failures only.
    const scim = await c.scim('GET', '/Users?startIndex=1&count=1');
    expect(scim.status).toBe(200);

    const logged = c.harness.logText();
    expect(logged).toContain('"status":429');
    for (const key of [secret, wrong(1), wrong(4)]) expect(logged).not.toContain(key.slice(8));
  });
});
