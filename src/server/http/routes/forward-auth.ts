import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForwardAuthService } from '../../services/forward-auth';
import type { AppContext } from '../context';
import { endUserCookieNames } from './end-user-auth';

/**
 * A header value from any text: printable ASCII stays, everything else (and `%` and `,`, the
 * list separator) is percent-encoded as UTF-8, so decodeURIComponent gives the text back.
 */
export function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]|[%,]/gu, (ch) => encodeURIComponent(ch));
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The address asked about: nginx's X-Original-URL, or Traefik's and Caddy's X-Forwarded-*. */
function forwardedUrl(request: FastifyRequest): string | undefined {
  const original = first(request.headers['x-original-url']);
  if (original) return original;
  const proto = first(request.headers['x-forwarded-proto']);
  const host = first(request.headers['x-forwarded-host']);
  const uri = first(request.headers['x-forwarded-uri']) ?? '/';
  if ((proto !== 'http' && proto !== 'https') || !host) return undefined;
  return `${proto}://${host}${uri.startsWith('/') ? uri : `/${uri}`}`;
}

function answer(reply: FastifyReply, status: number, text: string) {
  return reply.code(status).header('cache-control', 'no-store').type('text/plain').send(text);
}

/**
 * GET /auth/verify, the forward-auth check for nginx `auth_request`, Traefik `forwardAuth` and
 * Caddy `forward_auth`: 200 with oauth2-proxy's X-Auth-Request-* headers for an active, licensed
 * person with an end-user session; 401 without one; 403 when `licence=pro` and they hold Basic.
 * Without a session, when the address asked about (X-Original-URL or X-Forwarded-*) may be
 * returned to, the 401 names the sign-in that returns there in X-Auth-Request-Sign-In (nginx),
 * or with `redirect=1` (Traefik, Caddy) is a 302 to it.
 */
export function forwardAuthRoutes(app: FastifyInstance, ctx: AppContext) {
  const names = endUserCookieNames(ctx.config);
  const forwardAuth = new ForwardAuthService(ctx.db, ctx.endUserAuth.sessions);

  app.get('/auth/verify', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const wanted = query.licence;
    if (wanted !== undefined && wanted !== 'pro' && wanted !== 'basic') {
      return answer(reply, 400, 'licence must be pro or basic.');
    }
    const result = await forwardAuth.verify(request.cookies[names.session]);
    if (!result.ok) {
      const back = forwardedUrl(request);
      const checked = back ? ctx.endUserAuth.checkReturnTo(back) : undefined;
      if (checked?.ok) {
        const signIn = `${ctx.config.publicUrl}/auth/okta?rd=${encodeURIComponent(checked.target)}`;
        if (query.redirect === '1') {
          return reply.header('cache-control', 'no-store').redirect(signIn, 302);
        }
        // For nginx: `auth_request_set $sign_in $upstream_http_x_auth_request_sign_in`.
        reply.header('x-auth-request-sign-in', signIn);
      }
      return answer(reply, 401, 'Not signed in.');
    }
    const { person } = result;
    if (wanted === 'pro' && person.licence !== 'pro') {
      return answer(reply, 403, 'This needs a Pro licence.');
    }
    reply.headers({
      'x-auth-request-user': headerSafe(person.userId),
      'x-auth-request-preferred-username': headerSafe(person.userName),
      'x-auth-request-email': headerSafe(person.email),
      'x-auth-request-licence': person.licence,
      'x-auth-request-groups': person.groups.map(headerSafe).join(','),
    });
    return answer(reply, 200, 'OK');
  });
}
