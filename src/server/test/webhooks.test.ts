/**
 * Webhook endpoints end to end in-process: real loopback receivers, signatures checked with the
 * standardwebhooks package, retries with the same webhook-id, the delivery log, test events,
 * resend, the 3-day give-up (shortened by config), SSRF refusals and field-level 400s.
 */
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createdWebhook,
  createWebhook,
  deliveryPage,
  listWebhookDeliveries,
  webhookList,
} from '../../shared/api/webhooks';
import { expectContractAnswer } from '../../testing/contract-answer';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver';
import type { Resolver } from '../services/webhooks/address-guard';
import { type Console, startConsole } from './licence-fixtures';

const hosts: Record<string, string[]> = {
  'sneaky.example': ['127.0.0.1'],
  'metadata.example': ['169.254.169.254'],
  'v6meta.example': ['fd00:ec2::254'],
  'intranet.example': ['10.20.30.40'],
};
const resolver: Resolver = async (host) => {
  const list = hosts[host];
  if (!list) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
  return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

let c: Console;
let receiver: WebhookReceiver;
beforeEach(async () => {
  receiver = await startWebhookReceiver();
  c = await startConsole(
    { ALLOW_HTTP_LOOPBACK_ISSUER: '1' },
    {
      webhookResolver: resolver,
      config: {
        eventsPollMs: 20,
        webhookRetryBaseMs: 20,
        webhookRetryMaxMs: 100,
        webhookTimeoutMs: 1_000,
      },
    },
  );
});
afterEach(async () => {
  await c.close();
  await receiver.close();
});

async function add(body: Record<string, unknown>) {
  const response = await c.admin.inject({ method: 'POST', url: '/api/webhooks', payload: body });
  expectContractAnswer(createWebhook, response);
  return response;
}

async function added(eventTypes = ['user.created', 'user.licence_changed', 'group.created']) {
  const response = await add({ url: receiver.url, description: 'App', eventTypes });
  expect(response.statusCode, response.body).toBe(201);
  return createdWebhook.parse(response.json());
}

async function until<T>(read: () => T | Promise<T>, ok: (v: T) => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function log(id: number) {
  const response = await c.admin.inject({ method: 'GET', url: `/api/webhooks/${id}/deliveries` });
  expectContractAnswer(listWebhookDeliveries, response);
  return deliveryPage.parse(response.json());
}

describe('webhooks', () => {
  it('delivers signed events that verify with standardwebhooks, retrying with the same id', async () => {
    const { endpoint, secret } = await added();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    let failFirst = true;
    receiver.answer = () => {
      const status = failFirst ? 500 : 200;
      failFirst = false;
      return { status };
    };
    const ann = await c.pushUser('ann@acme.com');
    await until(
      () => receiver.received.filter((r) => r.status === 200).length,
      (n) => n >= 1,
    );
    const [failed, ok] = receiver.received;
    expect(failed?.status).toBe(500);
    expect(ok?.id).toBe(failed?.id);
    const verified = new Webhook(secret).verify(ok?.body ?? '', ok?.headers ?? {}) as {
      type: string;
      data: { user: { id: string } };
    };
    expect(verified.type).toBe('user.created');
    expect(verified.data.user.id).toBe(ann);
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(
        ok?.body ?? '',
        ok?.headers ?? {},
      ),
    ).toThrow();

    const page = await until(
      () => log(endpoint.id),
      (p) => p.deliveries[0]?.status === 'delivered',
    );
    expect(page.deliveries[0]).toMatchObject({ attempts: 2, lastStatus: 200, nextAttemptAt: null });

    // The secret is never sent again, logged or audited.
    const list = await c.admin.inject({ method: 'GET', url: '/api/webhooks' });
    expect(webhookList.parse(list.json()).endpoints[0]?.url).toBe(receiver.url);
    const audit = await c.admin.inject({ method: 'GET', url: '/api/audit' });
    for (const text of [list.body, audit.body, c.harness.logText()])
      expect(text).not.toContain(secret.slice(6));
    expect(audit.body).toContain('Added the webhook endpoint');
  });

  it('sends a test event and resends a delivery on request', async () => {
    const { endpoint, secret } = await added(['group.created']);
    const sent = await c.admin.inject({ method: 'POST', url: `/api/webhooks/${endpoint.id}/test` });
    expect(sent.statusCode, sent.body).toBe(202);
    await until(
      () => receiver.received.length,
      (n) => n === 1,
    );
    const test = receiver.received[0];
    expect(
      (new Webhook(secret).verify(test?.body ?? '', test?.headers ?? {}) as { type: string }).type,
    ).toBe('webhook.test');
    const { deliveries } = await until(
      () => log(endpoint.id),
      (p) => p.deliveries[0]?.status === 'delivered',
    );
    const resent = await c.admin.inject({
      method: 'POST',
      url: `/api/webhooks/${endpoint.id}/deliveries/${deliveries[0]?.id}/resend`,
    });
    expect(resent.statusCode, resent.body).toBe(202);
    await until(
      () => receiver.received.length,
      (n) => n === 2,
    );
    expect(receiver.received[1]?.id).toBe(test?.id);
    const missing = await c.admin.inject({ method: 'POST', url: '/api/webhooks/999/test' });
    expect(missing.statusCode).toBe(404);
  });

  it('pages the delivery log, newest first, and refuses a bad page with a field-level 400', async () => {
    const { endpoint } = await added(['group.created']);
    for (let i = 0; i < 5; i++) {
      const sent = await c.admin.inject({
        method: 'POST',
        url: `/api/webhooks/${endpoint.id}/test`,
      });
      expect(sent.statusCode).toBe(202);
    }
    const page = async (query: string) => {
      const response = await c.admin.inject({
        method: 'GET',
        url: `/api/webhooks/${endpoint.id}/deliveries?${query}`,
      });
      expectContractAnswer(listWebhookDeliveries, response);
      return response;
    };
    const all = deliveryPage.parse((await page('pageSize=5')).json()).deliveries.map((d) => d.id);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    const second = deliveryPage.parse((await page('page=2&pageSize=2')).json());
    expect(second).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(second.deliveries.map((d) => d.id)).toEqual(all.slice(2, 4));
    const past = deliveryPage.parse((await page('page=9&pageSize=2')).json());
    expect(past.deliveries).toEqual([]);
    for (const [query, field] of [
      ['page=0', 'page'],
      ['pageSize=101', 'pageSize'],
      ['page=two', 'page'],
    ] as const) {
      const refused = await page(query);
      expect(refused.statusCode, query).toBe(400);
      expect(Object.keys(refused.json().fields ?? {}), query).toEqual([field]);
    }
  });

  it('gives up after the retry window, disables the endpoint and says why', async () => {
    await c.close();
    c = await startConsole(
      { ALLOW_HTTP_LOOPBACK_ISSUER: '1' },
      {
        config: {
          eventsPollMs: 20,
          webhookRetryBaseMs: 20,
          webhookRetryMaxMs: 40,
          webhookGiveUpAfterMs: 300,
        },
      },
    );
    receiver.answer = () => ({ status: 503 });
    const { endpoint } = await added(['user.created']);
    await c.pushUser('ann@acme.com');
    const list = await until(
      async () =>
        webhookList.parse((await c.admin.inject({ method: 'GET', url: '/api/webhooks' })).json()),
      (l) => l.endpoints[0]?.enabled === false,
    );
    expect(list.endpoints[0]?.disabledReason).toMatch(
      /kept failing.*Last error: The receiver answered 503/,
    );
    expect((await log(endpoint.id)).deliveries[0]?.status).toBe('failed');
    expect(receiver.received.length).toBeGreaterThan(2);
  });

  it('treats a redirect as a failure and never follows it', async () => {
    const { endpoint } = await added(['user.created']);
    receiver.answer = () => ({ status: 302 });
    await c.pushUser('ann@acme.com');
    const page = await until(
      () => log(endpoint.id),
      (p) => (p.deliveries[0]?.attempts ?? 0) >= 1,
    );
    expect(page.deliveries[0]).toMatchObject({ status: 'pending', lastStatus: 302 });
    expect(page.deliveries[0]?.lastError).toMatch(/redirects are not followed/);
  });

  it('refuses bad input and unsafe addresses with field-level 400s', async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ url: 'not a url', eventTypes: ['user.created'] }, 'url', /Enter a URL/],
      [{ url: 'ftp://files.example/x', eventTypes: ['user.created'] }, 'url', /Enter a URL/],
      [{ url: 'http://hooks.example/x', eventTypes: ['user.created'] }, 'url', /Use https/],
      [{ url: 'https://10.0.0.5/x', eventTypes: ['user.created'] }, 'url', /private-network/],
      [{ url: 'https://169.254.169.254/latest', eventTypes: ['user.created'] }, 'url', /metadata/],
      [
        { url: 'https://[::ffff:169.254.169.254]/', eventTypes: ['user.created'] },
        'url',
        /metadata/,
      ],
      [
        { url: 'https://metadata.example/', eventTypes: ['user.created'] },
        'url',
        /resolves to 169\.254\.169\.254/,
      ],
      [{ url: 'https://v6meta.example/', eventTypes: ['user.created'] }, 'url', /metadata/],
      [
        { url: 'https://intranet.example/', eventTypes: ['user.created'] },
        'url',
        /WEBHOOK_ALLOW_PRIVATE_NETWORKS/,
      ],
      [
        { url: 'https://nowhere.example/', eventTypes: ['user.created'] },
        'url',
        /could not be resolved/,
      ],
      [
        { url: 'https://u:p@93.184.215.14/', eventTypes: ['user.created'] },
        'url',
        /user name and password/,
      ],
      [
        { url: 'https://93.184.215.14/', eventTypes: ['user.exploded'] },
        'eventTypes.0',
        /Choose event types/,
      ],
      [{ url: 'https://93.184.215.14/', eventTypes: [] }, 'eventTypes', /at least one/],
    ];
    for (const [body, field, message] of cases) {
      const response = await add(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().fields?.[field], JSON.stringify(body)).toMatch(message);
    }
  });

  it('refuses loopback receivers, even through DNS, unless ALLOW_HTTP_LOOPBACK_ISSUER is on', async () => {
    await c.close();
    c = await startConsole({}, { webhookResolver: resolver });
    for (const url of [
      receiver.url,
      'https://127.0.0.1/x',
      'https://sneaky.example/x',
      'https://[::1]/x',
    ]) {
      const response = await add({ url, eventTypes: ['user.created'] });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().fields?.url, url).toMatch(/https|loopback/);
    }
  });
});
