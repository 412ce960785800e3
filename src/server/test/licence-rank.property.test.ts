/**
 * The licence rank stored on each user (migration 006's triggers) against the rank computed at
 * read time, after every step of random sequences of what Okta and admins do (licence-events.ts),
 * through the real SCIM and admin APIs. Seat totals, licence filters and seat-effect previews
 * are checked against the same read-time ranks.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  applyEvent,
  type Event,
  licenceEvent,
  mappingIds,
  NAMES,
  type World,
} from './licence-events';
import { startConsole } from './licence-fixtures';
import {
  rankMismatches,
  readTimeByLicence,
  readTimeSeatEffect,
  readTimeTotals,
} from './licence-rank-check';

const RANK = { none: 0, basic: 1, pro: 2 } as const;

async function checkSeatEffect(w: World, e: Extract<Event, { t: 'seatEffect' }>) {
  const db = w.c.harness.db;
  const ids = await mappingIds(w);
  const mappingId = ids[e.k % Math.max(ids.length, 1)];
  let groupSeq: { seq: number } | undefined;
  let query: string;
  if (e.n !== null || mappingId === undefined) {
    const groupName = NAMES[e.n ?? 0] ?? '';
    query = `groupName=${encodeURIComponent(groupName)}`;
    groupSeq = await db
      .selectFrom('scim_groups')
      .select('seq')
      .where('display_name', '=', groupName)
      .executeTakeFirst();
  } else {
    query = `mappingId=${mappingId}`;
    groupSeq = await db
      .selectFrom('directory_group_mappings as m')
      .innerJoin('scim_groups as g', 'g.id', 'm.scim_group_id')
      .select('g.seq')
      .where('m.id', '=', mappingId)
      .executeTakeFirst();
  }
  const response = await w.c.admin.inject({
    method: 'GET',
    url: `/api/directory-groups/seat-effect?${query}&capability=${e.capability}`,
  });
  expect(response.statusCode, response.body).toBe(200);
  const expected = await readTimeSeatEffect(db, groupSeq?.seq ?? -1, RANK[e.capability]);
  expect(response.json(), `${query} → ${e.capability}`).toEqual(expected);
}

async function checkRanks(w: World, step: string) {
  const db = w.c.harness.db;
  expect(await rankMismatches(db), step).toEqual([]);
  const totals = await w.c.admin.inject({ method: 'GET', url: '/api/users/totals' });
  expect(totals.json(), step).toEqual(await readTimeTotals(db));
}

async function checkFilters(w: World) {
  const expected = await readTimeByLicence(w.c.harness.db);
  for (const licence of ['pro', 'basic', 'none'] as const) {
    const response = await w.c.admin.inject({
      method: 'GET',
      url: `/api/users?licence=${licence}`,
    });
    const list = response.json() as { total: number; users: { licence: string }[] };
    expect(list.total, licence).toBe(expected[licence]);
    expect(list.users.every((u) => u.licence === licence)).toBe(true);
  }
}

test('the stored licence rank is the read-time rank after every SCIM and admin event', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(licenceEvent, { minLength: 1, maxLength: 40, size: 'max' }),
      async (events) => {
        const w: World = { c: await startConsole(), users: [], groups: [] };
        try {
          // A start with licences: 4 users in Everyone, mapped to Basic; 2 of them in Leads.
          for (let i = 0; i < 4; i++) await applyEvent(w, { t: 'pushUser', i });
          await applyEvent(w, { t: 'pushGroup', j: 0, n: 0, members: [0, 1, 2, 3] });
          await applyEvent(w, { t: 'pushGroup', j: 1, n: 1, members: [0, 1] });
          await applyEvent(w, { t: 'map', n: 0, capability: 'basic' });
          for (const [index, e] of events.entries()) {
            if (e.t === 'seatEffect') await checkSeatEffect(w, e);
            else await applyEvent(w, e);
            await checkRanks(w, `after step ${index}: ${JSON.stringify(e)}`);
          }
          await checkFilters(w);
        } finally {
          await w.c.close();
        }
      },
    ),
    { numRuns: Number(process.env.LICENCE_RUNS ?? 40) },
  );
}, 120_000);
