import type { FastifyInstance } from 'fastify';
import { getSession, signIn, signOut } from '../../../shared/api/session';
import { ServiceError } from '../../services/errors';
import { adminToken, clearAdminCookie, setAdminCookie } from '../admin-auth';
import type { AppContext } from '../context';
import { registerEndpoint, respond } from '../endpoint';

export function sessionRoutes(app: FastifyInstance, ctx: AppContext) {
  registerEndpoint(app, ctx, getSession, async ({ request }) => {
    const token = adminToken(request, ctx.config);
    const session = token ? await ctx.sessions.find(token) : undefined;
    if (!session) return respond(200, { signedIn: false });
    return respond(200, {
      signedIn: true,
      admin: { email: session.email },
      csrfToken: session.csrfToken,
    });
  });

  registerEndpoint(app, ctx, signIn, async ({ body, request, reply }) => {
    let admin: { id: number; email: string };
    try {
      admin = await ctx.admins.authenticate(body.email, body.password, request.ip);
    } catch (error) {
      // Only the typed email is kept, never what was typed as the password.
      if (error instanceof ServiceError && error.kind === 'unauthenticated') {
        await ctx.audit.record({
          kind: 'admin_sign_in_failed',
          actor: body.email,
          summary: 'Failed admin sign-in: the email and password do not match',
          details: { email: body.email.trim().slice(0, 320) },
        });
      }
      throw error;
    }
    const session = await ctx.sessions.create(admin.id);
    setAdminCookie(reply, ctx.config, session.token, session.expiresAt);
    await ctx.audit.record({ kind: 'admin_sign_in', actor: admin.email, summary: 'Signed in' });
    request.log.info({ event: 'admin.sign_in', admin: admin.email }, 'admin signed in');
    return respond(200, { admin: { email: admin.email }, csrfToken: session.csrfToken });
  });

  registerEndpoint(app, ctx, signOut, async ({ request, reply }) => {
    const token = adminToken(request, ctx.config);
    const session = token ? await ctx.sessions.find(token) : undefined;
    if (token) await ctx.sessions.end(token);
    if (session) {
      await ctx.audit.record({
        kind: 'admin_sign_out',
        actor: session.email,
        summary: 'Signed out',
      });
    }
    clearAdminCookie(reply, ctx.config);
    return respond(204, undefined);
  });
}
