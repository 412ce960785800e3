import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { Config } from './config';
import { type Db, databaseKind, pingDatabase } from './db/database';
import { runExclusive } from './db/locks';
import { adminCookieName } from './http/admin-auth';
import type { AppContext } from './http/context';
import { badUrlHandler, clientErrorHandler } from './http/early-errors';
import { apiErrorHandler, HttpError } from './http/errors';
import { jsonNestsDeeperThan, tooDeepMessage } from './http/json-depth';
import { buildOpenApiDocument } from './http/openapi';
import { accessKeysRoutes } from './http/routes/access-keys';
import { activityRoutes } from './http/routes/activity';
import { adminsRoutes } from './http/routes/admins';
import { apiKeysRoutes } from './http/routes/api-keys';
import { apiV1Routes } from './http/routes/api-v1';
import { applicationsRoutes } from './http/routes/applications';
import { directoryGroupsRoutes } from './http/routes/directory-groups';
import { endUserAuthRoutes } from './http/routes/end-user-auth';
import { signInEventsRoutes } from './http/routes/end-user-auth-events';
import { forwardAuthRoutes } from './http/routes/forward-auth';
import { incomingKeysRoutes } from './http/routes/incoming-keys';
import { oidcProviderRoutes, watchProvider } from './http/routes/oidc-provider';
import { scimSummaryRoutes } from './http/routes/scim-summary';
import { sessionRoutes } from './http/routes/session';
import { settingsRoutes } from './http/routes/settings';
import { usersRoutes } from './http/routes/users';
import { webhooksRoutes } from './http/routes/webhooks';
import { registerScim } from './http/scim/plugin';
import { securityHeaders } from './http/security-headers';
import { serveSpa } from './http/static';
import { AccessKeysService } from './services/access-keys';
import { createActivityServices, deprovisioningOptions } from './services/activity';
import { AdminAccounts } from './services/admin-accounts';
import { AdminAuthenticator } from './services/admins';
import { ApiKeysService } from './services/api-keys';
import { ApplicationsService } from './services/applications';
import { loadSecretKey, SecretBox } from './services/crypto';
import { DirectoryGroupsService } from './services/directory-groups';
import { createEndUserAuth } from './services/end-user-auth-setup';
import { createEventServices } from './services/events';
import { IncomingKeysService } from './services/incoming-keys';
import { LicenceService } from './services/licences';
import { endAccount, pruneExpiredPayloads } from './services/oidc/adapter';
import { OidcProviderHost } from './services/oidc/host';
import { OidcKeys } from './services/oidc/keys';
import { FailureLimiter } from './services/rate-limit';
import { createScimServices } from './services/scim';
import { AdminSessions } from './services/sessions';
import { UserDetailsService } from './services/user-details';
import type { Resolver } from './services/webhooks/address-guard';

export interface BuildOptions {
  /** Where the built SPA lives; omitted in API-only tests. */
  staticDir?: string;
  /** Where log lines go (tests capture them); stdout by default. */
  logStream?: NodeJS.WritableStream;
  /** Webhook host names are resolved with this (tests pass a hosts-style map); DNS by default. */
  webhookResolver?: Resolver;
  /** The background events loop; on by default. */
  eventWorkers?: boolean;
  /**
   * The events loop in a worker thread with its own database connection (the server, the bench);
   * in-process otherwise, and always for SQLite in memory or with `webhookResolver`.
   */
  eventsThread?: boolean;
}

/**
 * Fetch wrappers send `content-type: application/json` with no body on POST and DELETE; that reads
 * as no body (endpoints that need one answer 400 on `body`), not as a parse error.
 */
function acceptEmptyJsonBody(app: FastifyInstance, maxDepth: number) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text === '') done(null, undefined);
    else if (jsonNestsDeeperThan(text, maxDepth)) {
      done(new HttpError(400, { code: 'json_too_deep', message: tooDeepMessage(maxDepth) }));
    } else parseJson(request, text, done);
  });
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** Below Fastify's 10 s limit for an onReady hook. */
const EVENTS_READY_WAIT_MS = 3_000;

/**
 * Expired admin and end-user sessions, and activity, events and webhook deliveries past
 * ACTIVITY_RETENTION_DAYS, are deleted hourly, and once at start.
 */
function pruneExpiredSessions(app: FastifyInstance, ctx: AppContext) {
  // Several instances on one PostgreSQL: one of them prunes at a time, the others skip.
  const prune = () =>
    runExclusive(ctx.db, 'prune', async () => {
      await Promise.all([
        ctx.sessions.pruneExpired(),
        ctx.endUserAuth.sessions.pruneExpired(),
        ctx.retention.prune(),
        pruneExpiredPayloads(ctx.db),
        ctx.oidcKeys.pruneRetired(),
      ]);
    }).catch((error: Error) =>
      app.log.warn({ err: { message: error.message } }, 'session pruning failed'),
    );
  const timer = setInterval(prune, PRUNE_EVERY_MS);
  timer.unref();
  app.addHook('onReady', async () => {
    await prune();
    // Keys made on first start, before the first request needs them.
    await ctx.oidc.current();
  });
  app.addHook('onClose', async () => clearInterval(timer));
  // Events and deliveries: in the background (a first run can take a while), stopped before the
  // database closes.
  app.addHook('onReady', async () =>
    ctx.eventRetention.start(
      () => ctx.retention.cutoff(),
      PRUNE_EVERY_MS,
      (error) => app.log.warn({ err: { message: error.message } }, 'event pruning failed'),
    ),
  );
  app.addHook('onClose', async () => ctx.eventRetention.stop());
}

