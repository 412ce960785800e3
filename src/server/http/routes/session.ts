import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getSession, type SignInBody, signIn, signOut } from '../../../shared/api/session';
import { ServiceError } from '../../services/errors';
import { adminToken, clearAdminCookie, setAdminCookie } from '../admin-auth';
import { recordAttempt } from '../audit-attempt';
import type { AppContext } from '../context';
import { registerEndpoint, respond } from '../endpoint';
import { SIGN_IN_FORM_ENDPOINT, signInForm } from './sign-in-form';

/** What the sign-in handler reads, from either of its two addresses. */
interface SignInInput {
  body: SignInBody;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** The session endpoints, and the server-rendered sign-in page that posts to them. */
export async function sessionRoutes(app: FastifyInstance, ctx: AppContext) {
  await app.register(async (scope) => {
    signInForm(scope, ctx);
    sessionEndpoints(scope, ctx);
  });
}

function sessionEndpoints(app: FastifyInstance, ctx: AppContext) {
  registerEndpoint(app, ctx, getSession, async ({ request }) => {
    const token = adminToken(request, ctx.config);
    const session = token ? await ctx.sessions.find(token) : undefined;
    if (!session) return respond(200, { signedIn: false });
    return respond(200, {
      signedIn: true,
      admin: { email: session.email },
      csrfToken: session.csrfToken,
      mustChangePassword: session.mustChangePassword,
    });
  });

  const signInHandler = async ({ body, request, reply }: SignInInput) => {
    let admin: { id: number; email: string; mustChangePassword: boolean };
    try {
      admin = await ctx.admins.authenticate(body.email, body.password, request.ip);
    } catch (error) {
      // Only the typed email is kept, never what was typed as the password.
      if (error instanceof ServiceError && error.kind === 'unauthenticated') {
        await recordAttempt(ctx, request, {
          kind: 'admin_sign_in_failed',
          actor: body.email,
          summary: 'Failed admin sign-in: the email and password do not match',
          details: { email: body.email.trim().slice(0, 320) },
        });
      }
      throw error;
    }
    // The cookie is set only once the session and its audit entry are both stored.
    const session = await ctx.audit.recorded(
      (trx) => ctx.sessions.withDb(trx).create(admin.id),
      () => ({ kind: 'admin_sign_in', actor: admin.email, summary: 'Signed in' }),
    );
    setAdminCookie(reply, ctx.config, session.token, session.expiresAt);
    request.log.info({ event: 'admin.sign_in', admin: admin.email }, 'admin signed in');
    return respond(200, {
      admin: { email: admin.email },
      csrfToken: session.csrfToken,
      mustChangePassword: admin.mustChangePassword,
    });
  };
  registerEndpoint(app, ctx, signIn, signInHandler);
  // The same endpoint where the sign-in page posts its form, so a refused sign-in shows the
  // page again at its own address (sign-in-form.ts), not at /api/session.
  registerEndpoint(app, ctx, SIGN_IN_FORM_ENDPOINT, signInHandler);

  registerEndpoint(app, ctx, signOut, async ({ request, reply }) => {
    const token = adminToken(request, ctx.config);
    if (token) {
      await ctx.audit.recorded(
        async (trx) => {
          const sessions = ctx.sessions.withDb(trx);
          const session = await sessions.find(token);
          await sessions.end(token);
          return session;
        },
        (session) =>
          session && { kind: 'admin_sign_out', actor: session.email, summary: 'Signed out' },
      );
    }
    clearAdminCookie(reply, ctx.config);
    return respond(204, undefined);
  });
}
