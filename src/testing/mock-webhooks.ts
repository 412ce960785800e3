import { api, type WebhookDelivery, type WebhookEndpointView } from '../shared/api';
import { mockBackend } from './mock-backend';
import { apiError, handle, reply } from './msw';

/** What the mock server answers for a private or plain-http URL, as the server would. */
function refusal(url: string): string | undefined {
  const host = new URL(url).hostname;
  if (/^(10\.|192\.168\.|169\.254\.)/.test(host)) {
    return `${host} is a private-network address: webhooks are not sent there (set WEBHOOK_ALLOW_PRIVATE_NETWORKS=1 to allow private networks).`;
  }
  if (url.startsWith('http:') && host !== '127.0.0.1') {
    return 'Use https://. Plain http is accepted only for loopback receivers in tests and demos (ALLOW_HTTP_LOOPBACK_ISSUER=1).';
  }
  return undefined;
}

const notFound = () => apiError(404, 'not_found', 'There is no webhook endpoint with this id.');
const now = () => new Date().toISOString();

export function deliveryFactory(overrides: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return {
    id: 1,
    eventId: 'evt_test1',
    eventType: 'user.licence_changed',
    status: 'delivered',
    attempts: 1,
    createdAt: '2026-12-04T10:00:00.000Z',
    lastAttemptAt: '2026-12-04T10:00:00.100Z',
    lastStatus: 200,
    lastDurationMs: 12,
    lastError: null,
    lastResponse: 'ok',
    nextAttemptAt: null,
    ...overrides,
  };
}

export function webhookFactory(overrides: Partial<WebhookEndpointView> = {}): WebhookEndpointView {
  return {
    id: 1,
    url: 'https://app.acme.example/webhooks',
    description: 'Billing',
    eventTypes: ['user.licence_changed'],
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    createdAt: '2026-12-01T10:00:00.000Z',
    createdBy: 'admin@acme.example',
    pending: 0,
    ...overrides,
  };
}

/** Webhooks, deliveries and API keys over mockBackend; the /api/v1 reads answer empty pages. */
export function webhookHandlers() {
  const find = (id: number) => mockBackend.webhooks.find((w) => w.id === id);
  return [
    handle(api.listWebhooks, () => reply(200, { endpoints: mockBackend.webhooks })),
    handle(api.createWebhook, ({ body }) => {
      const why = refusal(body.url);
      if (why) return apiError(400, 'invalid', why, { url: why });
      const endpoint = webhookFactory({
        id: Math.max(0, ...mockBackend.webhooks.map((w) => w.id)) + 1,
        url: body.url,
        description: body.description,
        eventTypes: body.eventTypes,
        createdAt: now(),
      });
      mockBackend.webhooks = [...mockBackend.webhooks, endpoint];
      return reply(201, { endpoint, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
    }),
    handle(api.updateWebhook, ({ params, body }) => {
      const current = find(params.id);
      if (!current) return notFound();
      const updated: WebhookEndpointView = {
        ...current,
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.eventTypes ? { eventTypes: body.eventTypes } : {}),
        ...(body.enabled !== undefined
          ? { enabled: body.enabled, disabledReason: null, disabledAt: body.enabled ? null : now() }
          : {}),
      };
      mockBackend.webhooks = mockBackend.webhooks.map((w) => (w.id === params.id ? updated : w));
      return reply(200, updated);
    }),
    handle(api.deleteWebhook, ({ params }) => {
      if (!find(params.id)) return notFound();
      mockBackend.webhooks = mockBackend.webhooks.filter((w) => w.id !== params.id);
      return reply(204, undefined);
    }),
    handle(api.sendTestWebhook, ({ params }) => {
      if (!find(params.id)) return notFound();
      const list = mockBackend.deliveries[params.id] ?? [];
      const delivery = deliveryFactory({
        id: Math.max(0, ...list.map((d) => d.id)) + 1,
        eventId: `evt_test${list.length + 1}`,
        eventType: 'webhook.test',
        createdAt: now(),
      });
      mockBackend.deliveries[params.id] = [delivery, ...list];
      return reply(202, { ...delivery, status: 'pending' as const, attempts: 0 });
    }),
    handle(api.listWebhookDeliveries, ({ params, query }) => {
      if (!find(params.id)) return notFound();
      const list = mockBackend.deliveries[params.id] ?? [];
      const start = (query.page - 1) * query.pageSize;
      return reply(200, {
        deliveries: list.slice(start, start + query.pageSize),
        total: list.length,
        page: query.page,
        pageSize: query.pageSize,
      });
    }),
    handle(api.resendWebhookDelivery, ({ params }) => {
      const list = mockBackend.deliveries[params.id] ?? [];
      const delivery = list.find((d) => d.id === params.deliveryId);
      if (!delivery)
        return apiError(404, 'not_found', 'There is no such delivery for this endpoint.');
      const again = { ...delivery, attempts: delivery.attempts + 1, lastAttemptAt: now() };
      mockBackend.deliveries[params.id] = list.map((d) => (d.id === delivery.id ? again : d));
      return reply(202, again);
    }),
    handle(api.listApiKeys, () => reply(200, { keys: mockBackend.apiKeys })),
    handle(api.createApiKey, ({ body }) => {
      const key = {
        id: Math.max(0, ...mockBackend.apiKeys.map((k) => k.id)) + 1,
        name: body.name,
        prefix: 'osc_api_AbC12xYz',
        scope: 'read' as const,
        createdAt: now(),
        createdBy: mockBackend.session?.admin.email ?? 'admin@acme.example',
        lastUsedAt: null,
        revokedAt: null,
        active: true,
      };
      mockBackend.apiKeys = [key, ...mockBackend.apiKeys];
      return reply(201, { key, secret: `osc_api_AbC12xYz${'q'.repeat(43)}` });
    }),
    handle(api.revokeApiKey, ({ params }) => {
      if (!mockBackend.apiKeys.some((k) => k.id === params.id)) {
        return apiError(404, 'not_found', 'There is no API key with this id.');
      }
      mockBackend.apiKeys = mockBackend.apiKeys.map((k) =>
        k.id === params.id ? { ...k, active: false, revokedAt: now() } : k,
      );
      return reply(204, undefined);
    }),
    handle(api.listEvents, ({ query }) =>
      reply(200, { events: [], next: query.after ?? 'ZTowOg', hasMore: false }),
    ),
    handle(api.listDirectoryUsers, () => reply(200, { users: [], next: null })),
    handle(api.getDirectoryUser, () =>
      apiError(404, 'not_found', 'There is no user with this id.'),
    ),
    handle(api.listDirectoryGroupsV1, () => reply(200, { groups: [], next: null })),
  ];
}
