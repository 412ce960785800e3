import type { FastifyInstance } from 'fastify';
import { createApiKey, listApiKeys, revokeApiKey } from '../../../shared/api/api-keys';
import type { AppContext } from '../context';
import { registerEndpoint, respond } from '../endpoint';

export function apiKeysRoutes(app: FastifyInstance, ctx: AppContext) {
  registerEndpoint(app, ctx, listApiKeys, async () =>
    respond(200, { keys: await ctx.apiKeys.list() }),
  );

  registerEndpoint(app, ctx, createApiKey, async ({ body, admin, request }) => {
    const created = await ctx.audit.recorded(
      (trx) => ctx.apiKeys.withDb(trx).create(body.name, admin.email),
      ({ key }) => ({
        kind: 'api_key_created',
        actor: admin.email,
        summary: `Created the read-only API key ${key.name} (${key.prefix}…)`,
        details: { keyId: key.id, name: key.name, prefix: key.prefix },
      }),
    );
    request.log.info(
      { event: 'api_key.created', admin: admin.email, key: created.key.prefix },
      'API key created',
    );
    return respond(201, created);
  });

  registerEndpoint(app, ctx, revokeApiKey, async ({ params, admin }) => {
    await ctx.audit.recorded(
      (trx) => ctx.apiKeys.withDb(trx).revoke(params.id),
      (revoked) =>
        revoked && {
          kind: 'api_key_revoked',
          actor: admin.email,
          summary: `Revoked the API key ${revoked.name} (${revoked.prefix}…)`,
          details: { keyId: revoked.id, name: revoked.name, prefix: revoked.prefix },
        },
    );
    return respond(204, undefined);
  });
}
