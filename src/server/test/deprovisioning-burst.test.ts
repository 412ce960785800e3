import { afterEach, describe, expect, it } from 'vitest';
import { reactivationResult, syncHealth } from '../../shared/api/activity';
import type { HarnessOptions } from '../../testing/server-harness';
import { loadConfig } from '../config';
import { type ActivityRig, deactivate, startActivityRig } from './activity-fixtures';

let rig: ActivityRig;
afterEach(() => rig.close());

async function startWithUsers(count: number, options?: HarnessOptions) {
  rig = await startActivityRig(options);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = await rig.scim('POST', '/Users', {
      userName: `user${i}@acme.com`,
      active: true,
    });
    expect(created.statusCode).toBe(201);
    ids.push(created.json().id);
  }
  return ids;
}

async function deactivateUser(id: string) {
  const response = await rig.scim('PATCH', `/Users/${id}`, deactivate);
  // Okta gets exactly its usual answer, burst or not.
  expect(response.statusCode).toBe(200);
  expect(response.json()).toMatchObject({ id, active: false });
}

async function health() {
  return syncHealth.parse((await rig.get('/api/sync-health')).json());
}

const reactivateBurst = (id: number) =>
  rig.admin.inject({ method: 'POST', url: `/api/deprovisioning-bursts/${id}/reactivate` });

describe('the deprovisioning safety net', () => {
  it('stays quiet at the threshold, alerts above it, and its undo restores every user of the burst', async () => {
    const ids = await startWithUsers(25);
    for (const id of ids.slice(0, 5)) await deactivateUser(id);
    // 5 of 25 is 20%: the minimum burst, but not more than the share.
    let now = await health();
    expect(now.openBursts).toEqual([]);
    expect(now.warnings.filter((w) => w.kind === 'deprovisioning_burst')).toEqual([]);

    await deactivateUser(ids[5] as string);
    now = await health();
    expect(now.openBursts).toHaveLength(1);
    expect(now.openBursts[0]).toMatchObject({ deactivated: 6, share: 0.24, reactivatedAt: null });
    const warning = now.warnings.find((w) => w.kind === 'deprovisioning_burst');
    expect(warning?.message).toMatch(/^Okta deactivated 6 users \(24% of the active users\)/);

    // Further deactivations while the burst goes on join it.
    await deactivateUser(ids[6] as string);
    now = await health();
    expect(now.openBursts).toHaveLength(1);
    expect(now.openBursts[0]).toMatchObject({ deactivated: 7, share: 0.28 });
    const burstId = now.openBursts[0]?.id as number;

    const undone = await reactivateBurst(burstId);
    expect(undone.statusCode, undone.body).toBe(200);
    const result = reactivationResult.parse(undone.json());
    expect(result).toMatchObject({
      reactivated: 7,
      burst: { id: burstId, deactivated: 7, reactivatedBy: 'ada@example.test' },
    });
    for (const id of ids) {
      const user = await rig.scim('GET', `/Users/${id}`);
      expect(user.json().active, id).toBe(true);
    }
    const listed = await rig.scim('GET', '/Users?filter=active%20eq%20false');
    expect(listed.json().totalResults).toBe(0);
    const summary = (await rig.get('/api/scim/summary')).json();
    expect(summary.users).toEqual({ active: 25, deactivated: 0 });

    now = await health();
    expect(now.openBursts).toEqual([]);
    const [audit] = (await rig.audit('kind=users_reactivated')).entries;
    expect(audit).toMatchObject({
      actor: 'ada@example.test',
      details: { burstId, reactivated: 7, deactivated: 7 },
    });

    const again = await reactivateBurst(burstId);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/already reactivated by ada@example.test/);
    expect((await reactivateBurst(burstId + 100)).statusCode).toBe(404);
  });

  it('leaves users out that Okta deactivated before the window, and only reactivates those still deactivated', async () => {
    // With no minimum burst, the share alone decides.
    const ids = await startWithUsers(10, { env: { DEPROVISIONING_MIN_BURST: '1' } });
    await deactivateUser(ids[0] as string);
    await deactivateUser(ids[1] as string);
    await deactivateUser(ids[2] as string);
    // Move those three out of the ten-minute window (and close the burst they opened).
    const old = new Date(Date.now() - 11 * 60_000).toISOString();
    await rig.harness.db.updateTable('scim_deactivations').set({ at: old }).execute();
    await rig.harness.db
      .updateTable('deprovisioning_bursts')
      .set({ started_at: old, last_at: old })
      .execute();
    const first = (await health()).openBursts;
    expect(first).toHaveLength(1);
    await reactivateBurst(first[0]?.id as number);
    // All ten are active again; two deactivations now are 20%, a third is more.
    await deactivateUser(ids[3] as string);
    await deactivateUser(ids[4] as string);
    expect((await health()).openBursts).toEqual([]);
    await deactivateUser(ids[5] as string);
    const [burst] = (await health()).openBursts;
    expect(burst).toMatchObject({ deactivated: 3 });

    // Okta reactivates one of them itself before the admin acts.
    const back = await rig.scim('PATCH', `/Users/${ids[4]}`, {
      Operations: [{ op: 'replace', value: { active: true } }],
    });
    expect(back.statusCode).toBe(200);
    const result = (await reactivateBurst(burst?.id as number)).json();
    expect(result.reactivated).toBe(2);
    expect((await rig.get('/api/scim/summary')).json().users).toEqual({
      active: 10,
      deactivated: 0,
    });
  });

  it('follows DEPROVISIONING_ALERT_SHARE and DEPROVISIONING_WINDOW_MINUTES', async () => {
    const ids = await startWithUsers(4, {
      env: {
        DEPROVISIONING_ALERT_SHARE: '0.5',
        DEPROVISIONING_WINDOW_MINUTES: '1',
        DEPROVISIONING_MIN_BURST: '1',
      },
    });
    await deactivateUser(ids[0] as string);
    await deactivateUser(ids[1] as string);
    expect((await health()).openBursts).toEqual([]);
    const old = new Date(Date.now() - 2 * 60_000).toISOString();
    await rig.harness.db.updateTable('scim_deactivations').set({ at: old }).execute();
    await deactivateUser(ids[2] as string);
    expect((await health()).openBursts).toEqual([]);
    await rig.harness.db
      .updateTable('scim_deactivations')
      .set({ at: new Date().toISOString() })
      .execute();
    await deactivateUser(ids[3] as string);
    const [burst] = (await health()).openBursts;
    expect(burst).toMatchObject({ deactivated: 4, share: 1 });
  });

  it('raises the alert when a quarter of the users go in one burst, and its undo brings them back', async () => {
    const ids = await startWithUsers(20);
    for (const id of ids.slice(0, 5)) await deactivateUser(id);
    const [burst] = (await health()).openBursts;
    expect(burst).toMatchObject({ deactivated: 5, share: 0.25 });
    const undone = await reactivateBurst(burst?.id as number);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toMatchObject({ reactivated: 5 });
    expect((await rig.get('/api/scim/summary')).json().users).toEqual({
      active: 20,
      deactivated: 0,
    });
  });
});

