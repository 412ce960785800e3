import { afterEach, describe, expect, it } from 'vitest';
import { activityChart, syncHealth } from '../../shared/api/activity';
import { startHarness } from '../../testing/server-harness';
import { migrateToLatest, openDatabase } from '../db/database';
import { oktaUser } from '../http/scim/testing';
import { AccessKeysService } from '../services/access-keys';
import { flushScimActivity } from '../services/scim/activity';
import { type ActivityRig, startActivityRig } from './activity-fixtures';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
let rig: ActivityRig;
afterEach(() => rig?.close());

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

async function insertRequest(
  at: string,
  outcome: 'success' | 'not_applied' | 'error',
  kind = 'import',
) {
  await rig.harness.db
    .insertInto('scim_requests')
    .values({
      at,
      method: 'GET',
      path: '/scim/v2/Users',
      status: outcome === 'error' ? 500 : 200,
      duration_ms: 2,
      kind,
      outcome,
      resource_type: null,
      resource_id: null,
      resource_name: null,
      resource_key: null,
      changes: null,
      not_applied: outcome === 'not_applied' ? '["x"]' : null,
      error: null,
    })
    .execute();
}

async function health() {
  return syncHealth.parse((await rig.get('/api/sync-health')).json());
}
const kinds = async () => (await health()).warnings.map((w) => w.kind);

