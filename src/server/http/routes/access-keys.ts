import type { FastifyInstance } from 'fastify';
import { createAccessKey, listAccessKeys, revokeAccessKey } from '../../../shared/api/access-keys';
import { ServiceError } from '../../services/errors';
import type { AppContext } from '../context';
import { registerEndpoint, respond } from '../endpoint';
import { fromServiceError } from '../errors';

export function accessKeysRoutes(app: FastifyInstance, ctx: AppContext) {
  registerEndpoint(app, ctx, listAccessKeys, async () => respond(200, await ctx.accessKeys.list()));

  registerEndpoint(app, ctx, createAccessKey, async ({ admin, request }) => {
    try {
      const created = await ctx.audit.recorded(
        (trx) => ctx.accessKeys.withDb(trx).create(admin.email),
        ({ key }) => ({
          kind: 'access_key_created',
          actor: admin.email,
          summary: `Created the SCIM access key ${key.prefix}…`,
          details: { keyId: key.id, prefix: key.prefix },
        }),
      );
      request.log.info(
        { event: 'access_key.created', admin: admin.email, key: created.key.prefix },
        'SCIM access key created',
      );
      return respond(201, created);
    } catch (error) {
      if (error instanceof ServiceError && error.kind === 'conflict') {
        return respond(409, fromServiceError(error).body);
      }
      throw error;
    }
  });

  registerEndpoint(app, ctx, revokeAccessKey, async ({ params, admin, request }) => {
    // Revoking a revoked key changes nothing and records nothing.
    await ctx.audit.recorded(
      (trx) => ctx.accessKeys.withDb(trx).revoke(params.id),
      (revoked) =>
        revoked && {
          kind: 'access_key_revoked',
          actor: admin.email,
          summary: `Revoked the SCIM access key ${revoked.prefix}…`,
          details: { keyId: params.id, prefix: revoked.prefix },
        },
    );
    request.log.info(
      { event: 'access_key.revoked', admin: admin.email, id: params.id },
      'SCIM access key revoked',
    );
    return respond(204, undefined);
  });
}
