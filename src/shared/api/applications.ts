import { z } from 'zod';
import { defineEndpoint, noContent } from './endpoint';
import { apiErrorSchema, errorResponses } from './errors';

const isoDate = z.iso.datetime();

export const MAX_APPLICATION_URIS = 10;
/** "Rotate secret": how long the old secret keeps working, in hours; 24 unless chosen. */
export const GRACE_HOURS = [0, 1, 24, 168] as const;
export const DEFAULT_GRACE_HOURS = 24;

/**
 * What is wrong with a redirect or post-logout address, or undefined when it may be registered.
 * https, or http on loopback when the server allows it (ALLOW_HTTP_LOOPBACK_ISSUER); no fragment,
 * no user or password in it. Pure: the form and the server say the same.
 */
export function judgeApplicationUri(value: string, allowHttpLoopback: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter a full address, for example https://app.example.com/callback.';
  }
  if (url.username || url.password) return 'Remove the user name and password from the address.';
  if (url.hash || value.includes('#')) return 'Remove the fragment (#…): it is not allowed here.';
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && loopback) {
    return allowHttpLoopback
      ? undefined
      : 'Use https: http is allowed only on loopback with ALLOW_HTTP_LOOPBACK_ISSUER=1.';
  }
  return 'Use an https address.';
}

const uriList = z
  .array(z.string().trim().max(2048, 'Too long: at most 2,048 characters.'))
  .max(MAX_APPLICATION_URIS, `At most ${MAX_APPLICATION_URIS} addresses.`);

export const applicationName = z
  .string()
  .trim()
  .min(1, 'Enter a name, for example Time tracker.')
  .max(100, 'Too long: at most 100 characters.');

export const createApplicationBody = z.strictObject({
  name: applicationName,
  redirectUris: uriList.min(1, 'Enter at least one redirect URI.'),
  postLogoutRedirectUris: uriList.default([]),
});
export type CreateApplicationBody = z.input<typeof createApplicationBody>;

export const applicationView = z.object({
  /** The OAuth client_id. */
  clientId: z.string(),
  name: z.string(),
  redirectUris: z.array(z.string()),
  postLogoutRedirectUris: z.array(z.string()),
  createdAt: isoDate,
  createdBy: z.string(),
  secretSetAt: isoDate,
  /** After a rotation: until when the secret before it still works. */
  previousSecretValidUntil: isoDate.nullable(),
});
export type ApplicationView = z.infer<typeof applicationView>;

export const applicationList = z.object({
  applications: z.array(applicationView),
  /** The console's issuer (PUBLIC_URL) and its discovery document, for the application's settings. */
  issuer: z.string(),
  discoveryUrl: z.string(),
});
export type ApplicationList = z.infer<typeof applicationList>;

export const applicationWithSecret = z.object({
  application: applicationView,
  /** The client secret: shown once, never sent again. */
  clientSecret: z.string(),
});
export type ApplicationWithSecret = z.infer<typeof applicationWithSecret>;

/** `osc_app_` and 16 random characters, as the console makes them. */
export const CLIENT_ID_FORMAT = /^osc_app_[A-Za-z0-9_-]{16}$/;
export const applicationParams = z.object({
  clientId: z.string().regex(CLIENT_ID_FORMAT, 'Not a client ID of this console.'),
});

export const rotateSecretBody = z.strictObject({
  graceHours: z.literal([...GRACE_HOURS], {
    error: (issue) =>
      issue.input === undefined
        ? 'This field is required.'
        : `Choose one of ${GRACE_HOURS.join(', ')} hours.`,
  }),
});
export type RotateSecretBody = z.input<typeof rotateSecretBody>;

export const listApplications = defineEndpoint({
  method: 'GET',
  path: '/api/applications',
  summary: "Applications that sign people in through the console's OpenID Provider",
  auth: 'admin',
  responses: { 200: applicationList, 401: errorResponses[401] },
});

export const createApplication = defineEndpoint({
  method: 'POST',
  path: '/api/applications',
  summary: 'Add an application; the answer carries its client secret, once',
  auth: 'admin',
  body: createApplicationBody,
  responses: { 201: applicationWithSecret, ...errorResponses },
});

export const rotateApplicationSecret = defineEndpoint({
  method: 'POST',
  path: '/api/applications/:clientId/secret',
  summary: 'A new client secret, once; the old one works for the chosen grace period',
  auth: 'admin',
  params: applicationParams,
  body: rotateSecretBody,
  responses: { 200: applicationWithSecret, 404: apiErrorSchema, ...errorResponses },
});

export const removeApplication = defineEndpoint({
  method: 'DELETE',
  path: '/api/applications/:clientId',
  summary: 'Remove an application: its tokens and sessions end',
  auth: 'admin',
  params: applicationParams,
  responses: { 204: noContent, 404: apiErrorSchema, ...errorResponses },
});
