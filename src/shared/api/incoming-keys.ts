import { z } from 'zod';
import { judgeIssuer, MAX_ISSUER_LENGTH } from '../validation/issuer';
import { defineEndpoint } from './endpoint';
import { errorResponses } from './errors';

/** Half of a surrogate pair alone: a copy-paste accident that no Okta value contains. */
const BROKEN_TEXT = /\p{Cs}/u;
const BROKEN_TEXT_MESSAGE = 'This has a broken character in it: copy it from Okta again.';

/**
 * The "Setup incoming Okta keys" form, as the client validates it and the server receives it.
 * The issuer rule here accepts loopback http; whether the server allows it is its own setting
 * (ALLOW_HTTP_LOOPBACK_ISSUER), applied with the same `judgeIssuer` on both sides.
 */
export const incomingKeysBody = z.strictObject({
  clientId: z
    .string()
    .trim()
    .min(1, 'Paste the Client ID from the Okta application.')
    .max(255, 'This is too long to be a Client ID.')
    .refine((v) => !/\s/.test(v), { error: 'Remove the spaces: a Client ID has none.' })
    .refine((v) => !BROKEN_TEXT.test(v), { error: BROKEN_TEXT_MESSAGE }),
  /** Empty keeps the stored secret (not allowed when the Issuer URI or Client ID changes). */
  clientSecret: z
    .string()
    .trim()
    .max(512, 'This is too long to be a Client secret.')
    .refine((v) => !/\s/.test(v), { error: 'Remove the spaces: a Client secret has none.' })
    .refine((v) => !BROKEN_TEXT.test(v), { error: BROKEN_TEXT_MESSAGE }),
  issuerUri: z
    .string()
    .max(MAX_ISSUER_LENGTH, 'This is too long to be an Issuer URI.')
    .superRefine((value, ctx) => {
      const verdict = judgeIssuer(value, { allowHttpLoopback: true });
      if (!verdict.ok) ctx.addIssue({ code: 'custom', message: verdict.message });
    })
    .transform((v) => v.trim()),
});
export type IncomingKeysBody = z.input<typeof incomingKeysBody>;

const isoDate = z.iso.datetime();

export const incomingKeysView = z.discriminatedUnion('configured', [
  z.object({ configured: z.literal(false) }),
  z.object({
    configured: z.literal(true),
    clientId: z.string(),
    issuerUri: z.string(),
    /** Okta's org authorization server (https://acme.okta.com) or a custom one (/oauth2/...). */
    serverKind: z.enum(['org', 'custom']),
    /** An Okta domain, a custom URL domain accepted through discovery, or loopback (tests). */
    domainKind: z.enum(['okta', 'custom-domain', 'loopback']),
    tokenEndpointAuthMethod: z.enum(['client_secret_basic', 'client_secret_post']),
    secretSetAt: isoDate,
    verifiedAt: isoDate,
    updatedAt: isoDate,
    updatedBy: z.string(),
  }),
]);
export type IncomingKeysView = z.infer<typeof incomingKeysView>;

export const getIncomingKeys = defineEndpoint({
  method: 'GET',
  path: '/api/incoming-keys',
  summary: 'The stored incoming Okta keys (never the client secret)',
  auth: 'admin',
  responses: { 200: incomingKeysView, 401: errorResponses[401] },
});

export const saveIncomingKeys = defineEndpoint({
  method: 'PUT',
  path: '/api/incoming-keys',
  summary:
    'Check the issuer by discovery and the client pair at the token endpoint, then store the keys',
  auth: 'admin',
  body: incomingKeysBody,
  responses: { 200: incomingKeysView, ...errorResponses },
});

export const verifyIncomingKeys = defineEndpoint({
  method: 'POST',
  path: '/api/incoming-keys/verify',
  summary: 'Check the stored keys against Okta again',
  auth: 'admin',
  responses: { 200: incomingKeysView, 404: errorResponses[400], ...errorResponses },
});

/**
 * Why a new Client secret is needed when the secret field is empty: nothing is stored yet, or the
 * connection moved away from the stored one. Client and server answer with these same words.
 */
export function secretNeededBecause(
  stored: { clientId: string; issuerUri: string } | undefined,
  values: { clientId: string; issuerUri: string },
): string | undefined {
  if (!stored) return 'Paste the Client secret from the Okta application.';
  if (values.issuerUri.trim() !== stored.issuerUri) {
    return 'The Issuer URI changed: paste the Client secret again.';
  }
  if (values.clientId.trim() !== stored.clientId) {
    return 'The Client ID changed: paste its Client secret.';
  }
  return undefined;
}
