import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../shared/api/errors';
import { exportUsers, getUser, userDetails } from '../../shared/api/user-details';
import { expectContractAnswer } from '../../testing/contract-answer';
import { SignInEvents } from '../services/end-user-auth-events';
import { type Console, startConsole } from './licence-fixtures';

let c: Console;
const ids: Record<string, string> = {};

beforeAll(async () => {
  c = await startConsole();
  ids.ada = await c.pushUser('ada.lovelace@acme.com', { locale: 'en-GB' });
  ids.bob = await c.pushUser('bob.smith@acme.com');
  ids.eve = await c.pushUser('=cmd.evil@acme.com', { displayName: '@SUM(A1)' });
  await c.pushGroup('Everyone', [ids.ada, ids.bob, ids.eve]);
  await c.pushGroup('Leads', [ids.ada]);
  await c.pushGroup('Book club', [ids.ada]);
  for (const [groupName, capability] of [
    ['Everyone', 'basic'],
    ['Leads', 'pro'],
  ]) {
    const mapped = await c.admin.inject({
      method: 'POST',
      url: '/api/directory-groups',
      payload: { groupName, capability },
    });
    expect(mapped.statusCode, mapped.body).toBe(201);
  }
  await c.setActive(ids.bob, false);
  const events = new SignInEvents(c.harness.db);
  await events.record({
    login: 'ada.lovelace@acme.com',
    outcome: 'signed_in',
    reason: null,
    userId: ids.ada,
  });
  // A refusal before the console knew who it was: matched by what they typed.
  await events.record({ login: 'ADA.lovelace@acme.com', outcome: 'refused', reason: 'no_licence' });
  await events.record({ login: 'bob.smith@acme.com', outcome: 'refused', reason: 'deactivated' });
});
afterAll(() => c.close());

const get = async (id: string) => {
  const response = await c.admin.inject({
    method: 'GET',
    url: `/api/users/${encodeURIComponent(id)}`,
  });
  expectContractAnswer(getUser, response);
  return response;
};

describe("a person's page", () => {
  it('has their SCIM attributes, groups with tiers, the licence and the group that gives it', async () => {
    const ada = userDetails.parse((await get(ids.ada ?? '')).json());
    expect(ada).toMatchObject({
      userName: 'ada.lovelace@acme.com',
      name: 'ada lovelace',
      givenName: 'ada',
      familyName: 'lovelace',
      emails: [{ value: 'ada.lovelace@acme.com', type: 'work', primary: true }],
      locale: 'en-GB',
      active: true,
      licence: 'pro',
      licenceReason: { kind: 'group', groupName: 'Leads', capability: 'pro' },
    });
    expect(ada.externalId).toMatch(/^00u/);
    expect(ada.groups.map((g) => [g.name, g.capability])).toEqual([
      ['Leads', 'pro'],
      ['Everyone', 'basic'],
      ['Book club', null],
    ]);
    expect(ada.provisioning.map((e) => e.action)).toContain('create_user');
    expect(ada.provisioning.every((e) => e.resourceId === ids.ada)).toBe(true);
    expect(ada.signIns.map((e) => [e.outcome, e.reason])).toEqual([
      ['refused', 'no_licence'],
      ['signed_in', null],
    ]);
    expect(ada.signIns[0]?.message).toContain('no directory group mapped');
    expect(ada.lastSignInAt).not.toBeNull();
    expect(JSON.stringify(ada)).not.toContain('S3cr3t');
  });

  it('a deactivated person keeps the licence of their groups, and their refusals', async () => {
    const bob = userDetails.parse((await get(ids.bob ?? '')).json());
    expect(bob).toMatchObject({ active: false, licence: 'basic' });
    expect(bob.licenceReason).toMatchObject({ kind: 'group', groupName: 'Everyone' });
    expect(bob.signIns.map((e) => e.reason)).toEqual(['deactivated']);
    expect(bob.provisioning.map((e) => e.action)).toContain('deactivate_user');
  });

  it('an unknown id is 404, a malformed one 400 on the field, never 500', async () => {
    const unknown = await get('8c4f0b7e-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(apiErrorSchema.parse(unknown.json()).message).toBe('No provisioned user has this id.');
    for (const bad of ['has space', 'a/b', "'; drop table scim_users; --"]) {
      const response = await get(bad);
      expect(response.statusCode, bad).toBe(400);
      expect(apiErrorSchema.parse(response.json()).fields?.id, response.body).toBe(
        'This is not a user id: letters, digits and - . _ ~ only.',
      );
    }
    // Longer than any id: Fastify refuses the address before the route (maxParamLength 100).
    const long = await get('x'.repeat(101));
    expect(long.statusCode).toBe(400);
  });
});

describe('the users CSV', () => {
  const csv = async (query = '') => {
    const response = await c.admin.inject({ method: 'GET', url: `/api/users/export${query}` });
    expectContractAnswer(exportUsers, response);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="users-\d{8}-\d{4}\.csv"$/,
    );
    return response.body.trimEnd().split('\r\n');
  };

  it('has every user the filters select, injection-safe, with groups and tiers', async () => {
    const all = await csv();
    expect(all[0]).toBe('email,name,userName,status,licence,groups,lastSignIn');
    expect(all).toHaveLength(4);
    expect(all[1]).toBe(
      `'=cmd.evil@acme.com,'@SUM(A1),'=cmd.evil@acme.com,Active,Basic,Everyone (Basic),`,
    );
    expect(all[2]).toMatch(
      /^ada\.lovelace@acme\.com,ada lovelace,ada\.lovelace@acme\.com,Active,Pro,Leads \(Pro\); Everyone \(Basic\); Book club,\d{4}-/,
    );
    expect(all[3]).toBe(
      'bob.smith@acme.com,bob smith,bob.smith@acme.com,Deactivated,Basic,Everyone (Basic),',
    );
    expect(await csv('?licence=pro')).toHaveLength(2);
    expect(await csv('?status=deactivated&order=desc')).toEqual([all[0], all[3]]);
    expect((await csv('?q=bob'))[1]).toContain('bob.smith');
  });

  it('refuses bad filters with 400 on the field', async () => {
    const response = await c.admin.inject({
      method: 'GET',
      url: '/api/users/export?licence=gold&page=2',
    });
    expect(response.statusCode).toBe(400);
    const fields = apiErrorSchema.parse(response.json()).fields;
    expect(fields?.licence).toBe('Filter by pro, basic or none.');
    expect(fields?.page).toBe('Unknown field: remove it.');
  });
});
