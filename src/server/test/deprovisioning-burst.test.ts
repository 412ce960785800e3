import { afterEach, describe, expect, it } from 'vitest';
import { reactivationResult, syncHealth } from '../../shared/api/activity';
import type { HarnessOptions } from '../../testing/server-harness';
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
    const ids = await startWithUsers(10);
    await deactivateUser(ids[0] as string);
    await deactivateUser(ids[1] as string);
    // 2 of 10 is 20%: not more than the share.
    let now = await health();
    expect(now.openBursts).toEqual([]);
    expect(now.warnings.filter((w) => w.kind === 'deprovisioning_burst')).toEqual([]);

    await deactivateUser(ids[2] as string);
    now = await health();
    expect(now.openBursts).toHaveLength(1);
    expect(now.openBursts[0]).toMatchObject({ deactivated: 3, share: 0.3, reactivatedAt: null });
    const warning = now.warnings.find((w) => w.kind === 'deprovisioning_burst');
    expect(warning?.message).toMatch(/^Okta deactivated 3 users \(30% of the active users\)/);

    // Further deactivations while the burst goes on join it.
    await deactivateUser(ids[3] as string);
    now = await health();
    expect(now.openBursts).toHaveLength(1);
    expect(now.openBursts[0]).toMatchObject({ deactivated: 4, share: 0.4 });
    const burstId = now.openBursts[0]?.id as number;

    const undone = await reactivateBurst(burstId);
    expect(undone.statusCode, undone.body).toBe(200);
    const result = reactivationResult.parse(undone.json());
    expect(result).toMatchObject({
      reactivated: 4,
      burst: { id: burstId, deactivated: 4, reactivatedBy: 'ada@example.test' },
    });
    for (const id of ids) {
      const user = await rig.scim('GET', `/Users/${id}`);
      expect(user.json().active, id).toBe(true);
    }
    const listed = await rig.scim('GET', '/Users?filter=active%20eq%20false');
    expect(listed.json().totalResults).toBe(0);
    const summary = (await rig.get('/api/scim/summary')).json();
    expect(summary.users).toEqual({ active: 10, deactivated: 0 });

    now = await health();
    expect(now.openBursts).toEqual([]);
    const [audit] = (await rig.audit('kind=users_reactivated')).entries;
    expect(audit).toMatchObject({
      actor: 'ada@example.test',
      details: { burstId, reactivated: 4, deactivated: 4 },
    });

    const again = await reactivateBurst(burstId);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/already reactivated by ada@example.test/);
    expect((await reactivateBurst(burstId + 100)).statusCode).toBe(404);
  });

  it('leaves users out that Okta deactivated before the window, and only reactivates those still deactivated', async () => {
    const ids = await startWithUsers(10);
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
      env: { DEPROVISIONING_ALERT_SHARE: '0.5', DEPROVISIONING_WINDOW_MINUTES: '1' },
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
});
