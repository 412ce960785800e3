import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { OKTA_HEADERS, type ScimHarness, scimHarness, signInAdmin } from '../http/scim/testing';
import { AccessKeysService, KEY_RECHECK_MS } from '../services/access-keys';

let h: ScimHarness;
beforeEach(async () => {
  h = await scimHarness();
});
afterEach(async () => {
  await h.close();
});

const get = (authorization?: string, url = '/scim/v2/Users?startIndex=1&count=2') =>
  h.app.inject({
    method: 'GET',
    url,
    headers: { ...OKTA_HEADERS, ...(authorization !== undefined ? { authorization } : {}) },
  });

describe('SCIM authentication', () => {
  test('accepts Bearer <key> and the bare key', async () => {
    expect((await get(`Bearer ${h.key}`)).statusCode).toBe(200);
    expect((await get(`bearer   ${h.key}`)).statusCode).toBe(200);
    expect((await get(h.key)).statusCode).toBe(200);
  });

  test('missing, wrong and revoked keys get 401 in the SCIM error format', async () => {
    const altered = h.key.slice(0, -1) + (h.key.endsWith('A') ? 'B' : 'A');
    const headers = [
      undefined,
      '',
      'Bearer',
      `Bearer ${h.key}x`,
      `Bearer ${altered}`,
      'Basic YTpi',
    ];
    for (const header of headers) {
      const res = await get(header);
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.json()).toEqual({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '401',
        detail: expect.any(String),
      });
    }
    const [key] = (await h.keys.list()).keys;
    await h.keys.revoke(key?.id ?? 0);
    expect((await get(`Bearer ${h.key}`)).statusCode).toBe(401);
    // Unknown paths are behind authentication too.
    expect((await get(undefined, '/scim/v2/Nothing')).statusCode).toBe(401);
  });

  test('repeated failures from one address are rate limited with Retry-After', async () => {
    // The key was good a moment ago; once its caller's address fails, it is checked again.
    expect((await get(`Bearer ${h.key}`)).statusCode).toBe(200);
    for (let i = 0; i < 20; i++) expect((await get('Bearer wrong')).statusCode).toBe(401);
    const limited = await get('Bearer wrong');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ status: '429' });
    // Blocked addresses are refused before the key is even looked at.
    expect((await get(`Bearer ${h.key}`)).statusCode).toBe(429);
  });
});

describe('a key checked a moment ago', () => {
  test('is trusted for KEY_RECHECK_MS without the database, then checked again', async () => {
    expect((await get(`Bearer ${h.key}`)).statusCode).toBe(200);
    // Revoked behind this process's back, as another instance on the same database does.
    await h.db
      .updateTable('scim_access_keys')
      .set({ revoked_at: new Date().toISOString() })
      .execute();
    const revokedAt = Date.now();
    expect((await get(`Bearer ${h.key}`)).statusCode).toBe(200);
    await sleep(KEY_RECHECK_MS - (Date.now() - revokedAt) + 50);
    expect((await get(`Bearer ${h.key}`)).statusCode).toBe(401);
  });

  test('is checked again once another key is used for the first time (the revoke hint)', async () => {
    let now = Date.parse('2030-01-01T00:00:00.000Z');
    const service = new AccessKeysService(h.db, () => new Date(now));
    await service.authenticate(h.key);
    const newer = await service.create('admin@example.com');
    now += 100;
    await service.authenticate(newer.secret);
    // Okta still sends the older key 100 ms later: that use must be written, or the older key
    // would be flagged safe to revoke while in use.
    now += 100;
    await service.authenticate(h.key);
    const older = (await service.list()).keys.find((k) => k.id !== newer.key.id);
    expect(older?.lastUsedAt).toBe(new Date(now).toISOString());
    expect(older?.safeToRevoke).toBe(false);
  });

  test('is refused at once when it is revoked here', async () => {
    expect((await get(`Bearer ${h.key}`)).statusCode).toBe(200);
    const [key] = (await h.keys.list()).keys;
    await h.keys.revoke(key?.id ?? 0);
    expect((await get(`Bearer ${h.key}`)).statusCode).toBe(401);
  });
});

describe('access keys', () => {
  test('keys carry 256 bits with a prefix, are stored only as a hash, at most two active', async () => {
    const service = new AccessKeysService(h.db);
    const second = await service.create('admin@example.com');
    expect(second.secret).toMatch(/^osc_scim_[A-Za-z0-9_-]{51}$/);
    expect(second.key.prefix).toBe(second.secret.slice(0, 17));
    const rows = await h.db.selectFrom('scim_access_keys').selectAll().execute();
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(second.secret);
    expect(stored).not.toContain(h.key);
    await expect(service.create('admin@example.com')).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(/Revoke one/),
    });
  });

  test('the older key is flagged safe to revoke once the newer one is used and it is not', async () => {
    let now = Date.parse('2030-01-01T00:00:00.000Z');
    const service = new AccessKeysService(h.db, () => new Date(now));
    const older = await service.create('admin@example.com');
    const tick = (ms: number) => {
      now += ms;
    };
    // The harness key is revoked so that `older` and `newer` are the two active keys.
    await service.revoke((await service.list()).keys.find((k) => k.id !== older.key.id)?.id ?? 0);
    await service.authenticate(`Bearer ${older.secret}`);
    tick(1000);
    const newer = await service.create('admin@example.com');
    let view = await service.list();
    expect(view.keys.find((k) => k.id === older.key.id)?.safeToRevoke).toBe(false);
    tick(1000);
    await service.authenticate(newer.secret);
    view = await service.list();
    expect(view.keys.find((k) => k.id === older.key.id)?.safeToRevoke).toBe(true);
    expect(view.keys.find((k) => k.id === newer.key.id)?.safeToRevoke).toBe(false);
    // Okta still uses the older key 1 s later (inside the write throttle): the flag must clear.
    tick(1000);
    await service.authenticate(older.secret);
    view = await service.list();
    expect(view.keys.find((k) => k.id === older.key.id)?.safeToRevoke).toBe(false);
    // Within the throttle, last use is not rewritten on every request.
    const before = view.keys.find((k) => k.id === newer.key.id)?.lastUsedAt;
    tick(1000);
    await service.authenticate(newer.secret);
    view = await service.list();
    expect(view.keys.find((k) => k.id === newer.key.id)?.lastUsedAt).toBe(before);
    tick(5000);
    await service.authenticate(newer.secret);
    view = await service.list();
    expect(view.keys.find((k) => k.id === newer.key.id)?.lastUsedAt).toBe(
      new Date(now).toISOString(),
    );
  });
});

