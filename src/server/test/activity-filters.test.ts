import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oktaUser } from '../http/scim/testing';
import { flushScimActivity } from '../services/scim/activity';
import { type ActivityRig, assignUser, deactivate, startActivityRig } from './activity-fixtures';

let rig: ActivityRig;
const ids: Record<string, string> = {};

/** RFC 4180, as a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

async function exportCsv(query: string) {
  const response = await rig.get(`/api/activity/provisioning/export?${query}`);
  return { response, rows: parseCsv(response.body) };
}

async function insertOld(at: string, kind: string, outcome: 'success' | 'error') {
  await rig.harness.db
    .insertInto('scim_requests')
    .values({
      at,
      method: 'GET',
      path: '/scim/v2/Users',
      status: outcome === 'error' ? 500 : 200,
      duration_ms: 1,
      kind,
      outcome,
      resource_type: null,
      resource_id: null,
      resource_name: null,
      resource_key: null,
      changes: null,
      not_applied: null,
      error: null,
    })
    .execute();
}

beforeAll(async () => {
  rig = await startActivityRig();
  await rig.scim('GET', '/Users?startIndex=1&count=2');
  for (const name of ['alice@acme.com', 'bob@acme.com', 'ALBERT@acme.com']) {
    ids[name] = (await assignUser(rig, name, oktaUser(name))).id;
  }
  await rig.scim('POST', '/Users', oktaUser('bob@acme.com')); // 409
  await rig.scim('PATCH', `/Users/${ids['bob@acme.com']}`, deactivate);
  await rig.scim('POST', '/Groups', { displayName: 'Alpha Team', members: [] });
  for (const name of [
    '=HYPERLINK("http://evil.example")@acme.com',
    '+1@acme.com',
    '@SUM(A1)@acme.com',
  ]) {
    await rig.scim('POST', '/Users', { userName: name });
  }
  await flushScimActivity(rig.harness.db);
  await insertOld('2024-01-01T10:00:00.000Z', 'import', 'success');
  await insertOld('2024-01-01T10:30:00.000Z', 'import', 'error');
  await insertOld('2024-01-01T11:00:00.000Z', 'import', 'success');
});
afterAll(() => rig.close());

describe('provisioning activity filters and paging', () => {
  it('filters by action and by outcome', async () => {
    const creates = await rig.activity('action=create_user&pageSize=200');
    expect(creates.total).toBe(7);
    expect(creates.entries.every((e) => e.action === 'create_user')).toBe(true);
    const errors = await rig.activity('outcome=error');
    expect(errors.entries.map((e) => [e.action, e.status, e.resourceName])).toEqual([
      ['import', 500, null],
      ['create_user', 409, 'bob@acme.com'],
    ]);
    const both = await rig.activity('action=create_user&outcome=error');
    expect(both.total).toBe(1);
  });

  it('finds a user or group by the start of its name, in any case, or by its id', async () => {
    const al = await rig.activity('subject=AL&pageSize=200');
    const names = new Set(al.entries.map((e) => e.resourceName?.toLowerCase()));
    expect([...names].sort()).toEqual(['albert@acme.com', 'alice@acme.com', 'alpha team']);
    const bob = await rig.activity(`subject=${ids['bob@acme.com']}`);
    expect(bob.entries.map((e) => e.action)).toEqual(['deactivate_user', 'create_user']);
    expect((await rig.activity('subject=nobody')).total).toBe(0);
  });

  it('selects a time range: from inclusive, to exclusive', async () => {
    const range = await rig.activity('from=2024-01-01T10:00:00Z&to=2024-01-01T11:00:00Z');
    expect(range.entries.map((e) => e.at)).toEqual([
      '2024-01-01T10:30:00.000Z',
      '2024-01-01T10:00:00.000Z',
    ]);
    const recent = await rig.activity(`from=${new Date(Date.now() - 3600_000).toISOString()}`);
    expect(recent.entries.some((e) => e.at.startsWith('2024'))).toBe(false);
    expect(recent.total).toBeGreaterThan(10);
  });

  it('pages newest first without overlap, with the total of the filter', async () => {
    const all = await rig.activity('pageSize=200');
    const first = await rig.activity('pageSize=3&page=1');
    const second = await rig.activity('pageSize=3&page=2');
    expect(first.total).toBe(all.total);
    expect([...first.entries, ...second.entries].map((e) => e.id)).toEqual(
      all.entries.slice(0, 6).map((e) => e.id),
    );
    const ids = all.entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const beyond = await rig.activity('pageSize=3&page=999');
    expect(beyond).toMatchObject({ entries: [], total: all.total, page: 999 });
  });

  it('answers 400 naming the field for a bad filter', async () => {
    for (const [query, field] of [
      ['action=delete_everything', 'action'],
      ['outcome=maybe', 'outcome'],
      ['from=yesterday', 'from'],
      ['pageSize=0', 'pageSize'],
      ['colour=red', 'colour'],
      ['from=2026-11-28T10:00:00Z&to=2026-11-28T09:00:00Z', 'to'],
    ]) {
      const response = await rig.admin.inject({
        method: 'GET',
        url: `/api/activity/provisioning?${query}`,
      });
      expect(response.statusCode, query).toBe(400);
      expect(Object.keys(response.json().fields), query).toEqual([field]);
    }
  });
});

describe('CSV export', () => {
  it('is a text/csv attachment with a header row', async () => {
    const { response, rows } = await exportCsv('');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="provisioning-activity-[0-9-]+\.csv"$/,
    );
    expect(rows[0]).toEqual([
      'id',
      'time',
      'action',
      'outcome',
      'status',
      'method',
      'path',
      'resource type',
      'resource id',
      'resource',
      'changes',
      'not applied',
      'error',
      'duration ms',
    ]);
  });

  it('holds exactly the entries the same filters list', async () => {
    for (const query of [
      '',
      'action=create_user',
      'outcome=error',
      'subject=al',
      'from=2024-01-01T10:00:00Z&to=2024-01-01T11:00:00Z',
      'action=deactivate_user&subject=bob',
    ]) {
      const listed = await rig.activity(`${query}&pageSize=200`);
      const { rows } = await exportCsv(query);
      expect(
        rows.slice(1).map((r) => Number(r[0])),
        query,
      ).toEqual(listed.entries.map((e) => e.id));
    }
  });

  it('writes changes and errors in words', async () => {
    const { rows } = await exportCsv(`subject=${ids['bob@acme.com']}&action=deactivate_user`);
    expect(rows[1]?.[10]).toBe('active: true → false');
    const { rows: failed } = await exportCsv('outcome=error&action=create_user');
    expect(failed[1]?.[12]).toBe('A user with userName "bob@acme.com" already exists.');
  });

  it('defuses cells a spreadsheet would run as a formula', async () => {
    const { rows } = await exportCsv('action=create_user');
    const names = rows.slice(1).map((r) => r[9]);
    expect(names).toContain(`'=HYPERLINK("http://evil.example")@acme.com`);
    expect(names).toContain(`'+1@acme.com`);
    expect(names).toContain(`'@SUM(A1)@acme.com`);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('refuses a bad filter in the API error shape', async () => {
    const response = await rig.admin.inject({
      method: 'GET',
      url: '/api/activity/provisioning/export?outcome=maybe',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toHaveProperty('outcome');
  });
});
