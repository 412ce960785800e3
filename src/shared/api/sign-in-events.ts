import { z } from 'zod';
import { defineEndpoint } from './endpoint';
import { errorResponses } from './errors';

/**
 * Why an end user could not sign in. not_provisioned: Okta let them sign in but the SCIM app never
 * provisioned them (assigned to the sign-in app only); not_assigned: Okta refused them because
 * they are not assigned to the sign-in (OIDC) app.
 */
export const refusalReason = z.enum([
  'not_configured',
  'issuer_mismatch',
  'not_assigned',
  'not_provisioned',
  'deactivated',
  'no_licence',
  'invalid_response',
  'okta_error',
]);
export type RefusalReason = z.infer<typeof refusalReason>;

export const signInEvent = z.object({
  id: z.number().int().positive(),
  at: z.iso.datetime(),
  /** The email or username the person signed in with; null when Okta refused before telling. */
  login: z.string().nullable(),
  outcome: z.enum(['signed_in', 'refused']),
  reason: refusalReason.nullable(),
  /** The reason in words for the admin, with what to change in Okta. */
  message: z.string().nullable(),
});
export type SignInEvent = z.infer<typeof signInEvent>;

export const signInEventsQuery = z.strictObject({
  /** Refusals by default: what the admin needs to act on. */
  outcome: z
    .enum(['refused', 'signed_in', 'all'], { error: 'Choose refused, signed_in or all.' })
    .default('refused'),
  limit: z.coerce
    .number({ error: 'Give a limit from 1 to 200.' })
    .int('Give a limit from 1 to 200.')
    .min(1, 'Give a limit from 1 to 200.')
    .max(200, 'Give a limit from 1 to 200.')
    .default(50),
  /** Events older than this id (the last id of the previous page). */
  before: z.coerce
    .number({ error: 'Expected an event id.' })
    .int('Expected an event id.')
    .positive('Expected an event id.')
    .optional(),
});

/** The users view's list of the latest refusals; also one of its first-screen requests. */
export const RECENT_REFUSALS_QUERY = { outcome: 'refused', limit: 10 } as const satisfies z.input<
  typeof signInEventsQuery
>;

export const signInEventList = z.object({ events: z.array(signInEvent) });
export type SignInEventList = z.infer<typeof signInEventList>;

export const listSignInEvents = defineEndpoint({
  method: 'GET',
  path: '/api/sign-in-events',
  summary: 'Recent end-user sign-ins and refusals with their reasons, newest first',
  auth: 'admin',
  query: signInEventsQuery,
  responses: { 200: signInEventList, 400: errorResponses[400], 401: errorResponses[401] },
});
