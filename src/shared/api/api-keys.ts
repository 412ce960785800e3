import { z } from 'zod';
import { defineEndpoint, noContent } from './endpoint';
import { apiErrorSchema, errorResponses } from './errors';

const isoDate = z.iso.datetime();

/** A read-only API key for the application's backend: never the key, only its first characters. */
export const apiKeyView = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  /** e.g. `osc_api_AbC12xYz`. */
  prefix: z.string(),
  scope: z.literal('read'),
  createdAt: isoDate,
  createdBy: z.string(),
  lastUsedAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
  active: z.boolean(),
});
export type ApiKeyView = z.infer<typeof apiKeyView>;

export const apiKeyList = z.object({ keys: z.array(apiKeyView) });

export const createApiKeyBody = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'Name the key, for example "Billing backend".')
    .max(100, 'Too long: at most 100 characters.'),
});
export type CreateApiKeyBody = z.input<typeof createApiKeyBody>;

export const createdApiKey = z.object({
  key: apiKeyView,
  /** The whole key: shown once, never sent again. */
  secret: z.string(),
});
export type CreatedApiKey = z.infer<typeof createdApiKey>;

export const listApiKeys = defineEndpoint({
  method: 'GET',
  path: '/api/api-keys',
  summary: 'Read-only API keys for the events and directory API',
  auth: 'admin',
  responses: { 200: apiKeyList, 401: errorResponses[401] },
});

export const createApiKey = defineEndpoint({
  method: 'POST',
  path: '/api/api-keys',
  summary: 'Create a read-only API key; the answer carries the key, once',
  auth: 'admin',
  body: createApiKeyBody,
  responses: { 201: createdApiKey, ...errorResponses },
});

export const revokeApiKey = defineEndpoint({
  method: 'DELETE',
  path: '/api/api-keys/:id',
  summary: 'Revoke an API key: its next request gets 401',
  auth: 'admin',
  params: z.object({ id: z.coerce.number().int().positive() }),
  responses: { 204: noContent, 404: apiErrorSchema, ...errorResponses },
});
