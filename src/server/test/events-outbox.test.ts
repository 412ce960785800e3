/**
 * The outbox: each SCIM and admin change writes its events in its own transaction, licence
 * changes carry before/after/cause, a mapping change fans out one event per person, and the
 * events API pages them in order with cursors it can check.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventPage, listEvents } from '../../shared/api/events';
import { expectContractAnswer } from '../../testing/contract-answer';
import { ApiKeysService } from '../services/api-keys';
import { FanoutWorker } from '../services/events/fanout';
import { type Console, startConsole } from './licence-fixtures';

let c: Console;
let apiKey: string;
beforeEach(async () => {
  // The loop is off: the test runs the fan-out itself, so nothing happens behind its back.
  c = await startConsole({}, { eventWorkers: false });
  apiKey = (await new ApiKeysService(c.harness.db).create('App', 'ada@example.test')).secret;
});
afterEach(() => c.close());

async function events(after?: string, limit = 1000) {
  const query = new URLSearchParams({ limit: String(limit), ...(after ? { after } : {}) });
  const response = await c.harness.app.inject({
    method: 'GET',
    url: `/api/v1/events?${query}`,
    headers: { authorization: `Bearer ${apiKey}` },
  });
  expectContractAnswer(listEvents, response);
  expect(response.statusCode, response.body).toBe(200);
  return eventPage.parse(response.json());
}

const brief = (e: { type: string; data: Record<string, unknown> }) => {
  const d = e.data as {
    before?: string;
    after?: string;
    cause?: string;
    user?: { userName: string };
  };
  return e.type === 'user.licence_changed'
    ? `${e.type} ${d.user?.userName} ${d.before}->${d.after} (${d.cause})`
    : e.type;
};

async function map(groupName: string, capability: 'basic' | 'pro') {
  const response = await c.admin.inject({
    method: 'POST',
    url: '/api/directory-groups',
    payload: { groupName, capability },
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: number }).id;
}

describe('the outbox', () => {
  it('writes one event per change, with licence moves and their causes', async () => {
    const ann = await c.pushUser('ann@acme.com');
    const bob = await c.pushUser('bob@acme.com');
    const eng = await c.pushGroup('Engineering');
    await map('Engineering', 'basic');
    await c.addMembers(eng, [ann, bob]);
    await c.setActive(bob, false);
    await c.renameGroup(eng, 'Eng');
    const { events: list } = await events();
    expect(list.map(brief)).toEqual([
      'user.created',
      'user.created',
      'group.created',
      'mapping.changed',
      'user.licence_changed ann@acme.com none->basic (group_membership)',
      'user.licence_changed bob@acme.com none->basic (group_membership)',
      'user.deactivated',
      'user.licence_changed bob@acme.com basic->none (deactivation)',
      'group.renamed',
    ]);
    expect(list[8]?.data).toMatchObject({
      group: { id: eng, displayName: 'Eng' },
      previousName: 'Engineering',
    });
    expect(JSON.stringify(list)).not.toMatch(/password/i);
  });

  it('fans a mapping change out per person, in batches, after the mapping.changed event', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push(await c.pushUser(`p${i}@acme.com`));
    const sales = await c.pushGroup('Sales', ids);
    const mappingId = await map('Sales', 'basic');
    const worker = new FanoutWorker(c.harness.db, { maxBatch: 10, targetMs: 60_000 });
    while (await worker.runOnce()) {}
    const afterAdd = (await events()).events.filter((e) => e.type === 'user.licence_changed');
    expect(afterAdd).toHaveLength(25);

    const change = await c.admin.inject({
      method: 'PATCH',
      url: `/api/directory-groups/${mappingId}`,
      payload: { capability: 'pro' },
    });
    expect(change.statusCode).toBe(200);
    // Before the worker runs, a SCIM change to one of them writes that person's pending event first.
    await c.setActive(ids[3] as string, false);
    let batches = 0;
    while (await worker.runOnce()) batches++;
    expect(batches).toBeGreaterThanOrEqual(3);
    const all = (await events()).events;
    const mapped = all.findLastIndex((e) => e.type === 'mapping.changed');
    expect(all[mapped]?.data).toMatchObject({
      members: 25,
      mapping: { before: 'basic', after: 'pro' },
    });
    const p3 = all.slice(mapped).filter((e) => JSON.stringify(e.data).includes('p3@acme.com'));
    expect(p3.map(brief)).toEqual([
      'user.licence_changed p3@acme.com basic->pro (mapping_change)',
      'user.deactivated',
      'user.licence_changed p3@acme.com pro->none (deactivation)',
    ]);
    const moves = all.slice(mapped).filter((e) => brief(e).includes('basic->pro (mapping_change)'));
    expect(moves).toHaveLength(25);
    void sales;
  });

  it('pages in order with cursors, and refuses a cursor it never gave out', async () => {
    for (let i = 0; i < 7; i++) await c.pushUser(`u${i}@acme.com`);
    const first = await events(undefined, 3);
    expect(first.events).toHaveLength(3);
    expect(first.hasMore).toBe(true);
    const second = await events(first.next, 3);
    const third = await events(second.next, 3);
    expect(third.hasMore).toBe(false);
    const ids = [...first.events, ...second.events, ...third.events].map((e) => e.id);
    expect(new Set(ids).size).toBe(7);
    const again = await events(third.next, 3);
    expect(again.events).toEqual([]);
    expect(again.next).toBe(third.next);

    for (const bad of [
      'nonsense',
      Buffer.from('e:3:evt_forged').toString('base64url'),
      'x'.repeat(300),
    ]) {
      const response = await c.harness.app.inject({
        method: 'GET',
        url: `/api/v1/events?after=${bad}`,
        headers: { authorization: `Bearer ${apiKey}` },
      });
      expect(response.statusCode, bad).toBe(400);
      expect(Object.keys(response.json().fields ?? {})).toEqual(['after']);
    }
    const noKey = await c.harness.app.inject({ method: 'GET', url: '/api/v1/events' });
    expect(noKey.statusCode).toBe(401);
    const badLimit = await c.harness.app.inject({
      method: 'GET',
      url: '/api/v1/events?limit=0',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.json().fields).toEqual({ limit: 'Give a whole number from 1 to 1000.' });
  });
});
