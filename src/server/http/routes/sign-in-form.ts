import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { signIn } from '../../../shared/api/session';
import { RETURN_PARAM, safeReturnPath } from '../../../shared/return-path';
import { ServiceError } from '../../services/errors';
import { adminToken } from '../admin-auth';
import type { AppContext } from '../context';
import { apiErrorHandler, fromServiceError, HttpError } from '../errors';
import { signInPage } from '../pages/sign-in-page';
import { withStyleNonce } from '../security-headers';

const FORM = 'application/x-www-form-urlencoded';

/**
 * POST /api/session at the sign-in page's address: the page's form posts here, so a refused
 * sign-in answers with the page at /sign-in. Same contract, handler, checks and audit.
 */
export const SIGN_IN_FORM_ENDPOINT = { ...signIn, path: '/sign-in' } as const;

/** The browser's own form POST (the sign-in page without script), not the console's fetch. */
export const isFormPost = (request: FastifyRequest) =>
  String(request.headers['content-type'] ?? '').startsWith(FORM);

const returnPathOf = (request: FastifyRequest) =>
  safeReturnPath((request.query as Record<string, unknown> | undefined)?.[RETURN_PARAM]);

function sendSignInPage(reply: FastifyReply, status: number, page: string) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(withStyleNonce(reply, page));
}

/** What the form shows for a refused sign-in: messages under the fields, or one alert. */
function formErrorView(error: HttpError) {
  const fields = error.body.fields ?? {};
  const known = { email: fields.email, password: fields.password };
  const elsewhere = Object.keys(fields).some((f) => f !== 'email' && f !== 'password');
  if ((known.email || known.password) && !elsewhere) return { fields: known };
  return { alert: error.body.message };
}

/**
 * The sign-in endpoint's second face. POST /api/session keeps its JSON contract (rate limits,
 * lockout, same-origin check, audit) for scripts and tests; a form post (to /sign-in, or to
 * /api/session) gets the same checks and, instead of JSON, a redirect to the page the admin asked
 * for, or the page again with the messages next to its fields. Registered in the scope of the
 * session routes, whose form parser and error handler these are.
 */
export function signInForm(scope: FastifyInstance, ctx: AppContext) {
  scope.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  // A signed-in admin goes on at once; everyone else gets the form.
  scope.get('/sign-in', async (request, reply) => {
    const token = adminToken(request, ctx.config);
    const returnPath = returnPathOf(request);
    if (token && (await ctx.sessions.find(token))) {
      return reply.header('cache-control', 'no-store').redirect(returnPath, 303);
    }
    return sendSignInPage(reply, 200, signInPage({ returnPath }));
  });

  // Success: the endpoint's JSON answer becomes a redirect (the cookie is already set).
  scope.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'POST' || !isFormPost(request) || reply.statusCode !== 200) {
      return payload;
    }
    reply.code(303).header('location', returnPathOf(request)).type('text/plain; charset=utf-8');
    return '';
  });

  scope.setErrorHandler((error: FastifyError, request, reply) => {
    if (!(request.method === 'POST' && isFormPost(request))) {
      return apiErrorHandler(error, request, reply);
    }
    const http =
      error instanceof HttpError
        ? error
        : error instanceof ServiceError
          ? fromServiceError(error)
          : undefined;
    if (!http) return apiErrorHandler(error, request, reply);
    const body = request.body as Record<string, unknown> | undefined;
    const email = typeof body?.email === 'string' ? body.email.slice(0, 320) : undefined;
    reply.headers(http.headers);
    return sendSignInPage(
      reply,
      http.status,
      signInPage({ email, returnPath: returnPathOf(request), ...formErrorView(http) }),
    );
  });
}
