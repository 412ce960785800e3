import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { changePassword } from '../../shared/api/admins';
import { type Endpoint, isStateChanging, type ReplyOf } from '../../shared/api/endpoint';
import { PASSWORD_CHANGE_REQUIRED, signOut } from '../../shared/api/session';
import type { AdminSessionInfo } from '../services/sessions';
import { assertSameOrigin, requireAdmin } from './admin-auth';
import { authenticateApiKey } from './api-key-auth';
import type { AppContext } from './context';
import { HttpError, requestErrorMap, zodIssuesToHttpError } from './errors';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface HandlerInput<E extends Endpoint> {
  params: Out<E['params']>;
  query: Out<E['query']>;
  body: Out<E['body']>;
  /** The signed-in admin, for endpoints with `auth: 'admin'`. */
  admin: E['auth'] extends 'admin' ? AdminSessionInfo : undefined;
  request: FastifyRequest;
  reply: FastifyReply;
}

function parsePart(where: string, schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value, { error: requestErrorMap });
  if (!result.success) throw zodIssuesToHttpError(where, result.error.issues);
  return result.data;
}

/** What an admin with a password the console made may do: choose their own, or sign out. */
const DURING_PASSWORD_CHANGE: ReadonlySet<Endpoint> = new Set<Endpoint>([changePassword, signOut]);

const CHOOSE_PASSWORD_FIRST = new HttpError(403, {
  code: PASSWORD_CHANGE_REQUIRED,
  message: 'Choose a new password first: this one was made by the console.',
});

/**
 * Registers one contract endpoint: same-origin and session checks, request parsing with the
 * contract's schemas, and (in tests) the response checked against the contract too.
 */
export function registerEndpoint<E extends Endpoint>(
  app: FastifyInstance,
  ctx: AppContext,
  endpoint: E,
  handler: (input: HandlerInput<E>) => Promise<ReplyOf<E>>,
): void {
  const stateChanging = isStateChanging(endpoint.method);
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    handler: async (request, reply) => {
      if (stateChanging) assertSameOrigin(request, ctx.config);
      const admin =
        endpoint.auth === 'admin'
          ? await requireAdmin(request, ctx.config, ctx.sessions, stateChanging)
          : undefined;
      if (endpoint.auth === 'apiKey') await authenticateApiKey(ctx, request);
      if (admin?.mustChangePassword && !DURING_PASSWORD_CHANGE.has(endpoint)) {
        throw CHOOSE_PASSWORD_FIRST;
      }
      const input = {
        params: parsePart('params', endpoint.params, request.params),
        query: parsePart('query', endpoint.query, request.query),
        body: parsePart('body', endpoint.body, request.body),
        admin,
        request,
        reply,
      } as HandlerInput<E>;
      const result = await handler(input);
      const schema = endpoint.responses[result.status];
      // A streamed download is checked by its tests on the text received, not here.
      if (ctx.config.validateResponses && !(result.body instanceof Readable)) {
        const checked = schema?.safeParse(result.body);
        if (!checked?.success) {
          throw new Error(
            `${endpoint.method} ${endpoint.path} answered ${result.status} outside its contract: ${checked?.error.message ?? 'status not listed'}`,
          );
        }
      }
      reply.header('cache-control', 'no-store');
      const status: number = result.status;
      if (status === 204) return reply.code(204).send();
      // A download (CSV) is sent as its text; everything else as JSON.
      if (endpoint.successType && status < 300) {
        reply.type(`${endpoint.successType}; charset=utf-8`);
      }
      return reply.code(status).send(result.body);
    },
  });
}

/**
 * A download (an endpoint with `successType`) sent as it is produced: its contract schema is the
 * text, which the client receives whole; the server never holds it whole.
 */
export function respondStream<const S extends number>(
  status: S,
  stream: Readable,
): { status: S; body: string } {
  return { status, body: stream as unknown as string };
}

/** A reply whose status stays a literal, so it is checked against the contract's statuses. */
export function respond<const S extends number, B>(status: S, body: B): { status: S; body: B } {
  return { status, body };
}

export { HttpError };
