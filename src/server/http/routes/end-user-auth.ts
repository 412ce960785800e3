import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import { constantTimeEqual } from '../../services/crypto';
import { type SignInRefusal, TRANSACTION_TTL_MS } from '../../services/end-user-auth';
import type { SignInEventInput } from '../../services/end-user-auth-events';
import { assertSameOrigin } from '../admin-auth';
import { recordBestEffort } from '../audit-attempt';
import type { AppContext } from '../context';
import { HttpError } from '../errors';
import { errorPage, mePage, refusalPage, signedOutPage } from '../pages/end-user-pages';
import { withStyleNonce } from '../security-headers';

/**
 * End users' own cookies, apart from the admin's; `__Host-` on https. With END_USER_COOKIE_DOMAIN
 * the session cookie is shared with the applications' hosts under that domain, and so cannot
 * carry the `__Host-` prefix (`__Secure-` on https instead).
 */
export function endUserCookieNames(config: Config) {
  const https = config.publicUrl.startsWith('https:');
  const prefix = https ? '__Host-' : '';
  const shared = https ? '__Secure-' : '';
  const session = config.endUserCookieDomain ? `${shared}osc_user` : `${prefix}osc_user`;
  return { session, transaction: `${prefix}osc_auth_tx` };
}

/** Lax: the callback and the redirect to /me arrive from Okta, a cross-site navigation. */
export function cookieOptions(config: Config) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https:'),
  } as const;
}

const REFUSAL_STATUS = {
  not_configured: 503,
  issuer_mismatch: 400,
  invalid_response: 400,
} as const;

const RD_REFUSED =
  'The page that sent you here asked to return you to an address this service does not send people to. Go back to the application and try again, or ask your administrator.';

export function sendPage(reply: FastifyReply, status: number, body: string) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(withStyleNonce(reply, body));
}

function one(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function queryString(request: FastifyRequest): string {
  const at = request.url.indexOf('?');
  return at === -1 ? '' : request.url.slice(at);
}

/**
 * The sign-in's records (event, audit entry, last sign-in) follow the decision and never change
 * it: when they cannot be stored, the person still gets their page and the operator a warning.
 */
export function recordSignIn(ctx: AppContext, request: FastifyRequest, event: SignInEventInput) {
  return recordBestEffort(
    request,
    { event: 'end_user.sign_in_not_recorded', outcome: event.outcome, reason: event.reason },
    'end-user sign-in not recorded',
    () => ctx.endUserAuth.events.record(event),
  );
}

/** A refused sign-in: logged, recorded, and the reason's page for the person. */
export async function refuseSignIn(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  refusal: SignInRefusal,
) {
  const { reason, login, detail } = refusal;
  request.log.info(
    { event: 'end_user.sign_in', outcome: 'refused', reason, ...(detail ? { detail } : {}) },
    'end-user sign-in refused',
  );
  await recordSignIn(ctx, request, { login, outcome: 'refused', reason });
  const status = REFUSAL_STATUS[reason as keyof typeof REFUSAL_STATUS] ?? 403;
  return sendPage(reply, status, refusalPage(reason, login));
}

/** GET /auth/okta, GET /auth/okta/callback, GET /me and POST /auth/sign-out: HTML, not the API. */
export async function endUserAuthRoutes(app: FastifyInstance, ctx: AppContext) {
  const names = endUserCookieNames(ctx.config);
  const options = cookieOptions(ctx.config);
  const domain = ctx.config.endUserCookieDomain;
  const sessionOptions = domain ? { ...options, domain } : options;
  const auth = ctx.endUserAuth;

  const refuse = (request: FastifyRequest, reply: FastifyReply, refusal: SignInRefusal) =>
    refuseSignIn(ctx, request, reply, refusal);
  const record = (request: FastifyRequest, event: SignInEventInput) =>
    recordSignIn(ctx, request, event);

  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    scope.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof HttpError) {
        return sendPage(reply, error.status, errorPage('Request refused', error.body.message));
      }
      const status = error.statusCode ?? 500;
      if (status < 500) {
        return sendPage(reply, status, errorPage('Request refused', 'The request is not valid.'));
      }
      request.log.error({ err: { type: error.name, message: error.message } }, 'request failed');
      return sendPage(
        reply,
        500,
        errorPage('Something went wrong', 'Something went wrong on our side. Try again later.'),
      );
    });

    scope.get('/auth/okta', async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const iss = query.iss === undefined ? undefined : (one(query.iss) ?? '');
      const hint = one(query.login_hint);
      let returnTo: string | undefined;
      if (query.rd !== undefined) {
        const checked = auth.checkReturnTo(one(query.rd) ?? '');
        if (!checked.ok) {
          // The address is not logged: it may carry another application's query secrets.
          request.log.info(
            { event: 'end_user.return_to_refused' },
            'sign-in return address refused',
          );
          return sendPage(reply, 400, errorPage('This sign-in link is not valid', RD_REFUSED));
        }
        returnTo = checked.target;
        // Already signed in and licensed: straight there, no new sign-in.
        const current = await auth.current(request.cookies[names.session]);
        if (current?.ok) return reply.header('cache-control', 'no-store').redirect(returnTo, 303);
      }
      const result = await auth.start({
        iss,
        loginHint: hint && hint.length <= 320 ? hint : undefined,
        returnTo,
      });
      if (!result.ok) return refuse(request, reply, result);
      reply.setCookie(names.transaction, result.transaction, {
        ...options,
        maxAge: TRANSACTION_TTL_MS / 1000,
      });
      return reply.header('cache-control', 'no-store').redirect(result.url, 302);
    });

    scope.get('/auth/okta/callback', async (request, reply) => {
      const transaction = request.cookies[names.transaction];
      reply.clearCookie(names.transaction, options);
      const result = await auth.finish(queryString(request), transaction);
      if (!result.ok) return refuse(request, reply, result);
      request.log.info({ event: 'end_user.sign_in', outcome: 'signed_in' }, 'end user signed in');
      // Authenticated and licensed: they get in even when the record of it cannot be stored.
      const { login, userId } = result;
      await record(request, { login, outcome: 'signed_in', reason: null, userId });
      reply.setCookie(names.session, result.token, {
        ...sessionOptions,
        expires: result.expiresAt,
      });
      return reply.header('cache-control', 'no-store').redirect(result.returnTo ?? '/me', 303);
    });

    scope.get('/me', async (request, reply) => {
      const current = await auth.current(request.cookies[names.session]);
      if (!current) return sendPage(reply, 200, signedOutPage());
      if (!current.ok) {
        reply.clearCookie(names.session, sessionOptions);
        return sendPage(reply, 403, refusalPage(current.reason, current.login));
      }
      return sendPage(reply, 200, mePage(current));
    });

    scope.post('/auth/sign-out', async (request, reply) => {
      assertSameOrigin(request, ctx.config);
      const token = request.cookies[names.session];
      const session = token ? await auth.sessions.find(token) : undefined;
      if (token && session) {
        const sent = one((request.body as Record<string, unknown> | undefined)?.csrf);
        if (!sent || !constantTimeEqual(sent, session.csrfToken)) {
          return sendPage(
            reply,
            403,
            errorPage('Sign-out refused', 'This form has expired. Go back, reload and try again.'),
          );
        }
        await auth.sessions.end(token);
      }
      reply.clearCookie(names.session, sessionOptions);
      return reply.header('cache-control', 'no-store').redirect('/me', 303);
    });
  });
}
