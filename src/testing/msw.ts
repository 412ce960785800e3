/**
 * MSW handlers registered from the contract: `handle(api.x, resolver)` listens on the endpoint's
 * method and path, hands the resolver the request parsed with the endpoint's schemas, and checks
 * the reply against `endpoint.responses[status]`. A reply outside the contract fails the test.
 */
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import type { z } from 'zod';
import { api, type Endpoint, isStateChanging, type ReplyOf } from '../shared/api';
import { judgeIssuer } from '../shared/validation/issuer';
import { mockBackend } from './mock-backend';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface HandlerInput<E extends Endpoint> {
  params: Out<E['params']>;
  query: Out<E['query']>;
  body: Out<E['body']>;
  request: Request;
}

/** A contract reply, optionally with response headers (Retry-After, for example). */
export type MockReply<E extends Endpoint> = ReplyOf<E> & { headers?: Record<string, string> };
export type Resolver<E extends Endpoint> = (
  input: HandlerInput<E>,
) => MockReply<E> | Promise<MockReply<E>>;

/** Problems found while serving requests; setup-dom.ts fails the test when any are left. */
export const contractViolations: string[] = [];

function violation(message: string): never {
  contractViolations.push(message);
  throw new Error(message);
}

async function parseRequest<E extends Endpoint>(endpoint: E, request: Request, params: unknown) {
  const where = `${endpoint.method} ${endpoint.path}`;
  const text = await request.text();
  const rawBody: unknown = text === '' ? undefined : JSON.parse(text);
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parse = (part: string, schema: z.ZodType | undefined, value: unknown) => {
    if (!schema) return undefined;
    const result = schema.safeParse(value);
    if (!result.success)
      violation(
        `${where}: the client sent a ${part} outside the contract: ${result.error.message}`,
      );
    return result.data;
  };
  return {
    params: parse('params', endpoint.params, params),
    query: parse('query', endpoint.query, query),
    body: parse('body', endpoint.body, rawBody),
    request,
  } as HandlerInput<E>;
}

const csrfRefusal = {
  code: 'csrf',
  message: 'This request lacks a valid CSRF token. Reload the page and try again.',
};

/** One MSW handler for one contract endpoint. */
export function handle<E extends Endpoint>(endpoint: E, resolver: Resolver<E>) {
  const method = endpoint.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  return http[method](endpoint.path, async ({ request, params }) => {
    const needsCsrf = endpoint.auth === 'admin' && isStateChanging(endpoint.method);
    if (needsCsrf && !request.headers.get('x-csrf-token')) {
      return HttpResponse.json(csrfRefusal, { status: 403 });
    }
    const answer = await resolver(await parseRequest(endpoint, request, params));
    const schema = endpoint.responses[answer.status];
    const checked = schema?.safeParse(answer.body);
    if (!checked?.success) {
      violation(
        `${endpoint.method} ${endpoint.path}: the handler answered ${answer.status} outside the contract: ${checked?.error.message ?? 'status not listed'}`,
      );
    }
    const init = { status: answer.status, headers: answer.headers };
    if (answer.status === 204) return new HttpResponse(null, init);
    return HttpResponse.json(answer.body as never, init);
  });
}

/** A reply whose status stays a literal, so it is checked against the endpoint's statuses. */
export function reply<const S extends number, B>(status: S, body: B): { status: S; body: B } {
  return { status, body };
}

/** An error answer in the contract's shape. */
export function apiError<const S extends number>(
  status: S,
  code: string,
  message: string,
  fields?: Record<string, string>,
) {
  return reply(status, { code, message, ...(fields ? { fields } : {}) });
}

/** A small in-memory server: signed in, settings, stored keys, all reset after each test. */
export const defaultHandlers = [
  handle(api.getSession, () =>
    mockBackend.session
      ? reply(200, mockBackend.session)
      : apiError(401, 'unauthenticated', 'Not signed in.'),
  ),
  handle(api.signIn, ({ body }) => {
    mockBackend.session = { admin: { email: body.email }, csrfToken: 'csrf-token-after-sign-in' };
    return reply(200, mockBackend.session);
  }),
  handle(api.signOut, () => {
    mockBackend.session = null;
    return reply(204, undefined);
  }),
  handle(api.getSettings, () => reply(200, mockBackend.settings)),
  handle(api.getIncomingKeys, () => reply(200, mockBackend.incomingKeys)),
  handle(api.saveIncomingKeys, ({ body }) => {
    const verdict = judgeIssuer(body.issuerUri, { allowHttpLoopback: true });
    if (!verdict.ok)
      return apiError(400, 'invalid', verdict.message, { issuerUri: verdict.message });
    const now = new Date().toISOString();
    mockBackend.incomingKeys = {
      configured: true,
      clientId: body.clientId,
      issuerUri: verdict.issuer,
      serverKind: verdict.serverKind,
      domainKind: verdict.domainKind,
      tokenEndpointAuthMethod: 'client_secret_basic',
      secretSetAt: now,
      verifiedAt: now,
      updatedAt: now,
      updatedBy: mockBackend.session?.admin.email ?? 'admin@acme.example',
    };
    return reply(200, mockBackend.incomingKeys);
  }),
  handle(api.verifyIncomingKeys, () => {
    const keys = mockBackend.incomingKeys;
    if (!keys.configured) return apiError(404, 'not_found', 'No incoming keys are set up yet.');
    mockBackend.incomingKeys = { ...keys, verifiedAt: new Date().toISOString() };
    return reply(200, mockBackend.incomingKeys);
  }),
];

export const server = setupServer(...defaultHandlers);

/** Every request the app sent during the current test, as "METHOD /path". */
export const sentRequests: string[] = [];
server.events.on('request:start', ({ request }) => {
  sentRequests.push(`${request.method} ${new URL(request.url).pathname}`);
});