describe('the activity chart', () => {
  it('has every hourly bucket, oldest first, successes (not applied included) against errors', async () => {
    rig = await startActivityRig();
    const twoHoursAgo = ago(2 * HOUR);
    for (const outcome of ['success', 'success', 'not_applied', 'error'] as const) {
      await insertRequest(twoHoursAgo, outcome);
    }
    await insertRequest(ago(30 * HOUR), 'error');
    await rig.scim('GET', '/Users/nobody'); // 404, now
    const chart = activityChart.parse((await rig.get('/api/activity/chart?hours=24')).json());
    expect(chart.bucketMinutes).toBe(60);
    expect(chart.buckets).toHaveLength(24);
    const starts = chart.buckets.map((b) => Date.parse(b.start));
    for (let i = 1; i < starts.length; i++)
      expect(starts[i]).toBe((starts[i - 1] as number) + HOUR);
    expect(chart.buckets.at(-1)?.start).toBe(
      new Date(Math.floor(Date.now() / HOUR) * HOUR).toISOString(),
    );
    const hour = `${twoHoursAgo.slice(0, 13)}:00:00.000Z`;
    expect(chart.buckets.find((b) => b.start === hour)).toEqual({
      start: hour,
      success: 3,
      error: 1,
    });
    expect(chart.buckets.at(-1)).toMatchObject({ error: 1 });
    const total = chart.buckets.reduce((n, b) => n + b.success + b.error, 0);
    expect(total).toBe(5);

    const week = activityChart.parse((await rig.get('/api/activity/chart')).json());
    expect(week.buckets).toHaveLength(168);
    expect(week.buckets.reduce((n, b) => n + b.error, 0)).toBe(3);
    const bad = await rig.admin.inject({ method: 'GET', url: '/api/activity/chart?hours=23' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('sync health', () => {
  it('gives the last request of each action and the 24-hour error rate', async () => {
    rig = await startActivityRig();
    expect(await health()).toEqual({
      lastByAction: [],
      last24h: { requests: 0, errors: 0, errorRate: 0 },
      warnings: [],
      openBursts: [],
    });
    await insertRequest(ago(2 * DAY), 'error');
    await rig.scim('GET', '/Users?startIndex=1&count=2');
    await rig.scim('POST', '/Users', oktaUser('jane@acme.com'));
    await rig.scim('POST', '/Users', oktaUser('jane@acme.com'));
    const now = await health();
    expect(now.lastByAction.map((l) => [l.action, l.status, l.outcome])).toEqual([
      ['test_connection', 200, 'success'],
      ['import', 500, 'error'],
      ['create_user', 409, 'error'],
    ]);
    expect(now.last24h).toEqual({ requests: 3, errors: 1, errorRate: 1 / 3 });
  });

  it('warns when Okta, heard before, has been silent for OKTA_SILENT_WARNING_DAYS', async () => {
    rig = await startActivityRig({ env: { OKTA_SILENT_WARNING_DAYS: '3' } });
    expect(await kinds()).toEqual([]);
    const db = rig.harness.db;
    await insertRequest(ago(4 * DAY), 'success');
    await db
      .updateTable('scim_access_keys')
      .set({ last_used_at: ago(4 * DAY) })
      .execute();
    const [silent] = (await health()).warnings;
    expect(silent?.kind).toBe('okta_silent');
    expect(silent?.message).toContain(`nothing since ${ago(4 * DAY).slice(0, 10)}`);
    expect(silent?.message).toMatch(/for 3 days/);
    await db
      .updateTable('scim_access_keys')
      .set({ last_used_at: ago(2 * DAY) })
      .execute();
    expect(await kinds()).toEqual([]);
    await rig.scim('GET', '/Users?startIndex=1&count=2');
    expect(await kinds()).toEqual([]);
  });

  it('warns about silence since a key was made that Okta never used', async () => {
    rig = await startActivityRig();
    const db = rig.harness.db;
    await db
      .updateTable('scim_access_keys')
      .set({ created_at: ago(6 * DAY) })
      .execute();
    expect(await kinds()).toEqual([]);
    await db
      .updateTable('scim_access_keys')
      .set({ created_at: ago(8 * DAY) })
      .execute();
    const [silent] = (await health()).warnings;
    expect(silent).toMatchObject({ kind: 'okta_silent' });
    expect(silent?.message).toMatch(
      /^No SCIM request has arrived since the access key was created/,
    );
  });

  it('names a request that failed three times in 24 hours, until it succeeds', async () => {
    rig = await startActivityRig();
    await rig.scim('POST', '/Groups', { displayName: 'Sales' });
    const retry = () => rig.scim('POST', '/Groups', { displayName: 'Sales' });
    expect((await retry()).statusCode).toBe(409);
    expect((await retry()).statusCode).toBe(409);
    expect(await kinds()).toEqual([]);
    await insertRequest(ago(25 * HOUR), 'error'); // too old to count
    expect((await retry()).statusCode).toBe(409);
    const [warning] = (await health()).warnings;
    expect(warning?.kind).toBe('repeated_failure');
    expect(warning?.message).toBe(
      'POST /scim/v2/Groups for Sales failed 3 times in the last 24 hours (last answer 409: A group named "Sales" already exists.). Okta retries a failed request until it succeeds: fix the cause, see Activity.',
    );
    const [group] = (await rig.scim('GET', '/Groups?filter=displayName%20eq%20%22Sales%22')).json()
      .Resources;
    await rig.scim('DELETE', `/Groups/${group.id}`);
    expect((await retry()).statusCode).toBe(201);
    expect(await kinds()).toEqual([]);
  });

  it('warns about an active access key unused for 30 days, or never used 30 days after creation', async () => {
    rig = await startActivityRig();
    const db = rig.harness.db;
    await rig.scim('GET', '/Users?startIndex=1&count=2');
    const keys = new AccessKeysService(db);
    const spare = await keys.create('ada@example.test');
    await db
      .updateTable('scim_access_keys')
      .set({ created_at: ago(29 * DAY) })
      .where('id', '=', spare.key.id)
      .execute();
    expect(await kinds()).toEqual([]);
    await db
      .updateTable('scim_access_keys')
      .set({ created_at: ago(31 * DAY) })
      .where('id', '=', spare.key.id)
      .execute();
    const [unused] = (await health()).warnings;
    expect(unused).toMatchObject({ kind: 'access_key_unused' });
    expect(unused?.message).toContain(
      `${spare.key.prefix}… was created on ${ago(31 * DAY).slice(0, 10)} and has never been used`,
    );
    await db
      .updateTable('scim_access_keys')
      .set({ last_used_at: ago(31 * DAY) })
      .where('id', '=', spare.key.id)
      .execute();
    expect((await health()).warnings[0]?.message).toContain('has not been used since');
    await keys.revoke(spare.key.id);
    expect(await kinds()).toEqual([]);
  });
});

describe('retention', () => {
  it('prunes activity, audit entries, sign-in events and bursts past ACTIVITY_RETENTION_DAYS at start', async () => {
    const db = openDatabase(':memory:');
    await migrateToLatest(db);
    const old = ago(40 * DAY);
    const recent = ago(20 * DAY);
    for (const at of [old, recent]) {
      await db
        .insertInto('scim_requests')
        .values({
          at,
          method: 'GET',
          path: '/scim/v2/Users',
          status: 200,
          duration_ms: 1,
          resource_type: null,
          resource_id: null,
          resource_name: null,
          resource_key: null,
          changes: null,
          not_applied: null,
          error: null,
        })
        .execute();
      await db
        .insertInto('audit_log')
        .values({
          at,
          kind: 'admin_sign_in',
          actor: 'a@x',
          actor_key: 'a@x',
          summary: 'Signed in',
          details: '{}',
        })
        .execute();
      await db
        .insertInto('sign_in_events')
        .values({ at, login: 'x', outcome: 'refused', reason: 'no_licence', user_id: null })
        .execute();
      const { id } = await db
        .insertInto('deprovisioning_bursts')
        .values({
          started_at: at,
          last_at: at,
          deactivated: 1,
          active_before: 2,
          reactivated_at: null,
          reactivated_by: null,
          reactivated_count: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('scim_deactivations')
        .values({ at, user_id: 'u', burst_id: id })
        .execute();
    }
    await db
      .insertInto('scim_deactivations')
      .values({ at: ago(HOUR), user_id: 'lone', burst_id: null })
      .execute();
    const times = async () => ({
      requests: (await db.selectFrom('scim_requests').select('at').execute()).map((r) => r.at),
      audit: (await db.selectFrom('audit_log').select('at').execute()).map((r) => r.at),
      events: (await db.selectFrom('sign_in_events').select('at').execute()).map((r) => r.at),
      bursts: (await db.selectFrom('deprovisioning_bursts').select('last_at').execute()).map(
        (r) => r.last_at,
      ),
      deactivations: (await db.selectFrom('scim_deactivations').select('at').execute()).map(
        (r) => r.at,
      ),
    });

    const keepAll = await startHarness({ db });
    await keepAll.close();
    expect((await times()).requests).toEqual([old, recent]);
    expect((await times()).deactivations).toEqual([old, recent]);

    const harness = await startHarness({ db, env: { ACTIVITY_RETENTION_DAYS: '30' } });
    await flushScimActivity(db);
    await harness.close();
    expect(await times()).toEqual({
      requests: [recent],
      audit: [recent],
      events: [recent],
      bursts: [recent],
      deactivations: [recent],
    });
    await db.destroy();
  });
});
