/**
 * MSW handlers registered from the contract: `handle(api.x, resolver)` listens on the endpoint's
 * method and path, hands the resolver the request parsed with the endpoint's schemas, and checks
 * the reply against `endpoint.responses[status]`. A reply outside the contract fails the test.
 */
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import type { z } from 'zod';
import { api, type Endpoint, GROUP_NOT_FOUND, isStateChanging, type ReplyOf } from '../shared/api';
import { judgeIssuer } from '../shared/validation/issuer';
import { accessKeyFactory, accessKeySecretFactory, directoryGroupFactory } from './factories';
import {
  chartOf,
  listAudit,
  listProvisioning,
  provisioningCsv,
  reactivate,
  selectProvisioning,
  syncHealthOf,
} from './mock-activity';
import { adminHandlers } from './mock-admins';
import { applicationHandlers } from './mock-applications';
import { mockBackend } from './mock-backend';
import { listGroups, listUsers } from './mock-directory';
import { webhookHandlers } from './mock-webhooks';

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
    reply(
      200,
      mockBackend.session ? { signedIn: true, ...mockBackend.session } : { signedIn: false },
    ),
  ),
  handle(api.signIn, ({ body }) => {
    mockBackend.session = {
      admin: { email: body.email },
      csrfToken: 'csrf-token-after-sign-in',
      mustChangePassword: false,
    };
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
  handle(api.listAccessKeys, () => reply(200, mockBackend.accessKeys)),
  handle(api.createAccessKey, () => {
    const { keys, maxActive } = mockBackend.accessKeys;
    if (keys.filter((k) => k.active).length >= maxActive) {
      return apiError(
        409,
        'conflict',
        `${maxActive} access keys are already active. Revoke one before creating another.`,
      );
    }
    const secret = accessKeySecretFactory();
    const key = accessKeyFactory({
      prefix: secret.slice(0, 17),
      createdAt: new Date().toISOString(),
      createdBy: mockBackend.session?.admin.email ?? 'admin@acme.example',
    });
    mockBackend.accessKeys = { keys: [key, ...keys], maxActive };
    return reply(201, { key, secret });
  }),
  handle(api.revokeAccessKey, ({ params }) => {
    const { keys, maxActive } = mockBackend.accessKeys;
    if (!keys.some((k) => k.id === params.id)) {
      return apiError(404, 'not_found', 'There is no access key with this id.');
    }
    const revokedAt = new Date().toISOString();
    mockBackend.accessKeys = {
      keys: keys.map((k) =>
        k.id === params.id && k.active
          ? { ...k, active: false, revokedAt, safeToRevoke: false }
          : k,
      ),
      maxActive,
    };
    return reply(204, undefined);
  }),
  handle(api.getScimSummary, () => reply(200, mockBackend.scimSummary)),
  ...directoryHandlers(),
  ...activityHandlers(),
  ...adminHandlers(),
  ...applicationHandlers(),
  ...webhookHandlers(),
];

/** Directory groups, users, licence totals and sign-in events over mockBackend's arrays. */
function directoryHandlers() {
  const notMapped = () =>
    apiError(404, 'not_found', 'This directory group is not mapped (any more).');
  return [
    handle(api.listDirectoryGroups, ({ query }) =>
      reply(200, listGroups(mockBackend.directoryGroups, query)),
    ),
    handle(api.suggestDirectoryGroups, ({ query }) => {
      const prefix = query.prefix.trim().toLowerCase();
      const mapped = new Set(mockBackend.directoryGroups.map((g) => g.name));
      const groups = mockBackend.pushedGroups
        .filter((g) => g.name.toLowerCase().startsWith(prefix))
        .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()))
        .slice(0, query.limit)
        .map((g) => ({ ...g, mapped: mapped.has(g.name) }));
      return reply(200, { groups });
    }),
    handle(api.previewSeatEffect, ({ query }) => {
      if (query.mappingId && !mockBackend.directoryGroups.some((g) => g.id === query.mappingId))
        return notMapped();
      return reply(200, mockBackend.seatEffect);
    }),
    handle(api.createDirectoryGroup, ({ body }) => {
      const pushed = mockBackend.pushedGroups.find((g) => g.name === body.groupName);
      if (!pushed && !body.addAnyway) {
        const message = `Group "${body.groupName}" was not found. Okta may not have finished pushing it: wait a few minutes and try again, or add it anyway and it will take effect when Okta pushes it.`;
        return apiError(400, GROUP_NOT_FOUND, message, { groupName: message });
      }
      const existing = mockBackend.directoryGroups.find((g) => g.name === body.groupName);
      if (existing) {
        const label = existing.capability === 'pro' ? 'Pro' : 'Basic';
        return apiError(
          409,
          'conflict',
          `"${body.groupName}" is already mapped (to ${label}). Change its capability in the table instead.`,
          { groupName: `"${body.groupName}" is already mapped (to ${label}).` },
        );
      }
      const created = directoryGroupFactory({
        name: body.groupName,
        capability: body.capability,
        members: pushed ? 3 : 0,
        status: pushed ? 'synced' : 'waiting',
        createdAt: new Date().toISOString(),
        createdBy: mockBackend.session?.admin.email ?? 'admin@acme.example',
      });
      mockBackend.directoryGroups = [...mockBackend.directoryGroups, created];
      return reply(201, created);
    }),
    handle(api.updateDirectoryGroup, ({ params, body }) => {
      const group = mockBackend.directoryGroups.find((g) => g.id === params.id);
      if (!group) return notMapped();
      const updated = { ...group, capability: body.capability };
      mockBackend.directoryGroups = mockBackend.directoryGroups.map((g) =>
        g.id === params.id ? updated : g,
      );
      return reply(200, updated);
    }),
    handle(api.deleteDirectoryGroup, ({ params }) => {
      if (!mockBackend.directoryGroups.some((g) => g.id === params.id)) return notMapped();
      mockBackend.directoryGroups = mockBackend.directoryGroups.filter((g) => g.id !== params.id);
      return reply(204, undefined);
    }),
    handle(api.listUsers, ({ query }) => reply(200, listUsers(mockBackend.users, query))),
    handle(api.getLicenceTotals, () => reply(200, mockBackend.licenceTotals)),
    handle(api.getSetupStatus, () => reply(200, mockBackend.setupStatus)),
    handle(api.getUser, ({ params }) => {
      const user = Object.hasOwn(mockBackend.userDetails, params.id)
        ? mockBackend.userDetails[params.id]
        : undefined;
      return user
        ? reply(200, user)
        : apiError(404, 'not_found', 'No provisioned user has this id.');
    }),
    handle(api.listSignInEvents, ({ query }) => {
      const events = mockBackend.signInEvents
        .filter((e) => query.outcome === 'all' || e.outcome === query.outcome)
        .filter((e) => query.before === undefined || e.id < query.before)
        .slice(0, query.limit);
      return reply(200, { events });
    }),
  ];
}

