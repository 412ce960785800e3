/**
 * Events and deliveries past ACTIVITY_RETENTION_DAYS are pruned, oldest first, never one a
 * pending delivery still needs; a reader whose events cursor is older than what is kept gets a
 * 410 that says what to do, never a silent gap.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventPage, listEvents } from '../../shared/api/events';
import { resendWebhookDelivery } from '../../shared/api/webhooks';
import { expectContractAnswer } from '../../testing/contract-answer';
import { startHarness } from '../../testing/server-harness';
import { ApiKeysService } from '../services/api-keys';
import { WebhookDispatcher } from '../services/webhooks/dispatcher';
import { type Console, startConsole } from './licence-fixtures';

const LONG_AGO = '2001-01-01T00:00:00.000Z';

let c: Console;
let apiKey: string;
beforeEach(async () => {
  // No background loop: the test queues deliveries and prunes itself.
  c = await startConsole({ ALLOW_HTTP_LOOPBACK_ISSUER: '1' }, { eventWorkers: false });
  apiKey = (await new ApiKeysService(c.harness.db).create('App', 'ada@example.test')).secret;
});
afterEach(() => c.close());

async function read(after?: string) {
  const response = await c.harness.app.inject({
    method: 'GET',
    url: `/api/v1/events${after === undefined ? '' : `?after=${after}`}`,
    headers: { authorization: `Bearer ${apiKey}` },
  });
  expectContractAnswer(listEvents, response);
  return response;
}

const page = async (after?: string) => {
  const response = await read(after);
  expect(response.statusCode, response.body).toBe(200);
  return eventPage.parse(response.json());
};

/**
 * What a restart does: the server prunes when it starts (in the background) and stops pruning
 * before it closes, so once a second server on the same database has closed, it has pruned.
 */
async function prune() {
  const again = await startHarness({ db: c.harness.db, eventWorkers: false });
  await again.close();
}

describe('event retention', () => {
  it('prunes old events after their deliveries, and answers 410 to a cursor before them', async () => {
    const added = await c.admin.inject({
      method: 'POST',
      url: '/api/webhooks',
      payload: { url: 'http://127.0.0.1:9/hooks', eventTypes: ['user.created'] },
    });
    expect(added.statusCode, added.body).toBe(201);
    for (let i = 0; i < 6; i++) await c.pushUser(`r${i}@acme.com`);
    await new WebhookDispatcher(c.harness.db).runOnce();
    const cursors = (await page()).events.map((e) => e.cursor);
    expect(cursors).toHaveLength(6);

    // Events 1 to 4 are old; deliveries of 1 and 2 were delivered long ago, 3's still pending.
    const db = c.harness.db;
    const seqs = (await db.selectFrom('events').select('seq').orderBy('seq').execute()).map(
      (r) => r.seq,
    );
    await db
      .updateTable('events')
      .set({ occurred_at: LONG_AGO })
      .where('seq', '<=', seqs[3] as number)
      .execute();
    await db
      .updateTable('webhook_deliveries')
      .set({ created_at: LONG_AGO })
      .where('event_seq', '<=', seqs[2] as number)
      .execute();
    await db
      .updateTable('webhook_deliveries')
      .set({ status: 'delivered' })
      .where('event_seq', '<=', seqs[1] as number)
      .execute();

    await prune();
    expect((await page()).events.map((e) => e.cursor)).toEqual(cursors.slice(2));
    const left = await db.selectFrom('webhook_deliveries').select('event_seq').execute();
    expect(left.map((d) => d.event_seq).sort()).toEqual(seqs.slice(2));

    const gone = await read(cursors[0]);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().code).toBe('gone');
    expect(gone.json().fields.after).toMatch(/older than the events kept.*ACTIVITY_RETENTION_DAYS/);
    expect(gone.json().fields.after).toMatch(/without after/);
    expect((await read(Buffer.from('e:0:').toString('base64url'))).statusCode).toBe(410);
    // The last pruned one: nothing after it is missing.
    expect((await page(cursors[1])).events.map((e) => e.cursor)).toEqual(cursors.slice(2));
    expect((await page(cursors[2])).events.map((e) => e.cursor)).toEqual(cursors.slice(3));

    // Event 3's delivery is given up and 4's delivered (lately: it stays in the log): 3 and 4 go.
    await db
      .updateTable('webhook_deliveries')
      .set({ status: 'failed' })
      .where('event_seq', '=', seqs[2] as number)
      .execute();
    await db
      .updateTable('webhook_deliveries')
      .set({ status: 'delivered' })
      .where('event_seq', '=', seqs[3] as number)
      .execute();
    await prune();
    expect((await page()).events.map((e) => e.cursor)).toEqual(cursors.slice(4));
    expect((await read(cursors[2])).statusCode).toBe(410);
    expect((await page(cursors[3])).events.map((e) => e.cursor)).toEqual(cursors.slice(4));
    const forged = Buffer.from(`e:${seqs[4]}:evt_forged`).toString('base64url');
    expect((await read(forged)).statusCode).toBe(400);
  });

  it('refuses to resend a delivery whose event was pruned', async () => {
    const added = await c.admin.inject({
      method: 'POST',
      url: '/api/webhooks',
      payload: { url: 'http://127.0.0.1:9/hooks', eventTypes: ['user.created'] },
    });
    const endpointId = added.json().endpoint.id as number;
    await c.pushUser('old@acme.com');
    await c.pushUser('new@acme.com');
    await new WebhookDispatcher(c.harness.db).runOnce();
    const db = c.harness.db;
    const [first] = await db.selectFrom('webhook_deliveries').selectAll().orderBy('id').execute();
    await db
      .updateTable('events')
      .set({ occurred_at: LONG_AGO })
      .where('seq', '=', first?.event_seq as number)
      .execute();
    // Resent lately (so the delivery itself is young) and delivered again.
    await db.updateTable('webhook_deliveries').set({ status: 'delivered' }).execute();
    await prune();
    const response = await c.admin.inject({
      method: 'POST',
      url: `/api/webhooks/${endpointId}/deliveries/${first?.id}/resend`,
    });
    expectContractAnswer(resendWebhookDelivery, response);
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toMatch(/no longer be sent/);
  });
});
