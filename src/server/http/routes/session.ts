import type { FastifyInstance } from 'fastify';
import { getSession, signIn, signOut } from '../../../shared/api/session';
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
    const admin = await ctx.admins.authenticate(body.email, body.password, request.ip);
    const session = await ctx.sessions.create(admin.id);
    setAdminCookie(reply, ctx.config, session.token, session.expiresAt);
    request.log.info({ event: 'admin.sign_in', admin: admin.email }, 'admin signed in');
    return respond(200, { admin: { email: admin.email }, csrfToken: session.csrfToken });
  });

  registerEndpoint(app, ctx, signOut, async ({ request, reply }) => {
    const token = adminToken(request, ctx.config);
    if (token) await ctx.sessions.end(token);
    clearAdminCookie(reply, ctx.config);
    return respond(204, undefined);
  });
}
