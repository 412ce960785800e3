import { z } from 'zod';
import { defineEndpoint, noContent } from './endpoint';
import { apiErrorSchema, errorResponses } from './errors';

/** Keys that may be active at once: two, so Okta can move to a new key without downtime. */
export const MAX_ACTIVE_ACCESS_KEYS = 2;

const isoDate = z.iso.datetime();

/** A SCIM access key as the console lists it: never the key, only its first characters. */
export const accessKeyView = z.object({
  id: z.number().int().positive(),
  /** The key's first characters, e.g. `osc_scim_AbC12xYz`, to tell keys apart. */
  prefix: z.string(),
  createdAt: isoDate,
  createdBy: z.string(),
  firstUsedAt: isoDate.nullable(),
  lastUsedAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
  active: z.boolean(),
  /**
   * An active key not used since a newer active key was first used: Okta has moved to the newer
   * key, so this one is safe to revoke.
   */
  safeToRevoke: z.boolean(),
});
export type AccessKeyView = z.infer<typeof accessKeyView>;

export const accessKeyList = z.object({
  /** Newest first; revoked keys stay listed with `revokedAt`. */
  keys: z.array(accessKeyView),
  maxActive: z.number().int(),
});
export type AccessKeyList = z.infer<typeof accessKeyList>;

export const createdAccessKey = z.object({
  key: accessKeyView,
  /** The whole key: shown once, never sent again. */
  secret: z.string(),
});
export type CreatedAccessKey = z.infer<typeof createdAccessKey>;

export const accessKeyParams = z.object({ id: z.coerce.number().int().positive() });

export const listAccessKeys = defineEndpoint({
  method: 'GET',
  path: '/api/access-keys',
  summary: 'SCIM access keys: first characters, creation, last use, revocation',
  auth: 'admin',
  responses: { 200: accessKeyList, 401: errorResponses[401] },
});

export const createAccessKey = defineEndpoint({
  method: 'POST',
  path: '/api/access-keys',
  summary: 'Create a SCIM access key; the answer carries the key, once',
  auth: 'admin',
  responses: { 201: createdAccessKey, 409: apiErrorSchema, ...errorResponses },
});

export const revokeAccessKey = defineEndpoint({
  method: 'DELETE',
  path: '/api/access-keys/:id',
  summary: 'Revoke a SCIM access key: its next request gets 401',
  auth: 'admin',
  params: accessKeyParams,
  responses: { 204: noContent, 404: apiErrorSchema, ...errorResponses },
});