/** Provisioning activity, audit log, chart, sync health and bursts over mockBackend's arrays. */
function activityHandlers() {
  const exportEndpoint = api.exportProvisioningActivity;
  return [
    // A backwards time range is outside the contract: parseRequest reports it as a violation.
    handle(api.listProvisioningActivity, ({ query }) =>
      reply(200, listProvisioning(mockBackend.provisioning, query)),
    ),
    // CSV, not JSON: a plain handler, checking the query against the contract all the same.
    http.get(exportEndpoint.path, ({ request }) => {
      const raw = Object.fromEntries(new URL(request.url).searchParams);
      const query = exportEndpoint.query.safeParse(raw);
      if (!query.success) {
        violation(`GET ${exportEndpoint.path}: query outside the contract: ${query.error.message}`);
      }
      return new HttpResponse(
        provisioningCsv(selectProvisioning(mockBackend.provisioning, query.data)),
        {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="provisioning-activity.csv"',
          },
        },
      );
    }),
    handle(api.getActivityChart, ({ query }) =>
      reply(200, chartOf(mockBackend.provisioning, query.hours, Date.now())),
    ),
    handle(api.listAuditLog, ({ query }) => reply(200, listAudit(mockBackend.audit, query))),
    handle(api.getSyncHealth, () => reply(200, syncHealthOf(mockBackend, Date.now()))),
    handle(api.reactivateBurst, ({ params }) => {
      const by = mockBackend.session?.admin.email ?? 'admin@acme.example';
      const result = reactivate(mockBackend, params.id, by);
      if (result === 'not_found') {
        return apiError(404, 'not_found', 'There is no deprovisioning burst with this id.');
      }
      if (result === 'done') {
        return apiError(409, 'conflict', "This burst's users were reactivated already.");
      }
      mockBackend.users = result.users;
      mockBackend.bursts = mockBackend.bursts.map((b) => (b.id === params.id ? result.burst : b));
      return reply(200, { burst: result.burst, reactivated: result.reactivated });
    }),
  ];
}

export const server = setupServer(...defaultHandlers);

/** Every request the app sent during the current test, as "METHOD /path". */
export const sentRequests: string[] = [];
server.events.on('request:start', ({ request }) => {
  sentRequests.push(`${request.method} ${new URL(request.url).pathname}`);
});
