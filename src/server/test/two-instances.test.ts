/**
 * Two instances of the server on one database (on PostgreSQL each with its own pool): nothing an
 * instance keeps in memory may make it answer differently from the other. Sessions and CSRF,
 * rate limits, licence totals, the deprovisioning hold, sync health, SCIM paging, and SCIM
 * uniqueness and memberships under two writers.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { syncHealth } from '../../shared/api/activity';
import { scimSummary } from '../../shared/api/scim-summary';
import type { Harness } from '../../testing/server-harness';
import { TEST_ADMIN } from '../../testing/server-harness';
import { onPostgres } from '../../testing/test-database';
import { startTwoInstances, type TwoInstances } from '../../testing/two-instances';
import { oktaUser, scimClient } from '../http/scim/testing';
import { AccessKeysService, KEY_RECHECK_MS } from '../services/access-keys';
import { FLUSH_AFTER_MS } from '../services/scim/activity';

const PATCH_OP = ['urn:ietf:params:scim:api:messages:2.0:PatchOp'];
let two: TwoInstances;
afterEach(() => two?.close());

async function start(env: Record<string, string> = {}) {
  two = await startTwoInstances({ env });
  const { secret } = await new AccessKeysService(two.a.db).create(TEST_ADMIN.email);
  const scim = (
    h: Harness,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
  ) => scimClient(h.app, secret)(method, path, body);
  return { scim };
}

const statuses = (responses: LightMyRequestResponse[]) =>
  responses.map((r) => r.statusCode).sort((x, y) => x - y);

describe('two instances on one database', () => {
  it('share admin sessions and CSRF tokens: signed in on A, changes and signs out on B', async () => {
    await start();
    const onA = await two.a.signIn();
    const onB = (options: Parameters<typeof onA.inject>[0]) =>
      two.b.app.inject({
        ...options,
        headers: { cookie: onA.cookieHeader, 'x-csrf-token': onA.session.csrfToken },
      });
    const seen = await onB({ method: 'GET', url: '/api/session' });
    expect(seen.json()).toMatchObject({ admin: { email: TEST_ADMIN.email } });
    const key = await onB({ method: 'POST', url: '/api/access-keys' });
    expect(key.statusCode).toBe(201);
    const wrongCsrf = await two.b.app.inject({
      method: 'POST',
      url: '/api/access-keys',
      headers: { cookie: onA.cookieHeader, 'x-csrf-token': 'not-the-token' },
    });
    expect(wrongCsrf.statusCode).toBe(403);
    expect((await onB({ method: 'DELETE', url: '/api/session' })).statusCode).toBe(204);
    expect((await onA.inject({ method: 'GET', url: '/api/users' })).statusCode).toBe(401);
  });

  it('count failed sign-ins together: the limit holds across instances', async () => {
    await start({ SIGNIN_MAX_FAILURES_PER_MINUTE: '3' });
    const attempt = (h: Harness, password: string) =>
      h.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: TEST_ADMIN.email, password },
        remoteAddress: '198.51.100.7',
      });
    expect((await attempt(two.a, 'wrong-1')).statusCode).toBe(401);
    expect((await attempt(two.b, 'wrong-2')).statusCode).toBe(401);
    expect((await attempt(two.a, 'wrong-3')).statusCode).toBe(401);
    const blocked = await attempt(two.b, TEST_ADMIN.password);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt(two.a, TEST_ADMIN.password)).statusCode).toBe(429);
  });

  it('count failed SCIM authentications together', async () => {
    await start({ SCIM_AUTH_MAX_FAILURES_PER_MINUTE: '2' });
    const wrong = (h: Harness) =>
      h.app.inject({
        method: 'GET',
        url: '/scim/v2/Users',
        headers: { authorization: 'Bearer wrong-key' },
        remoteAddress: '198.51.100.8',
      });
    expect((await wrong(two.a)).statusCode).toBe(401);
    expect((await wrong(two.b)).statusCode).toBe(401);
    expect((await wrong(two.a)).statusCode).toBe(429);
  });

  it('refuse a SCIM key revoked on A: at once on A, on B within KEY_RECHECK_MS', async () => {
    const { scim } = await start();
    // Both have just checked the key, and may trust it for a moment.
    expect((await scim(two.a, 'GET', '/Users?count=1')).statusCode).toBe(200);
    expect((await scim(two.b, 'GET', '/Users?count=1')).statusCode).toBe(200);
    const admin = await two.a.session();
    const [key] = (await admin.inject({ method: 'GET', url: '/api/access-keys' })).json().keys;
    const revoked = await admin.inject({ method: 'DELETE', url: `/api/access-keys/${key.id}` });
    expect(revoked.statusCode).toBe(204);
    const revokedAt = Date.now();
    expect((await scim(two.a, 'GET', '/Users?count=1')).statusCode).toBe(401);
    await sleep(Math.max(0, revokedAt + KEY_RECHECK_MS - Date.now()));
    expect((await scim(two.b, 'GET', '/Users?count=1')).statusCode).toBe(401);
  });

  it('show the same users, licence totals and sync health, however often they are asked', async () => {
    const { scim } = await start();
    const adminB = await two.b.session();
    const totals = async () =>
      (await adminB.inject({ method: 'GET', url: '/api/users/totals' })).json();
    expect(await totals()).toEqual({ pro: 0, basic: 0, none: 0, deactivated: 0 });
    // B has answered (and may keep an answer); A writes.
    const user = (await scim(two.a, 'POST', '/Users', oktaUser('ana.lima@acme.com'))).json();
    const group = await scim(two.a, 'POST', '/Groups', {
      displayName: 'Engineering',
      members: [{ value: user.id }],
    });
    expect(group.statusCode).toBe(201);
    expect(await totals()).toEqual({ pro: 0, basic: 0, none: 1, deactivated: 0 });
    const adminA = await two.a.session();
    const mapped = await adminA.inject({
      method: 'POST',
      url: '/api/directory-groups',
      payload: { groupName: 'Engineering', capability: 'pro' },
    });
    expect(mapped.statusCode).toBe(201);
    expect(await totals()).toEqual({ pro: 1, basic: 0, none: 0, deactivated: 0 });
    const users = (await adminB.inject({ method: 'GET', url: '/api/users' })).json();
    expect(users.users).toMatchObject([{ userName: 'ana.lima@acme.com', licence: 'pro' }]);
    const summary = scimSummary.parse(
      (await adminB.inject({ method: 'GET', url: '/api/scim/summary' })).json(),
    );
    expect(summary.users).toEqual({ active: 1, deactivated: 0 });
    if (onPostgres()) {
      // Each instance writes its request log in batches, FLUSH_AFTER_MS.postgres after the
      // answers: B sees A's requests once that batch is written (the bound leaves a loaded
      // machine time to write it). SQLite is one process per file, never two instances: a
      // reader flushes its own queue.
      const batchWritten = { timeout: FLUSH_AFTER_MS.postgres + 2000, interval: 50 };
      await expect
        .poll(async () => {
          const later = (await adminB.inject({ method: 'GET', url: '/api/scim/summary' })).json();
          return scimSummary.parse(later).lastRequest?.method;
        }, batchWritten)
        .toBe('POST');
      const health = syncHealth.parse(
        (await adminB.inject({ method: 'GET', url: '/api/sync-health' })).json(),
      );
      expect(health.lastByAction.map((a) => a.action)).toContain('create_user');
    }
  });

  it('hold one deprovisioning burst for deactivations spread over both, undone on either', async () => {
    const { scim } = await start();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const h = i % 2 ? two.b : two.a;
      ids.push((await scim(h, 'POST', '/Users', { userName: `u${i}@acme.com` })).json().id);
    }
    const deactivate = {
      schemas: PATCH_OP,
      Operations: [{ op: 'replace', value: { active: false } }],
    };
    const responses = await Promise.all(
      ids
        .slice(0, 6)
        .map((id, i) => scim(i % 2 ? two.b : two.a, 'PATCH', `/Users/${id}`, deactivate)),
    );
    expect(statuses(responses)).toEqual(Array(6).fill(200));
    const adminA = await two.a.session();
    const adminB = await two.b.session();
    const health = syncHealth.parse(
      (await adminB.inject({ method: 'GET', url: '/api/sync-health' })).json(),
    );
    expect(health.openBursts).toHaveLength(1);
    expect(health.openBursts[0]).toMatchObject({ deactivated: 6 });
    const id = health.openBursts[0]?.id;
    const undo = await adminA.inject({
      method: 'POST',
      url: `/api/deprovisioning-bursts/${id}/reactivate`,
    });
    expect(undo.statusCode).toBe(200);
    const again = await adminB.inject({
      method: 'POST',
      url: `/api/deprovisioning-bursts/${id}/reactivate`,
    });
    expect(again.statusCode).toBe(409);
    const active = await scim(two.b, 'GET', '/Users?filter=active%20eq%20true');
    expect(active.json().totalResults).toBe(10);
  });

  it('page Okta imports right on B after A deleted users between pages', async () => {
    const { scim } = await start();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push((await scim(two.a, 'POST', '/Users', { userName: `p${i}@acme.com` })).json().id);
    }
    const page = async (start: number) =>
      (await scim(two.b, 'GET', `/Users?startIndex=${start}&count=2`)).json();
    expect((await page(1)).Resources.map((r: { userName: string }) => r.userName)).toEqual([
      'p0@acme.com',
      'p1@acme.com',
    ]);
    expect((await scim(two.a, 'DELETE', `/Users/${ids[0]}`)).statusCode).toBe(204);
    const second = await page(3);
    expect(second.totalResults).toBe(5);
    expect(second.Resources.map((r: { userName: string }) => r.userName)).toEqual([
      'p3@acme.com',
      'p4@acme.com',
    ]);
  });
});

describe('two writers', () => {
  it('50 concurrent creates of one user over both instances: one 201 and 49 × 409 uniqueness', async () => {
    const { scim } = await start();
    const names = Array.from({ length: 50 }, (_, i) =>
      i % 3 ? 'race.user@acme.com' : 'RACE.User@acme.com',
    );
    const responses = await Promise.all(
      names.map((n, i) => scim(i % 2 ? two.b : two.a, 'POST', '/Users', oktaUser(n))),
    );
    expect(statuses(responses)).toEqual([201, ...Array(49).fill(409)]);
    for (const r of responses.filter((r) => r.statusCode === 409)) {
      expect(r.json()).toMatchObject({ status: '409', scimType: 'uniqueness' });
    }
    const found = await scim(
      two.b,
      'GET',
      '/Users?filter=userName%20eq%20%22race.user%40acme.com%22',
    );
    expect(found.json().totalResults).toBe(1);
  });

  it('concurrent member PATCHes of one group from both instances lose no member', async () => {
    const { scim } = await start();
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      ids.push((await scim(two.a, 'POST', '/Users', { userName: `m${i}@acme.com` })).json().id);
    }
    const group = (await scim(two.a, 'POST', '/Groups', { displayName: 'Everyone' })).json();
    const responses = await Promise.all(
      ids.map((id, i) =>
        scim(i % 2 ? two.b : two.a, 'PATCH', `/Groups/${group.id}`, {
          schemas: PATCH_OP,
          Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }],
        }),
      ),
    );
    expect(statuses(responses)).toEqual(Array(40).fill(204));
    const read = (await scim(two.b, 'GET', `/Groups/${group.id}`)).json();
    expect(read.members.map((m: { value: string }) => m.value).sort()).toEqual([...ids].sort());
    // A rename on A and member removals on B at once: both kept.
    const [renamed, removed] = await Promise.all([
      scim(two.a, 'PATCH', `/Groups/${group.id}`, {
        schemas: PATCH_OP,
        Operations: [{ op: 'replace', value: { displayName: 'All staff' } }],
      }),
      scim(two.b, 'PATCH', `/Groups/${group.id}`, {
        schemas: PATCH_OP,
        Operations: [{ op: 'remove', path: 'members', value: [{ value: ids[0] }] }],
      }),
    ]);
    expect([renamed?.statusCode, removed?.statusCode]).toEqual([204, 204]);
    const after = (await scim(two.a, 'GET', `/Groups/${group.id}`)).json();
    expect(after.displayName).toBe('All staff');
    expect(after.members).toHaveLength(39);
  });

  it('record each of 30 concurrent SCIM requests once, readable on the other instance a batch later', async () => {
    const { scim } = await start();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        scim(i % 2 ? two.b : two.a, 'POST', '/Users', oktaUser(`r${i}@acme.com`)),
      ),
    );
    expect(statuses(answers)).toEqual(Array(30).fill(201));
    const logged = async (h: Harness) => {
      const admin = await h.session();
      const url = '/api/activity/provisioning?pageSize=100';
      const page = (await admin.inject({ method: 'GET', url })).json();
      return page.entries.map((e: { resourceName: string }) => e.resourceName).sort();
    };
    // Each instance writes its log in batches. On PostgreSQL a batch is written
    // FLUSH_AFTER_MS.postgres after the answers (the bound leaves a loaded machine time to
    // write it); SQLite (one process per file) waits up to a second, and a reader flushes its
    // own instance's queue: B's first.
    const all = Array.from({ length: 30 }, (_, i) => `r${i}@acme.com`).sort();
    if (onPostgres()) {
      await expect
        .poll(() => logged(two.a), { timeout: FLUSH_AFTER_MS.postgres + 2000, interval: 50 })
        .toEqual(all);
    } else {
      await logged(two.b);
      expect(await logged(two.a)).toEqual(all);
    }
  });
});
