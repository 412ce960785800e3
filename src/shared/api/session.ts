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
});
export type AdminSession = z.infer<typeof adminSession>;

export const getSession = defineEndpoint({
  method: 'GET',
  path: '/api/session',
  summary: 'The signed-in admin, with the CSRF token for state-changing requests',
  auth: 'none',
  responses: { 200: adminSession, 401: errorResponses[401] },
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