describe('the minimum burst', () => {
  it('keeps fewer than 5 deactivations quiet by default, however large their share', async () => {
    const ids = await startWithUsers(6);
    // 4 of 6 is two thirds, far above 20%, but one leaver in a small org is no burst.
    for (const id of ids.slice(0, 4)) await deactivateUser(id);
    let now = await health();
    expect(now.openBursts).toEqual([]);
    expect(now.warnings.filter((w) => w.kind === 'deprovisioning_burst')).toEqual([]);

    await deactivateUser(ids[4] as string);
    now = await health();
    expect(now.openBursts).toHaveLength(1);
    expect(now.openBursts[0]).toMatchObject({ deactivated: 5, reactivatedAt: null });
    const warning = now.warnings.find((w) => w.kind === 'deprovisioning_burst');
    expect(warning?.message).toMatch(/^Okta deactivated 5 users /);
  });

  it('follows DEPROVISIONING_MIN_BURST', async () => {
    const ids = await startWithUsers(4, { env: { DEPROVISIONING_MIN_BURST: '2' } });
    // 1 of 4 is 25%, above the share, but below the minimum of 2.
    await deactivateUser(ids[0] as string);
    expect((await health()).openBursts).toEqual([]);
    await deactivateUser(ids[1] as string);
    const [burst] = (await health()).openBursts;
    expect(burst).toMatchObject({ deactivated: 2, share: 0.5 });
  });

  it('refuses a minimum below 1 or not a whole number at start', () => {
    expect(loadConfig({}).deprovisioningMinBurst).toBe(5);
    for (const value of ['0', '-3', '2.5', 'five']) {
      expect(() => loadConfig({ DEPROVISIONING_MIN_BURST: value }), value).toThrow(
        /DEPROVISIONING_MIN_BURST/,
      );
    }
  });
});
