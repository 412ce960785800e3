import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { interactionPath, OIDC_PREFIX } from '../../services/oidc/provider';
import type { AppContext } from '../context';
import { errorPage } from '../pages/end-user-pages';
import { securityHeaderEntries } from '../security-headers';
import { cookieOptions, endUserCookieNames, refuseSignIn, sendPage } from './end-user-auth';

const expired = () =>
  errorPage(
    'This sign-in has expired',
    'It took too long or was already used. Go back to the application and sign in again.',
  );

/**
 * Each provider instance: its server errors logged (the message only), and a confirmed
 * RP-initiated logout also ends the console's own end-user session (cookie osc_user).
 */
export function watchProvider(app: FastifyInstance, ctx: AppContext, provider: Provider) {
  const names = endUserCookieNames(ctx.config);
  const secure = ctx.config.publicUrl.startsWith('https:') ? '; Secure' : '';
  const domain = ctx.config.endUserCookieDomain ? `; Domain=${ctx.config.endUserCookieDomain}` : '';
  provider.on('server_error', (_koa, error: Error) =>
    app.log.error({ err: { type: error.name, message: error.message } }, 'OpenID Provider error'),
  );
  provider.use(async (koa, next) => {
    await next();
    const confirmed =
      koa.method === 'POST' &&
      koa.path === `${OIDC_PREFIX}/session/end/confirm` &&
      koa.status >= 300 &&
      koa.status < 400;
    const token = confirmed ? koa.cookies.get(names.session) : undefined;
    if (!token) return;
    await ctx.endUserAuth.sessions.end(token);
    koa.append(
      'set-cookie',
      `${names.session}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure}${domain}`,
    );
  });
}

/**
 * The console as an OpenID Provider: oidc-provider answers discovery and everything under /oidc
 * (its own Koa handler on the raw request, the body left unread for it), except the interaction,
 * where the console's own sign-in and gate decide who the person is.
 */
export async function oidcProviderRoutes(app: FastifyInstance, ctx: AppContext) {
  const headers = securityHeaderEntries(ctx.config);
  const names = endUserCookieNames(ctx.config);

  const publicUrl = new URL(ctx.config.publicUrl);
  /**
   * oidc-provider writes absolute addresses (discovery, the resume after the interaction) from
   * the request's host and scheme: pinned to PUBLIC_URL, so a proxy's Host (nginx sends its
   * upstream's by default) or a forged X-Forwarded-* never shows in them.
   */
  const pin = (request: FastifyRequest) => {
    const h = request.raw.headers;
    h.host = publicUrl.host;
    h['x-forwarded-host'] = publicUrl.host;
    h['x-forwarded-proto'] = publicUrl.protocol.replace(':', '');
    delete h['x-forwarded-for'];
  };

  const delegate = async (request: FastifyRequest, reply: FastifyReply) => {
    const { callback } = await ctx.oidc.current();
    pin(request);
    reply.hijack();
    // onSend hooks do not run on a hijacked reply: the headers every answer carries, set here.
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    reply.raw.setHeader('cache-control', 'no-store');
    callback(request.raw, reply.raw);
  };

  await app.register(async (scope) => {
    // oidc-provider reads and limits the body itself.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    scope.get('/.well-known/openid-configuration', delegate);
    scope.route({ method: ['GET', 'POST'], url: `${OIDC_PREFIX}/*`, handler: delegate });

    scope.get<{ Params: { uid: string } }>(
      `${OIDC_PREFIX}/interaction/:uid`,
      async (request, reply) => {
        const { provider } = await ctx.oidc.current();
        pin(request);
        let uid: string;
        try {
          uid = (await provider.interactionDetails(request.raw, reply.raw)).uid;
        } catch {
          return sendPage(reply, 400, expired());
        }
        if (uid !== request.params.uid) return sendPage(reply, 400, expired());
        const current = await ctx.endUserAuth.current(request.cookies[names.session]);
        if (!current) {
          const back = encodeURIComponent(interactionPath(uid));
          return reply.header('cache-control', 'no-store').redirect(`/auth/okta?rd=${back}`, 303);
        }
        if (!current.ok) {
          const domain = ctx.config.endUserCookieDomain;
          const options = cookieOptions(ctx.config);
          reply.clearCookie(names.session, domain ? { ...options, domain } : options);
          return refuseSignIn(ctx, request, reply, current);
        }
        const to = await provider.interactionResult(
          request.raw,
          reply.raw,
          { login: { accountId: current.userId } },
          { mergeWithLastSubmission: false },
        );
        return reply.header('cache-control', 'no-store').redirect(to, 303);
      },
    );
  });
}
