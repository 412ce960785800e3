import { z } from 'zod';
import { defineEndpoint, noContent } from './endpoint';
import { errorResponses } from './errors';

export const signInBody = z.strictObject({
  email: z.string().trim().min(1, 'Enter your email.').max(320, 'This email is too long.'),
  password: z.string().min(1, 'Enter your password.').max(1024, 'This password is too long.'),
});
export type SignInBody = z.infer<typeof signInBody>;

export const adminSession = z.object({
  admin: z.object({ email: z.string() }),
  /** Sent back in the X-CSRF-Token header on every state-changing request. */
  csrfToken: z.string(),
  /**
   * The admin signed in with a password the console made: until they choose their own, every
   * other admin request answers 403 `password_change_required` (PASSWORD_CHANGE_REQUIRED).
   */
  mustChangePassword: z.boolean(),
});

/** The error code of an admin request refused until the admin chooses their own password. */
export const PASSWORD_CHANGE_REQUIRED = 'password_change_required';
export type AdminSession = z.infer<typeof adminSession>;

/**
 * Who is signed in. Signed out is an answer, not an error: the sign-in page asks on every load,
 * and a 401 there would only fill the browser console with a failed request.
 */
export const sessionState = z.discriminatedUnion('signedIn', [
  z.object({ signedIn: z.literal(false) }),
  adminSession.extend({ signedIn: z.literal(true) }),
]);
export type SessionState = z.infer<typeof sessionState>;

export const getSession = defineEndpoint({
  method: 'GET',
  path: '/api/session',
  summary:
    'Whether an admin is signed in; when one is, who, with the CSRF token for state-changing requests',
  auth: 'none',
  responses: { 200: sessionState },
});

export const signIn = defineEndpoint({
  method: 'POST',
  path: '/api/session',
  summary: 'Sign in as an admin',
  auth: 'none',
  body: signInBody,
  responses: { 200: adminSession, ...errorResponses },
});

export const signOut = defineEndpoint({
  method: 'DELETE',
  path: '/api/session',
  summary: 'Sign out: ends the session on the server',
  auth: 'admin',
  responses: { 204: noContent, ...errorResponses },
});
