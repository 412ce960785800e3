import { z } from 'zod';
import { defineEndpoint } from './endpoint';
import { errorResponses } from './errors';

export const consoleSettings = z.object({
  publicUrl: z.string(),
  /** What the admin pastes into Okta as the Login Redirect URI. */
  loginRedirectUri: z.string(),
  /** What the admin pastes into Okta as the Initiate Login URI. */
  initiateLoginUri: z.string(),
  /** ALLOW_HTTP_LOOPBACK_ISSUER=1: http issuers on loopback are accepted (tests and demos only). */
  allowHttpLoopbackIssuer: z.boolean(),
});
export type ConsoleSettings = z.infer<typeof consoleSettings>;

export const getSettings = defineEndpoint({
  method: 'GET',
  path: '/api/settings',
  summary: 'Addresses to paste into Okta and server settings the console shows',
  auth: 'admin',
  responses: { 200: consoleSettings, 401: errorResponses[401] },
});