describe('admin API for access keys and the SCIM summary', () => {
  test('list, create (key shown once), 409 on a third, revoke → next SCIM request 401', async () => {
    const admin = await signInAdmin(h);
    const unauth = await h.app.inject({ method: 'GET', url: '/api/access-keys' });
    expect(unauth.statusCode).toBe(401);

    const created = await h.app.inject({ method: 'POST', url: '/api/access-keys', headers: admin });
    expect(created.statusCode).toBe(201);
    const { key, secret } = created.json();
    expect(secret).toMatch(/^osc_scim_/);
    expect(key).toMatchObject({
      prefix: secret.slice(0, 17),
      createdBy: 'admin@example.com',
      active: true,
    });

    const third = await h.app.inject({ method: 'POST', url: '/api/access-keys', headers: admin });
    expect(third.statusCode).toBe(409);
    expect(third.json().message).toMatch(/Revoke one before creating another/);

    const list = await h.app.inject({ method: 'GET', url: '/api/access-keys', headers: admin });
    expect(list.statusCode).toBe(200);
    expect(list.json().keys).toHaveLength(2);
    expect(list.body).not.toContain(secret);
    expect(list.body).not.toContain(h.key);
    expect(h.logs.join('')).not.toContain(secret);

    const works = await h.app.inject({
      method: 'GET',
      url: '/scim/v2/Users',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(works.statusCode).toBe(200);
    const revoked = await h.app.inject({
      method: 'DELETE',
      url: `/api/access-keys/${key.id}`,
      headers: admin,
    });
    expect(revoked.statusCode).toBe(204);
    const after = await h.app.inject({
      method: 'GET',
      url: '/scim/v2/Users',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(after.statusCode).toBe(401);
    const missing = await h.app.inject({
      method: 'DELETE',
      url: '/api/access-keys/999',
      headers: admin,
    });
    expect(missing.statusCode).toBe(404);
    const listed = (
      await h.app.inject({ method: 'GET', url: '/api/access-keys', headers: admin })
    ).json();
    expect(listed.keys.find((k: { id: number }) => k.id === key.id).revokedAt).toEqual(
      expect.any(String),
    );
    // With one active again, a new key can be made.
    const again = await h.app.inject({ method: 'POST', url: '/api/access-keys', headers: admin });
    expect(again.statusCode).toBe(201);
  });

  test('summary: base URL, counts and the last request with its Okta action', async () => {
    const admin = await signInAdmin(h);
    const empty = await h.app.inject({ method: 'GET', url: '/api/scim/summary', headers: admin });
    expect(empty.json()).toEqual({
      scimBaseUrl: 'https://console.example.com/scim/v2',
      users: { active: 0, deactivated: 0 },
      groups: 0,
      lastRequest: null,
    });
    const a = (await h.scim('POST', '/Users', { userName: 'a@acme.com' })).json();
    await h.scim('POST', '/Users', { userName: 'b@acme.com' });
    await h.scim('POST', '/Groups', { displayName: 'G' });
    await h.scim('PATCH', `/Users/${a.id}`, {
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    const summary = (
      await h.app.inject({ method: 'GET', url: '/api/scim/summary', headers: admin })
    ).json();
    expect(summary).toMatchObject({
      users: { active: 1, deactivated: 1 },
      groups: 1,
      lastRequest: {
        method: 'PATCH',
        path: `/scim/v2/Users/${a.id}`,
        status: 200,
        action: 'deactivate_user',
        at: expect.any(String),
      },
    });
    const lastAction = async () =>
      (await h.app.inject({ method: 'GET', url: '/api/scim/summary', headers: admin })).json()
        .lastRequest.action;
    await h.scim('GET', '/Users?startIndex=1&count=2');
    expect(await lastAction()).toBe('test_connection');
    // Okta's lookup before a create: the same classification as the Activity page's.
    await h.scim(
      'GET',
      '/Users?filter=userName%20eq%20%22jane%40acme.com%22&startIndex=1&count=100',
    );
    expect(await lastAction()).toBe('lookup_user');
    await h.scim('GET', `/Users/${a.id}`);
    expect(await lastAction()).toBe('get_user');
    await h.scim('GET', '/Groups?filter=displayName%20eq%20%22G%22');
    expect(await lastAction()).toBe('lookup_group');
    await h.scim('DELETE', `/Users/${a.id}`);
    const deleted = (
      await h.app.inject({ method: 'GET', url: '/api/scim/summary', headers: admin })
    ).json();
    expect(deleted.users).toEqual({ active: 1, deactivated: 0 });
    expect(deleted.lastRequest.action).toBe('delete_user');
  });
});
