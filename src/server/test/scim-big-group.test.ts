import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ScimHarness, scimHarness } from '../http/scim/testing';
import { chunks } from '../services/scim/groups';

let h: ScimHarness;
const ids: string[] = [];

beforeAll(async () => {
  h = await scimHarness();
  const now = new Date().toISOString();
  const rows = Array.from({ length: 50_100 }, (_, i) => {
    const id = randomUUID();
    ids.push(id);
    const userName = `member${i}@acme.com`;
    return {
      id,
      user_name: userName,
      user_name_key: userName,
      external_id: null,
      display_name_key: null,
      given_name_key: null,
      family_name_key: null,
      active: 1,
      doc: JSON.stringify({ userName, active: true }),
      created_at: now,
      last_modified: now,
    };
  });
  await h.db.transaction().execute(async (trx) => {
    for (const part of chunks(rows, 500)) await trx.insertInto('scim_users').values(part).execute();
  });
});
afterAll(async () => {
  await h.close();
});

const PATCH_OP = ['urn:ietf:params:scim:api:messages:2.0:PatchOp'];

test('a group of 50,000 members: added by PATCH, read, and still quick to change', async () => {
  const group = (await h.scim('POST', '/Groups', { displayName: 'Everyone', members: [] })).json();
  const started = performance.now();
  for (const part of chunks(ids.slice(0, 50_000), 5_000)) {
    const res = await h.scim('PATCH', `/Groups/${group.id}`, {
      schemas: PATCH_OP,
      Operations: [
        { op: 'replace', value: { id: group.id, displayName: 'Everyone' } },
        { op: 'add', path: 'members', value: part.map((value) => ({ value })) },
      ],
    });
    expect(res.statusCode).toBe(204);
  }
  const filled = performance.now() - started;

  // One more PATCH as Okta sends it: rename + add 100 + remove one, on a full group.
  const t0 = performance.now();
  const res = await h.scim('PATCH', `/Groups/${group.id}`, {
    schemas: PATCH_OP,
    Operations: [
      { op: 'replace', value: { id: group.id, displayName: 'Everyone' } },
      { op: 'add', path: 'members', value: ids.slice(50_000).map((value) => ({ value })) },
      { op: 'remove', path: `members[value eq "${ids[0]}"]` },
    ],
  });
  const oneMore = performance.now() - t0;
  expect(res.statusCode).toBe(204);
  expect(oneMore).toBeLessThan(250);

  const full = await h.scim('GET', `/Groups/${group.id}`);
  expect(full.statusCode).toBe(200);
  expect(full.json().members).toHaveLength(50_099);
  expect(full.json().members[0].value).toBe(ids[1]);
  const lean = await h.scim(
    'GET',
    `/Groups?filter=displayName%20eq%20%22Everyone%22&excludedAttributes=members`,
  );
  expect(lean.json().Resources[0].members).toBeUndefined();
  const byMember = await h.scim(
    'GET',
    `/Groups?filter=${encodeURIComponent(`members.value eq "${ids[42]}"`)}&excludedAttributes=members`,
  );
  expect(byMember.json().totalResults).toBe(1);

  // PUT the whole list back (about 4 MB), as a client replacing members would.
  const put = await h.scim('PUT', `/Groups/${group.id}?excludedAttributes=members`, {
    displayName: 'Everyone',
    members: ids.slice(0, 50_000).map((value) => ({ value, display: 'x' })),
  });
  expect(put.statusCode).toBe(200);
  const count = await h.db
    .selectFrom('scim_group_members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  expect(Number(count.n)).toBe(50_000);
  expect(filled).toBeLessThan(10_000);
}, 60_000);