/** Builds the whole server from its configuration and an open, migrated database. */
export async function buildApp(
  config: Config,
  db: Db,
  options: BuildOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Never log headers, cookies or bodies: they carry sessions and secrets.
      serializers: { req: () => ({}), res: () => ({}) },
    },
    // Fastify's own request lines would carry the URL with its query; onResponse logs one line.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    // Slow clients (slowloris) get 408 and a closed connection; checked every second or sooner.
    requestTimeout: config.requestTimeoutMs,
    http: {
      headersTimeout: config.headersTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, Math.ceil(config.headersTimeoutMs / 2)),
    },
    trustProxy: false,
    frameworkErrors: badUrlHandler(config),
    clientErrorHandler: clientErrorHandler(config),
  });
  acceptEmptyJsonBody(app, config.jsonMaxDepth);
  const secretKey = loadSecretKey(config.secretKey, config.dataDir);
  const box = new SecretBox(secretKey);
  const scim = createScimServices(db, config.publicUrl, {
    deprovisioning: deprovisioningOptions(config),
    // Every OP session, grant and token of the person ends with the deactivation.
    onDeactivated: (userId) =>
      endAccount(db, userId).catch((error: Error) =>
        app.log.error({ err: { message: error.message } }, 'ending OP sessions failed'),
      ),
  });
  const applications = new ApplicationsService(db, config.allowHttpLoopbackIssuer);
  const oidcKeys = new OidcKeys(db, box);
  const activity = createActivityServices(db, config, scim);
  const ctx: AppContext = {
    config,
    db,
    admins: new AdminAuthenticator(db, config.signInMaxFailuresPerMinute),
    adminAccounts: new AdminAccounts(db),
    sessions: new AdminSessions(db, config.sessionTtlMs),
    incomingKeys: new IncomingKeysService(db, box, {
      allowHttpLoopbackIssuer: config.allowHttpLoopbackIssuer,
      discoveryTimeoutMs: config.discoveryTimeoutMs,
      redirectUri: `${config.publicUrl}/auth/okta/callback`,
    }),
    accessKeys: new AccessKeysService(db),
    scim,
    directoryGroups: new DirectoryGroupsService(db),
    licences: new LicenceService(db),
    endUserAuth: createEndUserAuth(config, db, box, () => ctx.incomingKeys.clientSettings()),
    ...activity,
    userDetails: new UserDetailsService(db, activity.provisioningLog),
    applications,
    oidcKeys,
    oidc: new OidcProviderHost(
      {
        issuer: config.publicUrl,
        db,
        applications,
        sessionTtlS: Math.round(config.endUserSessionTtlMs / 1000),
      },
      oidcKeys,
      (provider) => watchProvider(app, ctx, provider),
      config.oidcKeyCheckMs,
    ),
    apiKeys: new ApiKeysService(db),
    apiKeyFailures: new FailureLimiter(
      db,
      'api-key-auth:address',
      config.apiAuthMaxFailuresPerMinute,
      60_000,
    ),
    ...createEventServices(db, secretKey, config, {
      resolver: options.webhookResolver,
      thread: options.eventsThread,
      log: (message, details) => app.log.warn(details, message),
    }),
  };

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        path: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });
  app.setErrorHandler(apiErrorHandler);
  securityHeaders(app, config);
  await app.register(cookie);

  // Which database and whether it answers; never where it is (DATABASE_URL has the password).
  app.get('/healthz', async (_request, reply) => {
    const ok = await pingDatabase(db);
    return reply.code(ok ? 200 : 503).send({
      status: ok ? 'ok' : 'database unavailable',
      database: { kind: databaseKind(db), ok },
    });
  });
  const openApi = buildOpenApiDocument(config.publicUrl, adminCookieName(config));
  app.get('/api/openapi.json', async () => openApi);

  await sessionRoutes(app, ctx);
  adminsRoutes(app, ctx);
  applicationsRoutes(app, ctx);
  settingsRoutes(app, ctx);
  incomingKeysRoutes(app, ctx);
  accessKeysRoutes(app, ctx);
  scimSummaryRoutes(app, ctx);
  directoryGroupsRoutes(app, ctx);
  usersRoutes(app, ctx);
  signInEventsRoutes(app, ctx);
  activityRoutes(app, ctx);
  webhooksRoutes(app, ctx);
  apiKeysRoutes(app, ctx);
  apiV1Routes(app, ctx);
  await endUserAuthRoutes(app, ctx);
  await oidcProviderRoutes(app, ctx);
  forwardAuthRoutes(app, ctx);
  await registerScim(app, ctx);

  pruneExpiredSessions(app, ctx);
  if (options.eventWorkers !== false) {
    // Ready once the events thread runs, but never waiting long for it: from source (tsx) on a
    // loaded machine it can take seconds to load, and it catches up from the database anyway.
    app.addHook('onReady', async () => {
      const waited = new Promise((resolve) => setTimeout(resolve, EVENTS_READY_WAIT_MS).unref());
      await Promise.race([ctx.eventWorkers.start(), waited]);
    });
    app.addHook('onClose', async () => ctx.eventWorkers.stop());
  }

  if (options.staticDir) {
    await serveSpa(app, options.staticDir, { renderOnServer: config.renderPagesOnServer });
  } else {
    app.setNotFoundHandler((request, reply) =>
      reply.code(404).send({
        code: 'not_found',
        message: `Nothing at ${request.method} ${request.url.split('?')[0]}.`,
      }),
    );
  }
  return app;
}
