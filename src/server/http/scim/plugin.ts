import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SCHEMA } from '../../../shared/scim/constants';
import { ServiceError, tooManyFailures } from '../../services/errors';
import { FailureLimiter } from '../../services/rate-limit';
import { discoveryDocuments } from '../../services/scim/discovery';
import { invalidSyntax, notFound, ScimError } from '../../services/scim/errors';
import type { AppContext } from '../context';
import { jsonNestsDeeperThan, tooDeepMessage } from '../json-depth';
import { recordScimActivity } from './activity-hook';
import { scimErrorHandler, sendScim } from './reply';
import { resourceRoutes } from './resources';

export interface ScimOptions {
  /** Largest body accepted; a PUT of a 50,000-member group is about 4 MB. */
  bodyLimit?: number;
  /** Failed authentications per address per minute before 429. */
  maxFailuresPerMinute?: number;
}

const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;

/** Addresses that sent a wrong key lately, on this instance (their key is always checked). */
class RecentFailures {
  private readonly atMs = new Map<string, number>();
  constructor(private readonly windowMs: number) {}

  add(address: string) {
    const now = Date.now();
    if (this.atMs.size >= 10_000) {
      for (const [a, at] of this.atMs) if (now - at >= this.windowMs) this.atMs.delete(a);
      if (this.atMs.size >= 10_000) this.atMs.clear();
    }
    this.atMs.set(address, now);
  }

  has(address: string): boolean {
    const at = this.atMs.get(address);
    return at !== undefined && Date.now() - at < this.windowMs;
  }
}

function authenticate(ctx: AppContext, limiter: FailureLimiter) {
  const recentFailures = new RecentFailures(limiter.windowMs);
  return async (request: FastifyRequest) => {
    let check: ReturnType<FailureLimiter['check']> | undefined;
    const limit = () => {
      check ??= limiter.check(request.ip);
      return check;
    };
    const enforce = (atMs: number | null | undefined) => {
      const wait = limit().secondsToWait(atMs);
      if (wait > 0) {
        throw tooManyFailures('requests with a wrong access key', wait);
      }
    };
    try {
      // The rate limit is checked first, in the key's query: one round trip for both.
      await ctx.accessKeys.authenticate(request.headers.authorization, {
        mayTrustRecentCheck: !recentFailures.has(request.ip),
        failure: () => limit().failure,
        enforce,
      });
    } catch (error) {
      if (error instanceof ServiceError && error.kind === 'unauthenticated') {
        recentFailures.add(request.ip);
        await limiter.fail(request.ip);
      }
      throw error;
    }
  };
}

/** The SCIM 2.0 service provider under /scim/v2: its own parser, auth, errors and request log. */
export async function registerScim(
  app: FastifyInstance,
  ctx: AppContext,
  options: ScimOptions = {},
) {
  const bodyLimit = options.bodyLimit ?? Math.max(ctx.config.bodyLimitBytes, DEFAULT_BODY_LIMIT);
  const limiter = new FailureLimiter(
    ctx.db,
    'scim-auth:address',
    options.maxFailuresPerMinute ?? ctx.config.scimAuthMaxFailuresPerMinute,
    60_000,
  );
  const maxDepth = ctx.config.jsonMaxDepth;
  const docs = discoveryDocuments(ctx.scim.baseUrl, bodyLimit);
  const validate = ctx.config.validateResponses;

  await app.register(
    async (scope) => {
      scope.removeContentTypeParser(['application/json', 'text/plain']);
      scope.addContentTypeParser(
        ['application/json', 'application/scim+json'],
        { parseAs: 'string', bodyLimit },
        (_request, body, done) => {
          if (body === '') return done(null, undefined);
          if (jsonNestsDeeperThan(body as string, maxDepth)) {
            return done(invalidSyntax(tooDeepMessage(maxDepth)), undefined);
          }
          try {
            done(null, JSON.parse(body as string));
          } catch {
            done(invalidSyntax('The body is not valid JSON.'), undefined);
          }
        },
      );
      scope.setErrorHandler(scimErrorHandler);
      scope.setNotFoundHandler((request) => {
        throw new ScimError(404, `Nothing at ${request.method} ${request.url.split('?')[0]}.`);
      });
      scope.addHook('onRequest', authenticate(ctx, limiter));
      scope.addHook('onClose', async () => ctx.scim.activity.flush());
      recordScimActivity(scope, ctx.scim.activity);

      const list = (resources: unknown[]) => ({
        schemas: [SCHEMA.listResponse],
        totalResults: resources.length,
        startIndex: 1,
        itemsPerPage: resources.length,
        Resources: resources,
      });
      scope.get('/ServiceProviderConfig', async (_req, reply) =>
        sendScim(reply, 200, docs.serviceProviderConfig),
      );
      scope.get('/ResourceTypes', async (_req, reply) =>
        sendScim(reply, 200, list(docs.resourceTypes)),
      );
      scope.get<{ Params: { id: string } }>('/ResourceTypes/:id', async (request, reply) => {
        const found = docs.resourceTypes.find((r) => r.id === request.params.id);
        if (!found) throw notFound('resource type', request.params.id);
        return sendScim(reply, 200, found);
      });
      scope.get('/Schemas', async (_req, reply) => sendScim(reply, 200, list(docs.schemas)));
      scope.get<{ Params: { id: string } }>('/Schemas/:id', async (request, reply) => {
        const found = docs.schemas.find((s) => s.id === request.params.id);
        if (!found) throw notFound('schema', request.params.id);
        return sendScim(reply, 200, found);
      });
      resourceRoutes(scope, ctx.scim, validate);
    },
    { prefix: '/scim/v2' },
  );
}
