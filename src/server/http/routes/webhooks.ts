import type { FastifyInstance } from 'fastify';
import {
  createWebhook,
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
  resendWebhookDelivery,
  sendTestWebhook,
  updateWebhook,
} from '../../../shared/api/webhooks';
import { checkWebhookUrl } from '../../services/webhooks/url-check';
import type { AppContext } from '../context';
import { registerEndpoint, respond } from '../endpoint';

export function webhooksRoutes(app: FastifyInstance, ctx: AppContext) {
  const hooks = ctx.webhooks;

  registerEndpoint(app, ctx, listWebhooks, async () =>
    respond(200, { endpoints: await hooks.list() }),
  );

  registerEndpoint(app, ctx, createWebhook, async ({ body, admin, request }) => {
    // DNS is asked before the transaction: nothing waits on the network while holding it.
    const url = await checkWebhookUrl(body.url, ctx.webhookGuard);
    const created = await ctx.audit.recorded(
      (trx) => hooks.withDb(trx).create({ ...body, url }, admin.email),
      ({ endpoint }) => ({
        kind: 'webhook_added',
        actor: admin.email,
        summary: `Added the webhook endpoint ${endpoint.url}`,
        details: {
          endpointId: endpoint.id,
          url: endpoint.url,
          eventTypes: endpoint.eventTypes.join(', '),
        },
      }),
    );
    request.log.info(
      { event: 'webhook.added', admin: admin.email, id: created.endpoint.id },
      'webhook endpoint added',
    );
    return respond(201, created);
  });

  registerEndpoint(app, ctx, updateWebhook, async ({ params, body, admin }) => {
    const { after } = await ctx.audit.recorded(
      (trx) => hooks.withDb(trx).update(params.id, body),
      ({ before, after }) => ({
        kind: 'webhook_changed',
        actor: admin.email,
        summary:
          before.enabled !== after.enabled
            ? `${after.enabled ? 'Enabled' : 'Disabled'} the webhook endpoint ${after.url}`
            : `Changed the webhook endpoint ${after.url}`,
        details: {
          endpointId: after.id,
          url: after.url,
          enabled: after.enabled,
          eventTypes: after.eventTypes.join(', '),
        },
      }),
    );
    ctx.eventWorkers.kick();
    return respond(200, after);
  });

  registerEndpoint(app, ctx, deleteWebhook, async ({ params, admin }) => {
    await ctx.audit.recorded(
      (trx) => hooks.withDb(trx).remove(params.id),
      (before) => ({
        kind: 'webhook_removed',
        actor: admin.email,
        summary: `Removed the webhook endpoint ${before.url}`,
        details: { endpointId: before.id, url: before.url },
      }),
    );
    return respond(204, undefined);
  });

  registerEndpoint(app, ctx, sendTestWebhook, async ({ params, admin }) => {
    const delivery = await ctx.audit.recorded(
      (trx) => hooks.withDb(trx).sendTest(params.id),
      (d) => ({
        kind: 'webhook_test_sent',
        actor: admin.email,
        summary: `Sent a test event to webhook endpoint ${params.id}`,
        details: { endpointId: params.id, eventId: d.eventId },
      }),
    );
    ctx.eventWorkers.kick();
    return respond(202, delivery);
  });

  registerEndpoint(app, ctx, listWebhookDeliveries, async ({ params, query }) =>
    respond(200, await hooks.deliveries(params.id, query.page, query.pageSize)),
  );

  registerEndpoint(app, ctx, resendWebhookDelivery, async ({ params, admin }) => {
    const delivery = await ctx.audit.recorded(
      (trx) => hooks.withDb(trx).resend(params.id, params.deliveryId),
      (d) => ({
        kind: 'webhook_resent',
        actor: admin.email,
        summary: `Resent event ${d.eventId} to webhook endpoint ${params.id}`,
        details: { endpointId: params.id, deliveryId: d.id, eventId: d.eventId },
      }),
    );
    ctx.eventWorkers.kick();
    return respond(202, delivery);
  });
}
