import { z } from 'zod';
import { defineEndpoint, noContent } from './endpoint';
import { apiErrorSchema, errorResponses } from './errors';
import { eventType } from './events';

const isoDate = z.iso.datetime();
const URL_HINT = 'Enter a URL such as https://app.example.com/webhooks/okta.';

export const webhookUrl = z
  .string()
  .trim()
  .min(1, 'Enter the endpoint URL.')
  .max(2000, 'Too long: at most 2000 characters.')
  .refine((value) => URL.canParse(value) && /^https?:\/\//i.test(value), URL_HINT);

export const webhookEndpointView = z.object({
  id: z.number().int().positive(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(eventType),
  enabled: z.boolean(),
  /** Set when the console disabled it because deliveries kept failing for 3 days. */
  disabledReason: z.string().nullable(),
  disabledAt: isoDate.nullable(),
  createdAt: isoDate,
  createdBy: z.string(),
  /** Deliveries still to send (or retry). */
  pending: z.number().int().min(0),
});
export type WebhookEndpointView = z.infer<typeof webhookEndpointView>;

export const webhookList = z.object({ endpoints: z.array(webhookEndpointView) });

export const createWebhookBody = z.strictObject({
  url: webhookUrl,
  description: z.string().trim().max(200, 'Too long: at most 200 characters.').default(''),
  eventTypes: z.array(eventType).min(1, 'Choose at least one event type.').max(50),
});
export type CreateWebhookBody = z.input<typeof createWebhookBody>;

export const createdWebhook = z.object({
  endpoint: webhookEndpointView,
  /** `whsec_...` (Standard Webhooks): shown once, never sent again. */
  secret: z.string(),
});
export type CreatedWebhook = z.infer<typeof createdWebhook>;

export const updateWebhookBody = z
  .strictObject({
    enabled: z.boolean().optional(),
    description: z.string().trim().max(200, 'Too long: at most 200 characters.').optional(),
    eventTypes: z.array(eventType).min(1, 'Choose at least one event type.').max(50).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'Send enabled, description or eventTypes.');
export type UpdateWebhookBody = z.input<typeof updateWebhookBody>;

export const webhookParams = z.object({ id: z.coerce.number().int().positive() });

export const webhookDelivery = z.object({
  id: z.number().int().positive(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int().min(0),
  createdAt: isoDate,
  lastAttemptAt: isoDate.nullable(),
  /** The receiver's HTTP status; null when it never answered (refused address, timeout...). */
  lastStatus: z.number().int().nullable(),
  lastDurationMs: z.number().int().nullable(),
  /** Why the last attempt failed, in words. */
  lastError: z.string().nullable(),
  /** The start of the receiver's answer (at most 300 characters). */
  lastResponse: z.string().nullable(),
  /** When it is tried again; null once delivered or given up. */
  nextAttemptAt: isoDate.nullable(),
});
export type WebhookDelivery = z.infer<typeof webhookDelivery>;

export const deliveriesQuery = z.strictObject({
  page: z.coerce.number({ error: 'Give a page number.' }).int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number({ error: 'Give a page size.' }).int().min(1).max(100).default(25),
});

export const deliveryPage = z.object({
  deliveries: z.array(webhookDelivery),
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
});
export type DeliveryPage = z.infer<typeof deliveryPage>;

export const listWebhooks = defineEndpoint({
  method: 'GET',
  path: '/api/webhooks',
  summary: 'Webhook endpoints: URL, event types, enabled, why disabled; never the secret',
  auth: 'admin',
  responses: { 200: webhookList, 401: errorResponses[401] },
});

export const createWebhook = defineEndpoint({
  method: 'POST',
  path: '/api/webhooks',
  summary: 'Add a webhook endpoint; the answer carries its signing secret, once',
  auth: 'admin',
  body: createWebhookBody,
  responses: { 201: createdWebhook, ...errorResponses },
});

export const updateWebhook = defineEndpoint({
  method: 'PATCH',
  path: '/api/webhooks/:id',
  summary: 'Enable, disable or change the event types of a webhook endpoint',
  auth: 'admin',
  params: webhookParams,
  body: updateWebhookBody,
  responses: { 200: webhookEndpointView, 404: apiErrorSchema, ...errorResponses },
});

export const deleteWebhook = defineEndpoint({
  method: 'DELETE',
  path: '/api/webhooks/:id',
  summary: 'Remove a webhook endpoint and its delivery log',
  auth: 'admin',
  params: webhookParams,
  responses: { 204: noContent, 404: apiErrorSchema, ...errorResponses },
});

export const sendTestWebhook = defineEndpoint({
  method: 'POST',
  path: '/api/webhooks/:id/test',
  summary: 'Queue a signed webhook.test event for this endpoint',
  auth: 'admin',
  params: webhookParams,
  responses: { 202: webhookDelivery, 404: apiErrorSchema, ...errorResponses },
});

export const listWebhookDeliveries = defineEndpoint({
  method: 'GET',
  path: '/api/webhooks/:id/deliveries',
  summary: 'The delivery log of an endpoint, newest first',
  auth: 'admin',
  params: webhookParams,
  query: deliveriesQuery,
  responses: {
    200: deliveryPage,
    400: apiErrorSchema,
    401: errorResponses[401],
    404: apiErrorSchema,
  },
});

export const resendWebhookDelivery = defineEndpoint({
  method: 'POST',
  path: '/api/webhooks/:id/deliveries/:deliveryId/resend',
  summary: 'Send a delivery again (same webhook-id), now',
  auth: 'admin',
  params: webhookParams.extend({ deliveryId: z.coerce.number().int().positive() }),
  responses: { 202: webhookDelivery, 404: apiErrorSchema, 409: apiErrorSchema, ...errorResponses },
});
